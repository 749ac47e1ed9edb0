/**
 * The tRPC HTTP endpoint as a browser or an attacker reaches it (`server/trpc/http.ts`, behind
 * app/api/trpc/[trpc]/route.ts): batched calls are authorized item by item. More in security-http-requests.test.ts.
 */
import { TRPCError } from "@trpc/server";
import { eq } from "drizzle-orm";
import superjson from "superjson";
import { describe, expect, it } from "vitest";
import { teams } from "@/db/schema";
import { MAX_BATCH_SIZE } from "@/server/trpc/http";
import { MAX_ROWS_PER_REQUEST, rowsAskedBy } from "@/server/trpc/request-cost";
import { send, type HttpSession } from "../helpers/http";
import {
  checkExpected,
  emptyInput,
  expectNoProblems,
  inputIsValid,
  listProcedures,
  type Outcome,
  type ProcedureInfo,
  type Relation,
} from "../helpers/security";
import { leaksIn } from "../helpers/security-data";
import { db, org, other, secretsOfOrg, secretsOfOther, useHttpWorld } from "./security-http-fixtures";

const procedures = listProcedures();

interface Envelope {
  result?: { data: unknown };
  error?: { json: { message: string; data: { code: TRPCError["code"]; httpStatus: number } } };
}

function outcomeOf(envelope: Envelope): Outcome {
  if (envelope.error) {
    const { message, data } = envelope.error.json;
    return { ok: false, code: data.code, message, error: new TRPCError({ code: data.code, message }) };
  }
  return { ok: true, data: superjson.deserialize(envelope.result!.data as never) };
}

function batchUrl(items: { path: string; input: unknown }[]) {
  const inputs: Record<string, unknown> = {};
  items.forEach((item, i) => {
    if (item.input !== undefined) inputs[i] = superjson.serialize(item.input);
  });
  return `/api/trpc/${items.map((item) => item.path).join(",")}?batch=1&input=${encodeURIComponent(JSON.stringify(inputs))}`;
}

/** Consecutive batches, each asking for at most MAX_ROWS_PER_REQUEST rows (server/trpc/request-cost.ts). */
function withinRowCap<T extends { path: string; input: unknown }>(items: T[]): T[][] {
  const chunks: T[][] = [[]];
  let rows = 0;
  for (const item of items) {
    const asked = rowsAskedBy(item.path, item.input);
    if (rows + asked > MAX_ROWS_PER_REQUEST && chunks.at(-1)!.length > 0) {
      chunks.push([]);
      rows = 0;
    }
    chunks.at(-1)!.push(item);
    rows += asked;
  }
  return chunks;
}

