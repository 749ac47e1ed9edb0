/**
 * The database of the tRPC-over-HTTP tests (one per test file): two organizations and what each must never see of
 * the other. The bindings are live: they hold their values once the beforeAll registered by useHttpWorld has run.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach } from "vitest";
import type { Database } from "@/db/client";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { createOrg, type TestOrg } from "../helpers/fixtures";
import { readOrgData, secretsOf } from "../helpers/security-data";

let handle: TestDatabase | undefined;
export let db: Database;
export let org: TestOrg;
export let other: TestOrg;
export let secretsOfOrg: Map<string, string>;
export let secretsOfOther: Map<string, string>;

export function useHttpWorld(): void {
  beforeAll(async () => {
    handle = await createTestDatabase();
    db = handle.db;
    org = await createOrg(db, "Initech");
    other = await createOrg(db, "Umbrella");
    const [orgData, otherData] = [await readOrgData(db, org.id), await readOrgData(db, other.id)];
    secretsOfOrg = secretsOf(orgData, otherData);
    secretsOfOther = secretsOf(otherData, orgData);
  });

  afterAll(async () => {
    await handle?.close();
  });

  // Batches spend the admin's whole burst of rate tokens; each test starts with full buckets so that what it
  // asserts does not hang on how fast the previous one ran (the limits have their own tests: security-cost-limits).
  beforeEach(async () => {
    await db.execute(sql`delete from request_rate_buckets`);
  });
}
