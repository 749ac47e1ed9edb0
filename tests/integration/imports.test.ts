import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import * as s from "@/db/schema";
import { dealsCsv } from "@/server/services/csv-export";
import { CSV_MAX_BYTES } from "@/server/domain/csv-import";
import { expectTRPCError } from "../helpers/expect-trpc";
import { describeOrgAccess, expectBadRequest, lastAudit, useWorld } from "../helpers/world";
import { seedPipeline, type Pipeline } from "./deals-fixtures";

describe("imports router", () => {
  const world = useWorld();
  let pipe: Pipeline;
  beforeAll(async () => {
    pipe = await seedPipeline(world.db, world.org);
  });
  const as = (role: "admin" | "manager" | "rep" | "viewer") => world.api(world.org[role]);
  const countOf = async (table: typeof s.accounts | typeof s.deals) =>
    world.db.$count(table, eq(table.orgId, world.org.id));

  describeOrgAccess(world, [
    {
      procedure: "imports.preview",
      call: (api) => api.imports.preview({ kind: "accounts", csv: "Account Name\nAccess Co\n" }),
    },
    {
      procedure: "imports.commit",
      call: (api) => api.imports.commit({ kind: "accounts", csv: "Account Name\nAccess Co 2\n" }),
    },
  ]);

  describe("accounts", () => {
    const hubspot = (industry: string) =>
      [
        "Record ID,Company name,Company Domain Name,Industry,Country/Region,Company owner",
        `HS-1,Hooli,hooli.example,${industry},NA,${world.org.admin.email}`,
        `HS-2,"Pied Piper, Inc.",piedpiper.example,Software,NA,${world.org.rep.email}`,
      ].join("\n");

    it("previews a HubSpot export, then imports it; re-importing updates instead of duplicating", async () => {
      const preview = await as("admin").imports.preview({ kind: "accounts", csv: hubspot("Internet") });
      expect(preview).toMatchObject({
        kind: "accounts",
        rowCount: 2,
        creates: 2,
        updates: 0,
        errorCount: 0,
        errors: [],
      });
      expect(preview.columns).toEqual([
        { header: "Record ID", field: "externalId" },
        { header: "Company name", field: "name" },
        { header: "Company Domain Name", field: "domain" },
        { header: "Industry", field: "industry" },
        { header: "Country/Region", field: "region" },
        { header: "Company owner", field: "owner" },
      ]);
      expect(preview.sample[1]).toMatchObject({ row: 3, action: "create", name: "Pied Piper, Inc." });
      const before = await countOf(s.accounts);
      expect(await as("admin").imports.commit({ kind: "accounts", csv: hubspot("Internet") })).toEqual({
        kind: "accounts",
        created: 2,
        updated: 0,
        accountsCreated: 0,
      });
      expect(await countOf(s.accounts)).toBe(before + 2);
      const again = await as("admin").imports.commit({ kind: "accounts", csv: hubspot("Media") });
      expect(again).toMatchObject({ created: 0, updated: 2 });
      expect(await countOf(s.accounts)).toBe(before + 2);
      const [hooli] = await world.db
        .select()
        .from(s.accounts)
        .where(and(eq(s.accounts.orgId, world.org.id), eq(s.accounts.externalId, "HS-1")));
      expect(hooli).toMatchObject({
        name: "Hooli",
        industry: "Media",
        domain: "hooli.example",
        ownerId: world.org.admin.id,
      });
      const [piper] = await world.db
        .select()
        .from(s.accounts)
        .where(and(eq(s.accounts.orgId, world.org.id), eq(s.accounts.externalId, "HS-2")));
      expect(piper).toMatchObject({ ownerId: world.org.rep.id, teamId: world.org.subTeamId });
      expect(await lastAudit(world.db, world.org.id, "import.completed")).toMatchObject({
        after: { kind: "accounts", created: 0, updated: 2, rows: 2 },
      });
    });

    it("without an external id, an account of the same name is updated, and columns not in the file are kept", async () => {
      await as("rep").imports.commit({ kind: "accounts", csv: "Account Name,Segment\nacme manufacturing,Strategic\n" });
      const [acme] = await world.db.select().from(s.accounts).where(eq(s.accounts.id, pipe.accounts.acme));
      expect(acme).toMatchObject({
        name: "acme manufacturing",
        segment: "Strategic",
        industry: "Manufacturing",
        domain: "acme.example",
      });
    });

    it("reps import records they own; another owner is a row error; an account they cannot see matches nothing", async () => {
      const preview = await as("rep").imports.preview({
        kind: "accounts",
        csv: `Account Name,Owner\nMine,\nTheirs,${world.org.admin.email}\nGlobex Retail,\nNobody's,ghost@example.test\n`,
      });
      expect(preview.errors).toEqual([
        { row: 3, field: "owner", message: "You can only import records you own" },
        { row: 5, field: "owner", message: 'No member with the email or name "ghost@example.test"' },
      ]);
      // "Globex Retail" exists but the rep cannot see it: the row answers as for a name nobody has (a new account).
      expect(preview.creates).toBe(2);
      expect(preview.sample.map((row) => [row.name, row.action])).toEqual([
        ["Mine", "create"],
        ["Globex Retail", "create"],
      ]);
    });
  });

  describe("deals", () => {
    const salesforce = (stage: string, amount = "$120,000.00") =>
      [
        "Opportunity ID,Opportunity Name,Account Name,Amount,Currency,Stage,Close Date,Opportunity Owner,Product Family",
        `006-1,Hooli robots,Hooli,"${amount}",USD,${stage},12/18/2026,${world.org.rep.email},Robotic Picking`,
        `006-2,Brand new logo,Brand New Co,5000,EUR,Prospecting,2027-01-15,${world.org.rep.email},`,
      ].join("\n");

    it("imports a Salesforce export (linking existing accounts, creating missing ones), then updates on re-import with the stage change audited", async () => {
      // "Hooli" exists (imported above, owned by the admin); "Brand New Co" does not.
      // While the rep cannot see "Hooli", it is matched by nothing: the preview would create an account of theirs.
      const unseen = await as("rep").imports.preview({ kind: "deals", csv: salesforce("Proposal/Price Quote") });
      expect(unseen).toMatchObject({ errorCount: 0, creates: 2, accountsToCreate: 2 });
      // Once the account is the rep's, the same file links to it.
      await world.db
        .update(s.accounts)
        .set({ ownerId: world.org.rep.id })
        .where(and(eq(s.accounts.orgId, world.org.id), eq(s.accounts.externalId, "HS-1")));
      const preview = await as("rep").imports.preview({ kind: "deals", csv: salesforce("Proposal/Price Quote") });
      expect(preview).toMatchObject({ rowCount: 2, creates: 2, updates: 0, accountsToCreate: 1, errorCount: 0 });
      expect(await as("rep").imports.commit({ kind: "deals", csv: salesforce("Proposal/Price Quote") })).toEqual({
        kind: "deals",
        created: 2,
        updated: 0,
        accountsCreated: 1,
      });
      const [brandNew] = await world.db
        .select()
        .from(s.accounts)
        .where(and(eq(s.accounts.orgId, world.org.id), eq(s.accounts.name, "Brand New Co")));
      expect(brandNew).toMatchObject({ ownerId: world.org.rep.id, teamId: world.org.subTeamId });
      const [deal] = await world.db
        .select()
        .from(s.deals)
        .where(and(eq(s.deals.orgId, world.org.id), eq(s.deals.externalId, "006-1")));
      expect(deal).toMatchObject({
        name: "Hooli robots",
        amount: "120000.00",
        currency: "USD",
        stage: "proposal",
        closeDate: "2026-12-18",
        ownerId: world.org.rep.id,
        teamId: world.org.subTeamId,
        product: "Robotic Picking",
        version: 1,
      });

      const deals = await countOf(s.deals);
      const accounts = await countOf(s.accounts);
      expect(
        await as("rep").imports.commit({ kind: "deals", csv: salesforce("Negotiation/Review", "130000") }),
      ).toMatchObject({ created: 0, updated: 2, accountsCreated: 0 });
      expect(await countOf(s.deals)).toBe(deals);
      expect(await countOf(s.accounts)).toBe(accounts);
      const [updated] = await world.db.select().from(s.deals).where(eq(s.deals.id, deal!.id));
      expect(updated).toMatchObject({ stage: "negotiation", amount: "130000.00", version: 2 });
      const timeline = await as("rep").deals.timeline({ dealId: deal!.id });
      expect(timeline.items.map((e) => e.action)).toEqual(
        expect.arrayContaining(["deal.imported", "deal.stage_changed", "deal.created"]),
      );
    });

    it("one bad row: the preview shows it; the commit refuses the whole file and saves nothing", async () => {
      const csv = [
        "Deal Name,Account Name,Amount,Stage",
        "Good one,Acme Manufacturing,1000,Qualification",
        "Bad one,Acme Manufacturing,-50,Qualification",
        "Another good,New Account For Nothing,10,Discovery",
      ].join("\n");
      const preview = await as("rep").imports.preview({ kind: "deals", csv });
      expect(preview.errors).toEqual([{ row: 3, field: "amount", message: 'Must not be negative: "-50"' }]);
      expect(preview.errorCount).toBe(1);
      const deals = await countOf(s.deals);
      const accounts = await countOf(s.accounts);
      const message = await expectBadRequest(as("rep").imports.commit({ kind: "deals", csv }), "csv");
      expect(message).toContain("1 row has an error, so nothing was imported (row 3: amount: Must not be negative");
      expect(await countOf(s.deals)).toBe(deals);
      expect(await countOf(s.accounts)).toBe(accounts);
    });

    it("disqualified rows need one of the organization's reasons", async () => {
      const csv =
        "Deal Name,Account Name,Stage,Disqualified Reason\nDQ ok,Acme Manufacturing,Disqualified,outside strategy\nDQ bad,Acme Manufacturing,Disqualified,Because\n";
      const preview = await as("rep").imports.preview({ kind: "deals", csv });
      expect(preview.errors).toEqual([
        { row: 3, field: "disqualifiedReason", message: 'Not one of the organization\'s reasons: "Because"' },
      ]);
      await as("rep").imports.commit({ kind: "deals", csv: csv.split("\n").slice(0, 2).join("\n") });
      const [deal] = await world.db
        .select()
        .from(s.deals)
        .where(and(eq(s.deals.orgId, world.org.id), eq(s.deals.name, "DQ ok")));
      expect(deal).toMatchObject({ stage: "disqualified", disqualifiedReason: "Outside strategy" });
    });

    it("an external id of a deal a rep cannot see previews as new; the commit refuses the file, naming no row", async () => {
      await world.db.update(s.deals).set({ externalId: "OUT-1" }).where(eq(s.deals.id, pipe.deals.outsiderOpen));
      const csv = "Opportunity ID,Opportunity Name,Account Name\nOUT-1,Taken over,Globex Retail\n";
      const preview = await as("rep").imports.preview({ kind: "deals", csv });
      // Neither the deal nor its account is told to someone who cannot read them: both preview as new.
      expect(preview).toMatchObject({ errorCount: 0, creates: 1, updates: 0, accountsToCreate: 1 });
      expect(JSON.stringify(preview)).not.toContain("Globex picking");
      const deals = await countOf(s.deals);
      const error = await expectTRPCError(as("rep").imports.commit({ kind: "deals", csv }), "CONFLICT");
      expect(error.message).toBe(
        "csv: Nothing was imported: an external id in this file is already used by a record you cannot see. Ask an admin to import this file.",
      );
      expect(await countOf(s.deals)).toBe(deals);
      // A manager reads their rep's deal, so is told which one it is — and still cannot change it.
      await world.db.update(s.deals).set({ externalId: "REP-1" }).where(eq(s.deals.id, pipe.deals.repOpen));
      const managed = await as("manager").imports.preview({
        kind: "deals",
        csv: "Opportunity ID,Opportunity Name,Account Name\nREP-1,Taken over,Acme Manufacturing\n",
      });
      expect(managed.errors).toEqual([
        { row: 2, field: "externalId", message: `"Acme vision rollout" belongs to someone else; you cannot change it` },
      ]);
    });

    it("Tandem's own export re-imports as updates of the same deals, not copies", async () => {
      const exported = await as("rep").deals.export({});
      expect(exported.items.length).toBeGreaterThan(2);
      const deals = await countOf(s.deals);
      const csv = dealsCsv(exported.items);
      expect(csv.split("\r\n")[0]).toMatch(/^Tandem ID,External ID,Deal Name,Account Name,Amount/);
      expect(await as("rep").imports.commit({ kind: "deals", csv })).toEqual({
        kind: "deals",
        created: 0,
        updated: exported.items.length,
        accountsCreated: 0,
      });
      expect(await countOf(s.deals)).toBe(deals);

      // An edited amount in the file lands on that deal.
      const edited = exported.items.map((deal) =>
        deal.id === pipe.deals.repOpen ? { ...deal, amount: "99999.99" } : deal,
      );
      await as("rep").imports.commit({ kind: "deals", csv: dealsCsv(edited) });
      const [repOpen] = await world.db.select().from(s.deals).where(eq(s.deals.id, pipe.deals.repOpen));
      expect(repOpen).toMatchObject({ amount: "99999.99", name: "Acme vision rollout" });
    });

    it("a Tandem id that is malformed, unknown or not readable is a row error, never a new deal", async () => {
      const csv = [
        "Tandem ID,Deal Name,Account Name",
        "not-an-id,Bad id,Acme Manufacturing",
        `${crypto.randomUUID()},Unknown id,Acme Manufacturing`,
        `${pipe.deals.outsiderOpen},Someone else's,Acme Manufacturing`,
      ].join("\n");
      const preview = await as("rep").imports.preview({ kind: "deals", csv });
      expect(preview.errors).toEqual([
        { row: 2, field: "tandemId", message: 'Not a Tandem id: "not-an-id"' },
        {
          row: 3,
          field: "tandemId",
          message: expect.stringMatching(/^No deal you can see has the Tandem id "[0-9a-f-]{36}"$/),
        },
        { row: 4, field: "tandemId", message: `No deal you can see has the Tandem id "${pipe.deals.outsiderOpen}"` },
      ]);
      expect(preview.creates).toBe(0);
    });

    it("two rows naming one deal by different ids are a row error, not a double write", async () => {
      await world.db.update(s.deals).set({ externalId: "TWICE-1" }).where(eq(s.deals.id, pipe.deals.repWon));
      const csv = [
        "Tandem ID,External ID,Deal Name,Account Name",
        `${pipe.deals.repWon},,By Tandem id,Acme Manufacturing`,
        ",TWICE-1,By external id,Acme Manufacturing",
      ].join("\n");
      const preview = await as("rep").imports.preview({ kind: "deals", csv });
      expect(preview.errors).toEqual([{ row: 3, field: "externalId", message: "Same deal as row 2" }]);
      expect(await expectBadRequest(as("rep").imports.commit({ kind: "deals", csv }), "csv")).toContain(
        "row 3: externalId: Same deal as row 2",
      );
    });

    it("accounts a deal import creates are audited", async () => {
      await as("rep").imports.commit({
        kind: "deals",
        csv: "Deal Name,Account Name\nAudited deal,Audited New Account\n",
      });
      const [created] = await world.db
        .select()
        .from(s.accounts)
        .where(and(eq(s.accounts.orgId, world.org.id), eq(s.accounts.name, "Audited New Account")));
      const [event] = await world.db
        .select()
        .from(s.auditEvents)
        .where(
          and(
            eq(s.auditEvents.orgId, world.org.id),
            eq(s.auditEvents.action, "account.created"),
            eq(s.auditEvents.entityId, created!.id),
          ),
        );
      expect(event).toMatchObject({
        actorId: world.org.rep.id,
        entityType: "account",
        after: { name: "Audited New Account", ownerId: world.org.rep.id, source: "import" },
      });
    });

    it("rows naming one new account by its id share it; a new id is a new account even under a known name", async () => {
      const csv = [
        "Deal Name,Account Name,Account ID",
        "First,Newco,NEWCO-1",
        "Second,Newco Inc,NEWCO-1",
        "Third,Newco,NEWCO-2",
        "Fourth,Newco,",
      ].join("\n");
      expect(await as("rep").imports.commit({ kind: "deals", csv })).toMatchObject({ created: 4, accountsCreated: 2 });
      const rows = await world.db
        .select({ deal: s.deals.name, externalId: s.accounts.externalId })
        .from(s.deals)
        .innerJoin(s.accounts, and(eq(s.accounts.orgId, s.deals.orgId), eq(s.accounts.id, s.deals.accountId)))
        .where(and(eq(s.deals.orgId, world.org.id), sql`${s.accounts.externalId} like 'NEWCO-%'`))
        .orderBy(s.deals.name);
      expect(rows).toEqual([
        { deal: "First", externalId: "NEWCO-1" },
        { deal: "Fourth", externalId: "NEWCO-1" },
        { deal: "Second", externalId: "NEWCO-1" },
        { deal: "Third", externalId: "NEWCO-2" },
      ]);
    });

    it("statements per import do not grow with the rows (batched writes)", async () => {
      const file = (n: number, prefix: string) =>
        [
          "Deal Name,Account Name,Amount",
          ...Array.from({ length: n }, (_, i) => `${prefix} ${i},Acme Manufacturing,${i}`),
        ].join("\n");
      const count = async (n: number, prefix: string) => {
        world.handle.resetQueryCount();
        await as("rep").imports.commit({ kind: "deals", csv: file(n, prefix) });
        return world.handle.queryCount();
      };
      expect(await count(3, "Small")).toBe(await count(300, "Large"));
    });
  });

  describe("files that are refused", () => {
    it("broken quoting → BAD_REQUEST naming the line; nothing saved", async () => {
      const deals = await countOf(s.deals);
      const message = await expectBadRequest(
        as("rep").imports.preview({ kind: "deals", csv: 'Deal Name,Account Name\n"Unclosed,Acme\nNext,Acme\n' }),
        "csv",
      );
      expect(message).toContain("Broken quoting near line 2");
      await expectBadRequest(
        as("rep").imports.commit({ kind: "deals", csv: 'Deal Name,Account Name\n"Unclosed,Acme\nNext,Acme\n' }),
        "csv",
      );
      expect(await countOf(s.deals)).toBe(deals);
    });

    it("100,000 rows → a clear error", async () => {
      const csv = ["Account Name", ...Array.from({ length: 100_000 }, (_, i) => `Co ${i}`)].join("\n");
      const message = await expectBadRequest(as("admin").imports.preview({ kind: "accounts", csv }), "csv");
      expect(message).toContain("more than 50,000 rows");
    });

    it("over the size limit → refused by the input check before parsing", async () => {
      const csv = "Account Name\n" + "x".repeat(CSV_MAX_BYTES);
      const message = await expectBadRequest(as("admin").imports.commit({ kind: "accounts", csv }), "csv");
      expect(message).toContain("larger than 5 MB");
    });

    it.each([
      ["kind", { kind: "contacts", csv: "Name\nX" }],
      ["csv", { kind: "deals", csv: "Amount\n10\n" }],
      ["csv", { kind: "accounts", csv: "" }],
    ] as const)("bad input → BAD_REQUEST naming %s", async (field, input) => {
      await expectBadRequest(as("admin").imports.preview(input as never), field);
    });

    it("another organization's members cannot import here", async () => {
      await expectTRPCError(
        world.api(world.other.admin).imports.commit({ kind: "accounts", csv: "Account Name\nSneaky\n" }),
        "NOT_FOUND",
      );
    });
  });
});