describe("tRPC over HTTP", () => {
  useHttpWorld();

  describe("batched calls are authorized item by item", () => {
    const callers: {
      label: string;
      session: () => HttpSession;
      relation: Relation;
      secrets: () => Map<string, string>;
    }[] = [
      {
        label: "signed out",
        session: () => ({ user: null, orgId: org.id }),
        relation: { kind: "anonymous" },
        secrets: () => secretsOfOrg,
      },
      {
        label: "other org's admin",
        session: () => ({ user: other.admin, orgId: org.id }),
        relation: { kind: "outsider" },
        secrets: () => secretsOfOrg,
      },
      ...(["viewer", "rep", "manager", "admin"] as const).map((role) => ({
        label: role,
        session: () => ({ user: org[role], orgId: org.id }),
        relation: { kind: "member", role } as Relation,
        secrets: () => secretsOfOther,
      })),
    ];

    /** Mutations whose empty input would pass validation would really run: the matrix covers those one by one. */
    const batchable = (p: ProcedureInfo) =>
      p.type !== "subscription" && (p.type === "query" || (p.inputs.length > 0 && !inputIsValid(p, {})));

    it.each(callers.map((c) => [c.label, c] as const))("a GET batch of every query, as %s", async (_label, caller) => {
      const queries = procedures.filter((p) => p.type === "query" && batchable(p));
      expect(queries.length).toBeGreaterThan(5);
      const items = queries.map((p) => ({ path: p.path, input: emptyInput(p) }));
      // As few batches as the cap on rows per request allows (deals.export alone asks for 10,000).
      let text = "";
      const envelopes: Envelope[] = [];
      for (const chunk of withinRowCap(items)) {
        const response = await send(db, caller.session(), batchUrl(chunk));
        const body = await response.text();
        text += body;
        envelopes.push(...(JSON.parse(body) as Envelope[]));
      }
      expect(envelopes).toHaveLength(queries.length);
      const problems = queries.flatMap(
        (p, i) => checkExpected(p, caller.relation, outcomeOf(envelopes[i]!), true) ?? [],
      );
      const leaks = leaksIn(text, caller.secrets(), null);
      if (leaks.length > 0) problems.push(`batch answer leaked ${leaks.join(", ")}`);
      expectNoProblems(problems, `GET batch as ${caller.label}`);
    });

    it("a batch longer than MAX_BATCH_SIZE is refused with 400 before any call runs", async () => {
      const teamsBefore = await db.select({ id: teams.id }).from(teams).where(eq(teams.orgId, org.id));
      const calls = MAX_BATCH_SIZE + 1;
      const body: Record<string, unknown> = {};
      for (let i = 0; i < calls; i++) body[i] = superjson.serialize({ name: `Batch team ${i}`, parentTeamId: null });
      const response = await send(
        db,
        { user: org.admin, orgId: org.id },
        `/api/trpc/${Array(calls).fill("teams.create").join(",")}?batch=1`,
        {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify(body),
        },
      );
      expect(response.status).toBe(400);
      const teamsAfter = await db.select({ id: teams.id }).from(teams).where(eq(teams.orgId, org.id));
      expect(teamsAfter).toHaveLength(teamsBefore.length);

      const allowed = await send(
        db,
        { user: org.admin, orgId: org.id },
        batchUrl(Array.from({ length: MAX_BATCH_SIZE }, () => ({ path: "me.get", input: undefined }))),
      );
      expect(allowed.status).toBe(200);
    });

    it.each(callers.map((c) => [c.label, c] as const))(
      "a POST batch of every mutation, as %s",
      async (_label, caller) => {
        const mutations = procedures.filter((p) => p.type === "mutation" && batchable(p));
        expect(mutations.length).toBeGreaterThan(5);
        // As few batches as the cap on calls per batch allows.
        let text = "";
        const envelopes: Envelope[] = [];
        for (let start = 0; start < mutations.length; start += MAX_BATCH_SIZE) {
          const chunk = mutations.slice(start, start + MAX_BATCH_SIZE);
          const body: Record<string, unknown> = {};
          chunk.forEach((_p, i) => (body[i] = superjson.serialize({})));
          const response = await send(db, caller.session(), `/api/trpc/${chunk.map((p) => p.path).join(",")}?batch=1`, {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify(body),
          });
          const answer = await response.text();
          text += answer;
          envelopes.push(...(JSON.parse(answer) as Envelope[]));
        }
        expect(envelopes).toHaveLength(mutations.length);
        const problems = mutations.flatMap(
          (p, i) => checkExpected(p, caller.relation, outcomeOf(envelopes[i]!), true) ?? [],
        );
        const leaks = leaksIn(text, caller.secrets(), null);
        if (leaks.length > 0) problems.push(`batch answer leaked ${leaks.join(", ")}`);
        expectNoProblems(problems, `POST batch as ${caller.label}`);
      },
    );

    it("one batch mixing an allowed and a refused procedure answers each on its own (207)", async () => {
      const response = await send(
        db,
        { user: org.rep, orgId: org.id },
        batchUrl([
          { path: "org.current", input: undefined },
          { path: "audit.list", input: {} },
        ]),
      );
      expect(response.status).toBe(207);
      const [current, audit] = (await response.json()) as Envelope[];
      expect(outcomeOf(current!)).toMatchObject({ ok: true, data: { id: org.id, role: "rep" } });
      expect(outcomeOf(audit!)).toMatchObject({ ok: false, code: "FORBIDDEN" });
    });
  });
});
