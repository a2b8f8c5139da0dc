// The check most tests of this layer end with: the command withdrew the user exactly once, Quick BI
// answered success, and the state's audit record holds the RequestId of that very call.
import assert from "node:assert/strict";
import type { RevocationOutputs } from "../../../provider/revocation/outputs";
import { callsOf, WITHDRAW, type CliStack, type CommandRun } from "./cli-stack";

/** Asserts that `run` made one successful WithdrawAllUserGroups recorded in the state; returns the record. */
export async function recordOfTheOneWithdrawal(stack: CliStack, run: CommandRun): Promise<RevocationOutputs> {
  const withdrawals = callsOf(run, WITHDRAW);
  assert.equal(
    withdrawals.length,
    1,
    `${run.command} made ${withdrawals.length} WithdrawAllUserGroups calls`,
  );
  assert.equal(withdrawals[0]?.status, 200);
  const [revocation, ...others] = await stack.revocations();
  assert.equal(others.length, 0);
  const record = revocation?.outputs as unknown as RevocationOutputs;
  assert.equal(record.requestId, withdrawals[0]?.requestId);
  return record;
}
