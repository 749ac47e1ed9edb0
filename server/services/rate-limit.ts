/**
 * Request rate limits of signed-in callers: a token bucket per user and one per organization, stored in Postgres
 * (`request_rate_buckets`) so that every app instance charges the same buckets. Each call of a batch costs one
 * token. A bucket holds at most `capacity` tokens and refills at `perSecond`; a request is let through when every
 * bucket it is charged to holds enough tokens, and then takes them.
 *
 * One statement per request: an UPSERT of the user's bucket and — only if the user is an active member of the
 * organization the request names (the header is the client's word) — the organization's. Runs on the login
 * connection, before any tenant work.
 */
import { sql } from "drizzle-orm";
import { selectRows, type Database } from "@/db/client";

export interface Bucket {
  /** Tokens the bucket holds when full: the largest burst. */
  capacity: number;
  /** Tokens added per second. */
  perSecond: number;
}

export interface RateLimits {
  user: Bucket;
  organization: Bucket;
}

function fromEnv(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

/**
 * Defaults: a person's browser sends a handful of calls per page; 120 calls at once (two full batches) and 20 per
 * second sustained is far above that. An organization of 5,000 reps: 3,000 at once and 1,000 per second.
 * `RATE_LIMIT_USER_BURST`, `RATE_LIMIT_USER_PER_SECOND`, `RATE_LIMIT_ORG_BURST`, `RATE_LIMIT_ORG_PER_SECOND`.
 */
export function rateLimitsFromEnv(): RateLimits {
  return {
    user: { capacity: fromEnv("RATE_LIMIT_USER_BURST", 120), perSecond: fromEnv("RATE_LIMIT_USER_PER_SECOND", 20) },
    organization: {
      capacity: fromEnv("RATE_LIMIT_ORG_BURST", 3000),
      perSecond: fromEnv("RATE_LIMIT_ORG_PER_SECOND", 1000),
    },
  };
}

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number; bucket: "user" | "org" };

interface Charged {
  key: string;
  tokens: number;
  granted: boolean;
}

/** A signed-in person's own bucket, shared by their pages and their calls. */
export const userBucket = (userId: string) => `user:${userId}`;

/**
 * Charges `cost` tokens to the caller's own bucket (a person's `userBucket`, an API key's, a client address's) and,
 * when `member` is an active member of its organization, to the organization's. A refused request takes no token from a bucket that could not pay (hammering a closed door does
 * not keep it closed), but does from one that could: the buckets are charged independently.
 */
export async function chargeRequest(
  db: Database,
  { bucket, member, cost }: { bucket: string; member: { orgId: string; userId: string } | null; cost: number },
  limits: RateLimits = rateLimitsFromEnv(),
): Promise<RateDecision> {
  const userKey = bucket;
  const orgKey = member ? `org:${member.orgId}` : null;
  const { user, organization } = limits;
  const capacity = sql`(case when b.key = ${userKey} then ${user.capacity}::float8 else ${organization.capacity}::float8 end)`;
  const perSecond = sql`(case when b.key = ${userKey} then ${user.perSecond}::float8 else ${organization.perSecond}::float8 end)`;
  const refilled = sql`least(${capacity}, b.tokens + extract(epoch from clock_timestamp() - b.refilled_at) * ${perSecond})`;
  const rows = await selectRows<Charged>(
    db,
    sql`insert into request_rate_buckets as b (key, tokens, refilled_at, granted)
        select wanted.key, case when wanted.capacity >= ${cost}::float8 then wanted.capacity - ${cost}::float8 else wanted.capacity end,
               clock_timestamp(), wanted.capacity >= ${cost}::float8
        from (values (${userKey}, ${user.capacity}::float8), (${orgKey}, ${organization.capacity}::float8)) as wanted (key, capacity)
        where wanted.key = ${userKey}
           or (wanted.key is not null and exists (
                select 1 from memberships m
                where m.org_id = ${member?.orgId ?? null}::uuid and m.user_id = ${member?.userId ?? null}::uuid
                  and m.status = 'active'))
        on conflict (key) do update set
          tokens = case when ${refilled} >= ${cost}::float8 then ${refilled} - ${cost}::float8 else ${refilled} end,
          refilled_at = clock_timestamp(),
          granted = ${refilled} >= ${cost}::float8
        returning b.key, b.tokens, b.granted`,
  );
  for (const row of rows) {
    if (row.granted) continue;
    const bucket = row.key === userKey ? user : organization;
    const missing = Math.max(cost - row.tokens, 1);
    return {
      allowed: false,
      bucket: row.key === userKey ? "user" : "org",
      retryAfterSeconds: Math.max(1, Math.ceil(missing / bucket.perSecond)),
    };
  }
  return { allowed: true };
}
