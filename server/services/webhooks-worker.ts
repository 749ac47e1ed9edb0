/**
 * The webhook worker (docs/api.md). Each round claims due deliveries across organizations on the privileged
 * connection (a lease: `next_attempt_at` moves into the future, rows locked by another instance are skipped),
 * sends each one outside any transaction, then records the answer. A failed attempt is retried after
 * 30 s · 2^(attempt−1) (capped at 6 h) up to MAX_ATTEMPTS; an endpoint whose attempts keep failing is paused.
 */
import http from "node:http";
import https from "node:https";
import { isIP } from "node:net";
import { sql } from "drizzle-orm";
import { selectRows, type Database } from "@/db/client";
import { together } from "@/server/db/together";
import { BlockedAddressError, guardedLookup, isPublicAddress } from "./webhooks-ssrf";
import { SIGNATURE_HEADER, signatureHeader } from "./webhooks-signing";

export interface WebhookPolicy {
  maxAttempts: number;
  /** First retry delay; doubles each attempt. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** Consecutive failed attempts (across deliveries) that pause an endpoint. */
  pauseAfter: number;
  timeoutMs: number;
}

export const DEFAULT_POLICY: WebhookPolicy = {
  maxAttempts: 8,
  baseDelayMs: 30_000,
  maxDelayMs: 6 * 3600_000,
  pauseAfter: 15,
  timeoutMs: 10_000,
};

/** The delay before attempt `attempt + 1`, after `attempt` failed attempts. */
export function retryDelayMs(attempt: number, policy: WebhookPolicy = DEFAULT_POLICY): number {
  return Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
}

interface Claimed {
  org_id: string;
  id: string;
  url: string;
  secret: string;
  allow_private_network: boolean;
  payload: unknown;
  attempts: number;
}

export interface Answer {
  status: number | null;
  body: string | null;
  error: string | null;
}

/** Sends one signed POST; never throws. Redirects are not followed (a redirect could point anywhere). */
export function send(
  url: string,
  body: string,
  secret: string,
  allowPrivate: boolean,
  timeoutMs: number,
): Promise<Answer> {
  return new Promise((resolve) => {
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      return resolve({ status: null, body: null, error: "Not a valid URL." });
    }
    const host = target.hostname.replace(/^\[|\]$/g, "");
    if (isIP(host) && !allowPrivate && !isPublicAddress(host)) {
      return resolve({ status: null, body: null, error: new BlockedAddressError(host, host).message });
    }
    const timestamp = Math.floor(Date.now() / 1000);
    const client = target.protocol === "https:" ? https : http;
    const request = client.request(
      target,
      {
        method: "POST",
        timeout: timeoutMs,
        lookup: guardedLookup(allowPrivate) as never,
        headers: {
          "content-type": "application/json",
          "user-agent": "Tandem-Webhooks/1",
          [SIGNATURE_HEADER]: signatureHeader(secret, timestamp, body),
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        response.on("data", (chunk: Buffer) => {
          if (size < 2048) chunks.push(chunk);
          size += chunk.length;
        });
        response.on("end", () =>
          resolve({
            status: response.statusCode ?? null,
            body: Buffer.concat(chunks).toString("utf8").slice(0, 2048),
            error: null,
          }),
        );
      },
    );
    request.on("timeout", () => request.destroy(new Error(`No answer within ${timeoutMs} ms.`)));
    request.on("error", (error) => resolve({ status: null, body: null, error: error.message.slice(0, 500) }));
    request.end(body);
  });
}

/** Claims up to `limit` due deliveries of active endpoints for 2 minutes (or the timeout, if longer). */
async function claim(db: Database, limit: number, leaseMs: number): Promise<Claimed[]> {
  return selectRows<Claimed>(
    db,
    sql`with due as (
          select d.org_id, d.id from webhook_deliveries d
          join webhook_endpoints e on e.org_id = d.org_id and e.id = d.endpoint_id and e.status = 'active'
          where d.status = 'pending' and d.next_attempt_at <= now()
          order by d.next_attempt_at limit ${limit}::int
          for update of d skip locked)
        update webhook_deliveries d set next_attempt_at = now() + ${leaseMs}::float8 * interval '1 millisecond'
        from due, webhook_endpoints e
        where d.org_id = due.org_id and d.id = due.id and e.org_id = d.org_id and e.id = d.endpoint_id
        returning d.org_id, d.id, e.url, e.secret, e.allow_private_network, d.payload, d.attempts`,
  );
}

/** Records one attempt's answer; on failure schedules the retry (or gives up) and counts it against the endpoint. */
async function record(db: Database, delivery: Claimed, answer: Answer, policy: WebhookPolicy): Promise<void> {
  const ok = answer.status !== null && answer.status >= 200 && answer.status < 300;
  const attempts = delivery.attempts + 1;
  const status = ok ? "succeeded" : attempts >= policy.maxAttempts ? "failed" : "pending";
  await db.transaction(async (tx) => {
    await tx.execute(
      sql`update webhook_deliveries set status = ${status}, attempts = ${attempts}::int,
            response_status = ${answer.status}::int, response_body = ${answer.body}, error = ${answer.error},
            next_attempt_at = now() + ${retryDelayMs(attempts, policy)}::float8 * interval '1 millisecond',
            completed_at = case when ${status}::text = 'pending' then null else now() end
          where org_id = ${delivery.org_id} and id = ${delivery.id}`,
    );
    await tx.execute(
      sql`update webhook_endpoints e set
            consecutive_failures = case when ${ok}::boolean then 0 else e.consecutive_failures + 1 end,
            status = case when not ${ok}::boolean and e.consecutive_failures + 1 >= ${policy.pauseAfter} then 'paused' else e.status end
          from webhook_deliveries d
          where d.org_id = ${delivery.org_id} and d.id = ${delivery.id} and e.org_id = d.org_id and e.id = d.endpoint_id`,
    );
  });
}

/** One round: claims due deliveries, sends them (a few at once), records the answers; answers how many it sent. */
export async function deliverDueWebhooks(
  db: Database,
  policy: WebhookPolicy = DEFAULT_POLICY,
  limit = 20,
): Promise<number> {
  const claimed = await claim(db, limit, Math.max(120_000, policy.timeoutMs * 2));
  await together(
    claimed.map(async (delivery) => {
      const body = JSON.stringify(delivery.payload);
      const answer = await send(delivery.url, body, delivery.secret, delivery.allow_private_network, policy.timeoutMs);
      await record(db, delivery, answer, policy);
    }),
  );
  return claimed.length;
}

/** Polls every `intervalMs` (rounds back to back while there is work); `stop()` ends the loop. */
export function startWebhookWorker(getDb: () => Promise<Database>, intervalMs = 5_000, onError = console.error) {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const loop = async () => {
    try {
      const db = await getDb();
      while (!stopped && (await deliverDueWebhooks(db)) > 0);
    } catch (error) {
      onError(error);
    }
    if (!stopped) timer = setTimeout(() => void loop(), intervalMs).unref();
  };
  timer = setTimeout(() => void loop(), intervalMs).unref();
  return {
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
