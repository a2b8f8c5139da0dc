// A stack with no credentials at all (no stack config, no environment, no profile) through the real
// provider host, where one process serves the preview's check and the create that follows in the
// same `pulumi up`: the case in which @alicloud/credentials' default chain used to stick to its last
// provider and send the create to `https://undefined/`.
import assert from "node:assert/strict";
import { type QuickBIEmulator } from "../../emulator";
import { startHostSession, type HostSession } from "../../harness/host-session";
import { urnFor } from "../../harness/provider-host";
import { ALICE, startCanaryEmulator } from "../support/configured-provider";
import { REVOCATION_TYPE, revocationProviderText } from "../support/revocation-provider-text";

const URN = urnFor(REVOCATION_TYPE, "offboard-alice");

describe("a revocation with no credentials anywhere, in the real provider host", () => {
  let emulator: QuickBIEmulator;
  let session: HostSession;

  before(async () => {
    emulator = await startCanaryEmulator();
    session = await startHostSession({
      provider: await revocationProviderText(),
      // Lenient previews, so that create is reached: a strict preview (the default) stops at check,
      // which tests/resource/lifecycle.test.ts covers.
      config: {
        "quickbi:endpoint": emulator.url,
        "quickbi:maxAttempts": "1",
        "quickbi:strictPreview": "false",
      },
    });
  });
  after(async () => {
    await session?.stop();
    await emulator?.stop();
  });

  it("with strict previews off, previews with the impact unknown, then fails each create naming the missing credentials", async () => {
    const checked = await session.host.check(URN, {}, session.props({ userId: ALICE }));
    assert.deepEqual(checked.failures, []);
    assert.match(String((checked.inputs.impact as { summary: string }).summary), /CredentialsUnavailable/);

    for (const attempt of ["first", "second"]) {
      const error = await session.host.create(URN, checked.inputs).then(
        () => assert.fail(`the ${attempt} create succeeded`),
        (e: Error) => e,
      );
      assert.match(error.message, /failed: CredentialsUnavailable: no Alibaba Cloud credentials were found/);
      assert.match(error.message, /pulumi config set --secret quickbi:accessKey/);
      assert.doesNotMatch(error.message, /undefined|ENOTFOUND/, `the ${attempt} create`);
    }
    assert.equal(emulator.requests().length, 0);
  });
});
