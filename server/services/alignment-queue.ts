/**
 * Whether stored figures wait for the background worker (docs/performance.md "Strategy changes at 1,000,000
 * deals"): a strategy change touching more deals than the sync limit queues them in `alignment_stale`, and until the
 * worker has recomputed them (seconds to minutes) their stored scores are the ones from before the change. Readers
 * say so rather than show them as current. Select expressions, to add to a statement the reader sends anyway: each is
 * a probe of `alignment_stale`'s primary key (org_id, deal_id), under row-level security like the rest.
 */
import { sql, type SQL } from "drizzle-orm";
import { deals } from "@/db/schema";

/**
 * True while any deal of the organization waits to be recomputed. The organization-wide fact, not a count of the
 * reader's deals: a strategy change is the whole organization's, and a count would tell a rep how many deals the
 * others have.
 */
export const organizationRecomputingSql = (orgId: string): SQL<boolean> =>
  sql<boolean>`exists (select 1 from alignment_stale q where q.org_id = ${orgId})`;

/** True when the row of `deals` in the statement waits to be recomputed (its stored score is from before). */
export const dealRecomputingSql: SQL<boolean> = sql<boolean>`exists (select 1 from alignment_stale q
  where q.org_id = ${deals.orgId} and q.deal_id = ${deals.id})`;
