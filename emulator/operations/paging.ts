// Paging as Quick BI's list operations do it (QueryUserList, QueryWorkspaceUserList): PageNum from 1,
// PageSize 10 by default and at most 1000 (the official SDK models' documented bounds), and a Result
// that says the page, its size and the totals.
import { ApiError } from "../errors";
import type { OperationContext } from "./context";

/** The bounds the models document for PageSize. */
export const PAGE_SIZE = { default: 10, max: 1000 } as const;

/** One page of `all`, as `Result`: Data, PageNum, PageSize, TotalNum, TotalPages. */
export function page<T, V>(context: OperationContext, all: readonly T[], view: (item: T) => V) {
  const pageNum = pageParam(context, "PageNum", Infinity) ?? 1;
  const pageSize = pageParam(context, "PageSize", PAGE_SIZE.max) ?? PAGE_SIZE.default;
  return {
    Data: all.slice((pageNum - 1) * pageSize, pageNum * pageSize).map(view),
    PageNum: pageNum,
    PageSize: pageSize,
    TotalNum: all.length,
    TotalPages: Math.ceil(all.length / pageSize),
  };
}

/** A whole number from 1 to `max`; `Invalid.Parameter` otherwise (chosen: the pages give no code). */
function pageParam(context: OperationContext, name: string, max: number): number | undefined {
  const text = context.params[name]?.trim();
  if (text === undefined || text === "") return undefined;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > max) {
    throw new ApiError(
      "Invalid.Parameter",
      `An error occurred while verifying parameters: ${name} must be a whole number from 1${max === Infinity ? "" : ` to ${max}`}; got ${text}.`,
    );
  }
  return n;
}
