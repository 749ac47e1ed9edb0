import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "@/db/seed";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { storedAlignmentProblems, clockIsToday } from "./stored-scores-reference";

describe("stored alignment", () => {
  let handle: TestDatabase;
  let orgId: string;
  beforeAll(async () => {
    handle = await createTestDatabase();
    orgId = (await seedDemo(handle.db)).orgId;
  }, 120_000);
  afterAll(async () => {
    await handle?.close();
  });
  it("equals the references on the demo seed", async () => {
    expect(await clockIsToday(handle.db, orgId)).toBe(true);
    expect(await storedAlignmentProblems(handle.db, orgId)).toEqual([]);
  }, 60_000);
});
