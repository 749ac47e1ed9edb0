/**
 * The CSV import is no existence oracle (docs/security.md, promise 13): for a rep, a row naming an account or a
 * deal they cannot see answers exactly as a row naming one that does not exist — same status, same counts, same
 * message — so a file of 50,000 names or ids tells them nothing about which exist. On the code before, the preview
 * answered "This account belongs to someone else and you cannot see it" for existing names and "create" for the
 * rest (and the same for deal external ids).
 */
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import * as s from "@/db/schema";
import { expectTRPCError } from "../helpers/expect-trpc";
import { useWorld } from "../helpers/world";
import { seedPipeline, type Pipeline } from "./deals-fixtures";

const HIDDEN_ID_REFUSAL =
  "csv: Nothing was imported: an external id in this file is already used by a record you cannot see. Ask an admin to import this file.";

describe("the CSV import is no existence oracle", () => {
  const world = useWorld();
  let pipe: Pipeline;
  beforeAll(async () => {
    pipe = await seedPipeline(world.db, world.org);
    // The outsider's account and deal (in another team: the rep cannot see them) carry external ids.
    await world.db.update(s.accounts).set({ externalId: "ACC-HIDDEN" }).where(eq(s.accounts.id, pipe.accounts.globex));
    await world.db.update(s.deals).set({ externalId: "OPP-HIDDEN" }).where(eq(s.deals.id, pipe.deals.outsiderOpen));
  });
  const rep = () => world.api(world.org.rep);

  /** The rep's preview of `csv` with `probe` in it, as text where the probe reads "PROBE". */
  const previewOf = async (kind: "accounts" | "deals", csv: (probe: string) => string, probe: string) =>
    JSON.stringify(await rep().imports.preview({ kind, csv: csv(probe) })).replaceAll(probe, "PROBE");

  it("rep can see neither the hidden account nor the hidden deal (the premise)", async () => {
    const accounts = (await rep().accounts.list({ limit: 100 })).items.map((a) => a.name);
    expect(accounts).not.toContain("Globex Retail");
    await expectTRPCError(rep().deals.get({ dealId: pipe.deals.outsiderOpen }), "NOT_FOUND");
  });

  it.each([
    ["an account name", "accounts", (name: string) => `Account Name,Industry\n${name},Retail\n`, "Globex Retail"],
    ["an account external id", "accounts", (id: string) => `External ID,Account Name\n${id},Probe Co\n`, "ACC-HIDDEN"],
    [
      "a deal external id",
      "deals",
      (id: string) => `Opportunity ID,Opportunity Name,Account Name,Amount\n${id},Probe deal,Acme Manufacturing,100\n`,
      "OPP-HIDDEN",
    ],
    [
      "a deal's account name",
      "deals",
      (name: string) => `Deal Name,Account Name\nProbe deal,${name}\n`,
      "Globex Retail",
    ],
    [
      "a deal's account external id",
      "deals",
      (id: string) => `Deal Name,Account ID,Account Name\nProbe deal,${id},Probe Co\n`,
      "ACC-HIDDEN",
    ],
  ] as const)("%s: hidden and nonexistent preview identically (a create)", async (_, kind, csv, hidden) => {
    const ofHidden = await previewOf(kind, csv, hidden);
    const ofMissing = await previewOf(kind, csv, "Nobody Has This 42");
    expect(ofHidden).toBe(ofMissing);
    const preview = JSON.parse(ofHidden) as { errorCount: number; creates: number; sample: { action: string }[] };
    expect(preview).toMatchObject({ errorCount: 0, creates: 1, updates: 0 });
    expect(preview.sample.map((row) => row.action)).toEqual(["create"]);
  });

  it("a file of names, some existing out of sight, answers every row alike", async () => {
    const names = ["Globex Retail", "Initech", "Umbrella Corp", "globex retail"];
    const preview = await rep().imports.preview({ kind: "accounts", csv: `Account Name\n${names.join("\n")}\n` });
    expect(preview).toMatchObject({ rowCount: 4, creates: 4, updates: 0, errorCount: 0, errors: [] });
    expect(new Set(preview.sample.map((row) => `${row.action} ${row.details}`))).toEqual(
      new Set([`create owner ${world.org.rep.name}`]),
    );
  });

  it("commit by name: the rep gets a new account of their own; the hidden one is untouched", async () => {
    const before = await world.db.select().from(s.accounts).where(eq(s.accounts.id, pipe.accounts.globex));
    const result = await rep().imports.commit({
      kind: "accounts",
      csv: "Account Name,Industry\nGlobex Retail,Retail\n",
    });
    expect(result).toEqual({ kind: "accounts", created: 1, updated: 0, accountsCreated: 0 });
    const named = await world.db
      .select({ id: s.accounts.id, ownerId: s.accounts.ownerId })
      .from(s.accounts)
      .where(and(eq(s.accounts.orgId, world.org.id), eq(s.accounts.name, "Globex Retail")));
    expect(named).toHaveLength(2);
    expect(named.find((a) => a.id !== pipe.accounts.globex)?.ownerId).toBe(world.org.rep.id);
    expect(await world.db.select().from(s.accounts).where(eq(s.accounts.id, pipe.accounts.globex))).toEqual(before);
  });

  it("commit with a hidden external id: refused as a whole, naming no row and no id; nothing written", async () => {
    const counts = async () => [
      await world.db.$count(s.accounts, eq(s.accounts.orgId, world.org.id)),
      await world.db.$count(s.deals, eq(s.deals.orgId, world.org.id)),
    ];
    const before = await counts();
    for (const [kind, csv] of [
      ["accounts", "External ID,Account Name\nFREE-1,Fresh Co\nACC-HIDDEN,Probe Co\n"],
      [
        "deals",
        "Opportunity ID,Opportunity Name,Account Name\nFREE-2,Fresh deal,Acme Manufacturing\nOPP-HIDDEN,Probe,Acme Manufacturing\n",
      ],
      ["deals", "Deal Name,Account ID,Account Name\nProbe deal,ACC-HIDDEN,Probe Co\n"],
    ] as const) {
      const error = await expectTRPCError(rep().imports.commit({ kind, csv }), "CONFLICT");
      expect(error.message).toBe(HIDDEN_ID_REFUSAL);
    }
    expect(await counts()).toEqual(before);
    // The same files without the hidden ids import.
    expect(
      await rep().imports.commit({ kind: "accounts", csv: "External ID,Account Name\nFREE-1,Fresh Co\n" }),
    ).toEqual({
      kind: "accounts",
      created: 1,
      updated: 0,
      accountsCreated: 0,
    });
  });

  it("an admin sees everything, so the same rows are matched and updated as before", async () => {
    const preview = await world.api(world.org.admin).imports.preview({
      kind: "deals",
      csv: "Opportunity ID,Opportunity Name,Account ID\nOPP-HIDDEN,Renamed,ACC-HIDDEN\n",
    });
    expect(preview).toMatchObject({ errorCount: 0, creates: 0, updates: 1, accountsToCreate: 0 });
  });
});
