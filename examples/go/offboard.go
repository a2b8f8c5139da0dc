package main

import (
	"github.com/pulumi-quickbi-offboarding/pulumi-quickbi-offboarding/sdk/go/quickbi"
	"github.com/pulumi-quickbi-offboarding/pulumi-quickbi-offboarding/sdk/go/quickbi/config"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// offboard is the program: one person withdrawn from every Quick BI user group.
//
// Point it at the emulator with `pulumi config set quickbi:endpoint http://127.0.0.1:8080` and the
// emulator's key pair in ALIBABA_CLOUD_ACCESS_KEY_ID / ALIBABA_CLOUD_ACCESS_KEY_SECRET: a resource
// used directly gets credentials from the Alibaba Cloud credentials chain, not from alicloud:* config.
func offboard(ctx *pulumi.Context) error {
	alice, err := quickbi.NewUserGroupRevocation(ctx, "offboard-alice", &quickbi.UserGroupRevocationArgs{
		// The Quick BI UserId (member management, or QueryUserInfoByAccount), not the Alibaba Cloud UID.
		UserId: pulumi.String("46e5374665ba4b679ee22e2a2927abcd"),
		Reason: pulumi.String("Left the company on 2026-11-30"),
		Ticket: pulumi.String("HR-4711"),
	})
	if err != nil {
		return err
	}
	ctx.Export("requestId", alice.RequestId)
	ctx.Export("groupsRemoved", alice.GroupsRemoved)
	// Every quickbi:* key is typed in the SDK's config package, generated from schema.json.
	ctx.Export("strictPreview", pulumi.Bool(config.GetStrictPreview(ctx)))
	return nil
}
