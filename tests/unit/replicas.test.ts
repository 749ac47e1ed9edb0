import { describe, expect, it } from "vitest";
import type { Database } from "@/db/client";
import { REPLICA_PAUSE_MS, ReplicaSet, runWhereItBelongs } from "@/server/db/replicas";

// Stand-ins: the routing only compares database handles.
const primary = { name: "primary" } as unknown as Database;
const one = { name: "one" } as unknown as Database;
const two = { name: "two" } as unknown as Database;
const unavailable = Object.assign(new Error("gone"), { code: "ECONNREFUSED" });
const readOnly = Object.assign(new Error("read-only"), { code: "25006" });
const nameOf = (db: Database) => (db as unknown as { name: string }).name;

describe("read replicas", () => {
  it("take reads in turn", () => {
    const set = new ReplicaSet([one, two], 5_000);
    expect([set.forRead("u", 0), set.forRead("u", 0), set.forRead("u", 0)].map((db) => nameOf(db!))).toEqual([
      "one",
      "two",
      "one",
    ]);
  });

  it("send a person's reads to the primary for a while after their write, and only theirs", () => {
    const set = new ReplicaSet([one], 5_000);
    set.noteWrite("writer", 1_000);
    expect(set.forRead("writer", 1_000 + 4_999)).toBeNull();
    expect(set.forRead("someone else", 1_000 + 10)).toBe(one);
    expect(set.forRead("writer", 1_000 + 5_000)).toBe(one);
  });

  it("leave a failed replica alone for REPLICA_PAUSE_MS", () => {
    const set = new ReplicaSet([one, two], 5_000);
    set.noteFailure(one, 0);
    expect([set.forRead("u", 1), set.forRead("u", 2)].map((db) => nameOf(db!))).toEqual(["two", "two"]);
    set.noteFailure(two, 0);
    expect(set.forRead("u", 3)).toBeNull();
    expect(set.forRead("u", REPLICA_PAUSE_MS)).not.toBeNull();
  });

  const route = (set: ReplicaSet | null, type: string, run: (db: Database) => Promise<string>) =>
    runWhereItBelongs({ replicas: set, primary, userId: "u", type }, run, (error) => error);

  it("run queries on a replica, mutations and subscriptions on the primary", async () => {
    const set = new ReplicaSet([one], 5_000);
    const where = async (db: Database) => nameOf(db);
    expect(await route(set, "subscription", where)).toBe("primary");
    expect(await route(set, "query", where)).toBe("one");
    expect(await route(null, "query", where)).toBe("primary");
    expect(await route(set, "mutation", where)).toBe("primary");
    expect(await route(set, "query", where)).toBe("primary"); // the writer reads their write
  });

  it("run a read again on the primary when the replica is away (pausing it) or refuses a write", async () => {
    const set = new ReplicaSet([one], 5_000);
    const failOn = (error: Error) => async (db: Database) => {
      if (db === one) throw error;
      return nameOf(db);
    };
    expect(await route(set, "query", failOn(readOnly))).toBe("primary");
    expect(set.forRead("other")).toBe(one); // a refused write says nothing about the replica's health
    expect(await route(set, "query", failOn(unavailable))).toBe("primary");
    expect(set.forRead("other")).toBeNull();
  });

  it("pass any other failure on, without a second try", async () => {
    const set = new ReplicaSet([one], 5_000);
    let tries = 0;
    const failing = async () => {
      tries++;
      throw new Error("not found");
    };
    await expect(route(set, "query", failing)).rejects.toThrow("not found");
    expect(tries).toBe(1);
  });
});
