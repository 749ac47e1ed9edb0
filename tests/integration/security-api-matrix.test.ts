/**
 * The REST API's authorization matrix (docs/api.md): every route of REST_ROUTES (enumerated at run time) is called
 * with no key, with a read key and a write key of the organization, and with a write key of another organization
 * naming this organization's records. The expected answer comes from the route's app procedure's permission and
 * the api role's permissions (server/authz/api-role.ts); no answer to the other organization may carry our data.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db/client";
import { apiKeyCan } from "@/server/authz/api-role";
import { REST_ROUTES } from "@/server/api/routes";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { seedTwoDemoOrgs, type DemoOrg } from "../helpers/demo-orgs";
import { createKey, requestFor, rest } from "../helpers/rest";
import { expectNoProblems, listProcedures, sampleProcedureInput } from "../helpers/security";
import { idChooser, leaksIn, readOrgData, secretsOf, type OrgData } from "../helpers/security-data";

const procedures = new Map(listProcedures().map((procedure) => [procedure.path, procedure]));

describe("REST authorization matrix", () => {
  let handle: TestDatabase;
  let db: Database;
  let victim: DemoOrg;
  let attacker: DemoOrg;
  let victimData: OrgData;
  let attackerData: OrgData;
  const keys = { read: "", write: "", foreign: "" };

  beforeAll(async () => {
    handle = await createTestDatabase();
    db = handle.db;
    ({ victim, attacker } = await seedTwoDemoOrgs(db));
    victimData = await readOrgData(db, victim.id);
    attackerData = await readOrgData(db, attacker.id);
    keys.read = (await createKey(db, victim.members.admin, victim.id, "read")).key;
    keys.write = (await createKey(db, victim.members.admin, victim.id, "write")).key;
    keys.foreign = (await createKey(db, attacker.members.admin, attacker.id, "write")).key;
    process.env.API_KEY_BURST = "100000";
  }, 240_000);

  afterAll(async () => {
    delete process.env.API_KEY_BURST;
    await handle?.close();
  });

  it("every route names an organization procedure of the app", () => {
    const problems = REST_ROUTES.filter((route) => {
      const meta = procedures.get(route.procedure)?.meta as { access?: string } | undefined;
      return meta?.access !== "org";
    }).map((route) => route.procedure);
    expectNoProblems(problems, "routes without an organization procedure");
  });

  it("answers every route as the api role's permissions say", { timeout: 240_000 }, async () => {
    const problems: string[] = [];
    const secrets = secretsOf(victimData, attackerData);
    const succeeded = { read: 0, write: 0 };
    for (const route of REST_ROUTES) {
      const procedure = procedures.get(route.procedure);
      const permission = (procedure?.meta as { permission: Parameters<typeof apiKeyCan>[1] }).permission;
      if (!procedure) continue;
      const input = sampleProcedureInput(procedure, idChooser(victimData));
      const { path, body } = requestFor(route, input);
      const label = `${route.method} ${route.path}`;

      const anonymous = await rest(db, null, route.method, path, body);
      if (anonymous.status !== 401) problems.push(`${label} without a key: ${anonymous.status}, expected 401`);

      for (const scope of ["read", "write"] as const) {
        const answer = await rest(db, keys[scope], route.method, path, body);
        const allowed = apiKeyCan(scope, permission);
        if (answer.status === 200) succeeded[scope]++;
        if (!allowed && answer.status !== 403) problems.push(`${label} ${scope} key: ${answer.status}, expected 403`);
        if ((allowed && [401, 403].includes(answer.status)) || answer.status >= 500) {
          problems.push(`${label} ${scope} key: ${answer.status} ${JSON.stringify(answer.body).slice(0, 200)}`);
        }
      }

      const foreign = await rest(db, keys.foreign, route.method, path, body);
      if (![200, 400, 404].includes(foreign.status)) {
        problems.push(`${label} another organization's key: ${foreign.status}, expected 404 (or 200/400)`);
      }
      const leaks = leaksIn(JSON.stringify(foreign.body), secrets, input);
      if (leaks.length) problems.push(`${label} another organization's key leaks ${leaks.join(", ")}`);
    }
    expectNoProblems(problems, "REST matrix");
    expect(REST_ROUTES.length).toBeGreaterThanOrEqual(20);
    // Not vacuous: the sampled inputs name real records, so most allowed calls succeed.
    expect(succeeded.read).toBeGreaterThanOrEqual(6);
    expect(succeeded.write).toBeGreaterThanOrEqual(12);
  });
});
