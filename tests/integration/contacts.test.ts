import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import * as s from "@/db/schema";
import { expectTRPCError } from "../helpers/expect-trpc";
import { describeOrgAccess, expectBadRequest, lastAudit, useWorld } from "../helpers/world";
import { seedPipeline, type Pipeline } from "./deals-fixtures";

describe("contacts router", () => {
  const world = useWorld();
  let pipe: Pipeline;
  beforeAll(async () => {
    pipe = await seedPipeline(world.db, world.org);
  });
  const as = (role: "admin" | "manager" | "rep" | "viewer") => world.api(world.org[role]);

  describeOrgAccess(world, [
    { procedure: "contacts.list", call: (api) => api.contacts.list({ accountId: pipe.accounts.acme }) },
    {
      procedure: "contacts.create",
      call: (api) => api.contacts.create({ accountId: pipe.accounts.acme, name: "Access" }),
    },
    {
      procedure: "contacts.update",
      call: (api) => api.contacts.update({ contactId: pipe.contacts.acmeIt, title: "CIO" }),
    },
  ]);

  it("lists an account's contacts by name, searchable; hidden accounts → NOT_FOUND", async () => {
    expect((await as("viewer").contacts.list({ accountId: pipe.accounts.acme })).map((c) => c.name)).toEqual([
      "Carla CFO",
      "Ida IT",
      "Oscar Ops",
    ]);
    expect((await as("rep").contacts.list({ accountId: pipe.accounts.acme, search: "vp" })).map((c) => c.name)).toEqual(
      ["Oscar Ops"],
    );
    await expectTRPCError(as("rep").contacts.list({ accountId: pipe.accounts.globex }), "NOT_FOUND");
    await expectTRPCError(
      world.api(world.other.admin, world.other.id).contacts.list({ accountId: pipe.accounts.acme }),
      "NOT_FOUND",
    );
  });

  it("creates a contact reporting to another of the account's contacts; audited", async () => {
    const { id } = await as("rep").contacts.create({
      accountId: pipe.accounts.acme,
      name: "Pia Plant",
      title: "Plant Manager",
      email: " Pia@Acme.Example ",
      reportsToId: pipe.contacts.acmeOps,
    });
    const [row] = await world.db.select().from(s.contacts).where(eq(s.contacts.id, id));
    expect(row).toMatchObject({
      name: "Pia Plant",
      title: "Plant Manager",
      email: "pia@acme.example",
      reportsToId: pipe.contacts.acmeOps,
      accountId: pipe.accounts.acme,
    });
    expect(await lastAudit(world.db, world.org.id, "contact.created")).toMatchObject({
      entityId: id,
      actorId: world.org.rep.id,
    });
  });

  it("reports-to must be a contact of the same account, never in a cycle", async () => {
    await expectBadRequest(
      as("rep").contacts.create({ accountId: pipe.accounts.acme, name: "X", reportsToId: pipe.contacts.globexCeo }),
      "reportsToId",
    );
    await expectTRPCError(
      as("rep").contacts.create({ accountId: pipe.accounts.acme, name: "X", reportsToId: crypto.randomUUID() }),
      "NOT_FOUND",
    );
    await expectBadRequest(
      as("rep").contacts.update({ contactId: pipe.contacts.acmeCfo, reportsToId: pipe.contacts.acmeOps }),
      "reportsToId",
    );
    await expectBadRequest(
      as("rep").contacts.update({ contactId: pipe.contacts.acmeCfo, reportsToId: pipe.contacts.acmeCfo }),
      "reportsToId",
    );
  });

  it("updates a contact; those who may not write it get FORBIDDEN or NOT_FOUND", async () => {
    const updated = await as("rep").contacts.update({ contactId: pipe.contacts.acmeIt, title: "CIO", email: "" });
    expect(updated).toMatchObject({ title: "CIO", email: null, name: "Ida IT" });
    expect(await lastAudit(world.db, world.org.id, "contact.updated")).toMatchObject({
      before: { title: "Head of IT" },
      after: { title: "CIO" },
    });
    await expectTRPCError(
      as("manager").contacts.update({ contactId: pipe.contacts.acmeIt, title: "CTO" }),
      "FORBIDDEN",
    );
    await expectTRPCError(as("rep").contacts.update({ contactId: pipe.contacts.globexCeo, title: "CTO" }), "NOT_FOUND");
    await expectTRPCError(
      world.api(world.other.admin, world.other.id).contacts.update({ contactId: pipe.contacts.acmeIt, title: "CTO" }),
      "NOT_FOUND",
    );
  });

  it.each([
    ["name", { name: "" }],
    ["email", { name: "X", email: "not-an-email" }],
    ["title", { name: "X", title: "t".repeat(121) }],
    ["accountId", { name: "X", accountId: "acme" }],
  ] as const)("bad input → BAD_REQUEST naming %s", async (field, input) => {
    await expectBadRequest(as("rep").contacts.create({ accountId: pipe.accounts.acme, ...input } as never), field);
  });
});
