// The second change of the offboard-one session: alice was offboarded by mistake, and a reviewed change
// gives back what the record says was taken (`restore` in the stack config the program reads), then
// removing it offboards her again. Each write is checked against the emulator's request log.
import type { QuickBIEmulator } from "../../emulator";
import type { LocalStack } from "../../harness/local-stack";
import { changes, count, expect, groupsOf, membership, pulumi, WITHDRAW } from "./session";

const REVOCATION = "pulumi-nodejs:dynamic/quickbi:UserGroupRevocation";
const RESTORE = { ticket: "HR-4712", reason: "offboarded by mistake" };
const ADD = "AddUserGroupMembers";

/** A restore as one record of `restores` holds it (the fields this session checks). */
interface Restored {
  readonly status: string;
  readonly groups: readonly { readonly name: string; readonly requestId: string }[];
  readonly verifiedAt?: string;
}

export async function restoreAlice(
  local: LocalStack,
  emulator: QuickBIEmulator,
  userId: string,
): Promise<void> {
  const groupsOfAlice = () => groupsOf(emulator, userId);
  const [{ outputs: before = {} } = {}] = await local.resources(REVOCATION);
  const removed = (before.groupsRemoved as { name: string }[] | undefined) ?? [];

  console.log(`\nalice was offboarded by mistake. The fix is a reviewed change: restore, with its ticket.`);
  console.log(`$ pulumi config set restore '${JSON.stringify(RESTORE)}'`);
  await local.stack.setConfig("restore", { value: JSON.stringify(RESTORE) });

  const preview = await pulumi(local, emulator, "preview --diff");
  expect(!preview.error, `the restore's preview failed: ${preview.error?.message}`);
  const planned = changes(preview.steps);
  expect(
    planned.length === 1 && planned[0]?.op === "update",
    `the restore should plan one update (never a replacement), planned: ${planned.map((s) => s.op).join(", ")}`,
  );
  const restoring = planned[0].inputs.restoring as { summary?: string } | undefined;
  expect(
    restoring?.summary?.startsWith(
      `alice (Alice Wang) will rejoin ${removed.length} user groups: ${removed.map((g) => g.name).join(", ")}`,
    ) === true,
    `the restore's preview says ${JSON.stringify(restoring?.summary)}`,
  );
  expect(count(preview.requests, ADD) === 0, `the preview called ${ADD}`);

  const up = await pulumi(local, emulator, "up --yes");
  expect(!up.error, `the restore's up failed: ${up.error?.message}`);
  const adds = up.requests.filter((r) => r.action === ADD);
  expect(
    adds.length === removed.length && adds.every((r) => r.status === 200),
    `the up called ${ADD} ${adds.length} times`,
  );
  const [{ outputs: after = {} } = {}] = await local.resources(REVOCATION);
  const record = (after.restores as Restored[] | undefined)?.at(-1);
  expect(
    record?.status === "done" && record.verifiedAt !== undefined,
    `the restore's record is ${JSON.stringify(record)}`,
  );
  expect(
    record.groups.map((g) => g.requestId).join() === adds.map((r) => r.requestId).join(),
    `the record's RequestIds ${record.groups.map((g) => g.requestId).join(", ")} are not those of the ${ADD} calls`,
  );
  console.log(
    `\nThe state's restores (pulumi stack export) record each ${ADD} with its RequestId, read back at ${record.verifiedAt}:`,
  );
  for (const g of record.groups) console.log(`  ${g.name}  RequestId ${g.requestId}`);
  console.log(`alice is now ${membership(groupsOfAlice())}`);
  expect(
    groupsOfAlice().length === removed.length,
    `after the restore, alice is ${membership(groupsOfAlice())}`,
  );

  console.log(`\nOffboarding her again is one more change: remove restore.`);
  console.log(`$ pulumi config rm restore`);
  await local.stack.removeConfig("restore");
  const again = await pulumi(local, emulator, "up --yes");
  expect(!again.error, `offboarding again failed: ${again.error?.message}`);
  expect(
    count(again.requests, WITHDRAW) === 1,
    `offboarding again called ${WITHDRAW} ${count(again.requests, WITHDRAW)} times`,
  );
  const [{ outputs: last = {} } = {}] = await local.resources(REVOCATION);
  const history = (last.history as unknown[] | undefined) ?? [];
  const restores = (last.restores as unknown[] | undefined) ?? [];
  expect(
    history.length === 1 && restores.length === 1,
    `history has ${history.length}, restores ${restores.length}`,
  );
  console.log(
    `alice is now ${membership(groupsOfAlice())}; the record keeps both withdrawals and the restore.`,
  );
  expect(groupsOfAlice().length === 0, `after offboarding again, alice is ${membership(groupsOfAlice())}`);
}
