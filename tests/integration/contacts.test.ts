import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import * as s from "@/db/schema";
import { StaleVersionError } from "@/server/domain/errors";
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
  const versionOf = async (contactId: string) => {
    const [row] = await world.db
      .select({ version: s.contacts.version })
      .from(s.contacts)
      .where(eq(s.contacts.id, contactId));
    return row!.version;
  };

  describeOrgAccess(world, [
    { procedure: "contacts.list", call: (api) => api.contacts.list({ accountId: pipe.accounts.acme }) },
    {
      procedure: "contacts.create",
      call: (api) => api.contacts.create({ accountId: pipe.accounts.acme, name: "Access" }),
    },
    {
      procedure: "contacts.update",
      call: (api) => api.contacts.update({ contactId: pipe.contacts.acmeIt, version: 1, title: "CIO" }),
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
      as("rep").contacts.update({
        contactId: pipe.contacts.acmeCfo,
        version: await versionOf(pipe.contacts.acmeCfo),
        reportsToId: pipe.contacts.acmeOps,
      }),
      "reportsToId",
    );
    await expectBadRequest(
      as("rep").contacts.update({
        contactId: pipe.contacts.acmeCfo,
        version: await versionOf(pipe.contacts.acmeCfo),
        reportsToId: pipe.contacts.acmeCfo,
      }),
      "reportsToId",
    );
  });

  it("updates a contact; those who may not write it get FORBIDDEN or NOT_FOUND", async () => {
    const updated = await as("rep").contacts.update({
      contactId: pipe.contacts.acmeIt,
      version: await versionOf(pipe.contacts.acmeIt),
      title: "CIO",
      email: "",
    });
    expect(updated).toMatchObject({ title: "CIO", email: null, name: "Ida IT" });
    expect(await lastAudit(world.db, world.org.id, "contact.updated")).toMatchObject({
      before: { title: "Head of IT" },
      after: { title: "CIO" },
    });
    await expectTRPCError(
      as("manager").contacts.update({
        contactId: pipe.contacts.acmeIt,
        version: await versionOf(pipe.contacts.acmeIt),
        title: "CTO",
      }),
      "FORBIDDEN",
    );
    await expectTRPCError(
      as("rep").contacts.update({
        contactId: pipe.contacts.globexCeo,
        version: await versionOf(pipe.contacts.globexCeo),
        title: "CTO",
      }),
      "NOT_FOUND",
    );
    await expectTRPCError(
      world.api(world.other.admin, world.other.id).contacts.update({
        contactId: pipe.contacts.acmeIt,
        version: await versionOf(pipe.contacts.acmeIt),
        title: "CTO",
      }),
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

  describe("versions and CONFLICT", () => {
    const newContact = async (name: string) =>
      (await as("rep").contacts.create({ accountId: pipe.accounts.acme, name })).id;

    it("an update names the version it read and bumps it; the account page and the list carry it", async () => {
      const id = await newContact("Vera Version");
      const listed = async () =>
        (await as("rep").contacts.list({ accountId: pipe.accounts.acme })).find((c) => c.id === id)?.version;
      expect(await listed()).toBe(1);
      const saved = await as("rep").contacts.update({ contactId: id, version: 1, title: "COO" });
      expect(saved).toEqual({
        id,
        accountId: pipe.accounts.acme,
        name: "Vera Version",
        title: "COO",
        email: null,
        reportsToId: null,
        version: 2,
      });
      expect(await listed()).toBe(2);
      const page = await as("rep").accounts.get({ accountId: pipe.accounts.acme });
      expect(page.contacts.find((c) => c.id === id)).toMatchObject({ title: "COO", version: 2 });
      // Nothing changed: nothing written, the version stays.
      expect((await as("rep").contacts.update({ contactId: id, version: 2, title: "COO" })).version).toBe(2);
      await expectBadRequest(as("rep").contacts.update({ contactId: id, title: "CEO" } as never), "version");
    });

    it("a stale version → CONFLICT carrying the current contact; nothing is overwritten", async () => {
      const id = await newContact("Carl Contested");
      await as("admin").contacts.update({ contactId: id, version: 1, email: "carl@acme.example" });
      const error = await expectTRPCError(
        as("rep").contacts.update({ contactId: id, version: 1, title: "CTO" }),
        "CONFLICT",
      );
      expect(error.message).toMatch(/^version: .*version 2/);
      expect(error.cause).toBeInstanceOf(StaleVersionError);
      expect((error.cause as StaleVersionError).current).toEqual({
        id,
        accountId: pipe.accounts.acme,
        name: "Carl Contested",
        title: null,
        email: "carl@acme.example",
        reportsToId: null,
        version: 2,
      });
      const [row] = await world.db
        .select({ title: s.contacts.title, version: s.contacts.version })
        .from(s.contacts)
        .where(eq(s.contacts.id, id));
      expect(row).toEqual({ title: null, version: 2 });
      expect(await as("rep").contacts.update({ contactId: id, version: 2, title: "CTO" })).toMatchObject({
        title: "CTO",
        email: "carl@acme.example",
        version: 3,
      });
      // The version is checked after access: a contact the caller cannot see stays NOT_FOUND, whatever the version.
      await expectTRPCError(
        as("rep").contacts.update({ contactId: pipe.contacts.globexCeo, version: 99, title: "CTO" }),
        "NOT_FOUND",
      );
    });

    it("two concurrent saves of the same version: one wins, the other gets CONFLICT", async () => {
      const id = await newContact("Rita Race");
      const results = await Promise.allSettled([
        as("rep").contacts.update({ contactId: id, version: 1, title: "VP" }),
        as("rep").contacts.update({ contactId: id, version: 1, title: "SVP" }),
      ]);
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      expect(
        results.filter((r) => r.status === "rejected").map((r) => (r as PromiseRejectedResult).reason.code),
      ).toEqual(["CONFLICT"]);
      expect(await versionOf(id)).toBe(2);
    });
  });
});
