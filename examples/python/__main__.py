"""Offboard one person from Quick BI, from a Python stack.

Point it at the emulator with `pulumi config set quickbi:endpoint http://127.0.0.1:8080` and the
emulator's key pair in ALIBABA_CLOUD_ACCESS_KEY_ID / ALIBABA_CLOUD_ACCESS_KEY_SECRET: a resource used
directly gets credentials from the Alibaba Cloud credentials chain, not from alicloud:* config.
"""
import pulumi
import pulumi_quickbi as quickbi

alice = quickbi.UserGroupRevocation(
    "offboard-alice",
    # The Quick BI UserId (member management, or QueryUserInfoByAccount), not the Alibaba Cloud UID.
    user_id="46e5374665ba4b679ee22e2a2927abcd",
    reason="Left the company on 2026-11-30",
    ticket="HR-4711",
    # Offboarded by mistake? `pulumi config set restore '{"ticket": "HR-4712"}'` gives back what the
    # record says was taken, as a reviewed change; removing it offboards her again.
    restore=pulumi.Config().get_object("restore"),
)

pulumi.export("requestId", alice.request_id)
pulumi.export("groupsRemoved", alice.groups_removed)
# Every quickbi:* key is typed in the SDK's config module, generated from schema.json.
pulumi.export("strictPreview", quickbi.config.strict_preview)
