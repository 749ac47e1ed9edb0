/** Helpers for the audit router tests. */
import type { AuditFilters } from "@/server/domain/audit-filters";
import { followPages } from "../helpers/pages";
import type { Caller } from "../helpers/world";

type ListResult = Awaited<ReturnType<Caller["audit"]["list"]>>;
type Item = ListResult["items"][number];

/** Every page of audit.list, following the cursor. */
export function allPages(api: Caller, input: AuditFilters & { limit: number }): Promise<Item[][]> {
  return followPages((cursor) => api.audit.list({ ...input, cursor }));
}
