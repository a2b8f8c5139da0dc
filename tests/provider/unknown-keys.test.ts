// Which quickbi:* keys are refused, and what the refusal suggests.
import assert from "node:assert/strict";
import { KNOWN_CONFIG_KEYS } from "../../provider/config/known-config-keys";
import { unknownConfigKeyProblems } from "../../provider/config/unknown-keys";

describe("unknown quickbi:* config keys", () => {
  it("accepts every key the declaration knows", () => {
    assert.deepEqual(unknownConfigKeyProblems(KNOWN_CONFIG_KEYS), []);
  });

  it("leaves other namespaces alone", () => {
    assert.deepEqual(unknownConfigKeyProblems(["alicloud:regoin", "myproject:peopleFile"]), []);
  });

  for (const [typo, meant] of [
    ["quickbi:regoin", "quickbi:region"],
    ["quickbi:endpiont", "quickbi:endpoint"],
    ["quickbi:maxattempts", "quickbi:maxAttempts"],
    ["quickbi:strictPreveiw", "quickbi:strictPreview"],
    ["quickbi:secretkey", "quickbi:secretKey"],
  ] as const) {
    it(`refuses ${typo}, suggesting ${meant}`, () => {
      const [problem] = unknownConfigKeyProblems([typo]);
      assert.match(problem!, new RegExp(`^stack config ${typo} is not a setting .*did you mean ${meant}\\?`));
    });
  }

  it("lists the known keys when nothing is near, and says a newer version's key is refused too", () => {
    const [problem] = unknownConfigKeyProblems(["quickbi:colourScheme"]);
    assert.doesNotMatch(problem!, /did you mean/);
    assert.match(problem!, /it knows quickbi:endpoint, quickbi:region/);
    assert.match(problem!, /A setting added by a newer version is refused too: upgrade the package/);
  });
});
