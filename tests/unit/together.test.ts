import { describe, expect, it } from "vitest";
import { together } from "@/server/db/together";

/** A promise that settles when `settle` is called, and says whether it has. */
function later<T>() {
  let settle!: (outcome: { value: T } | { error: Error }) => void;
  let settled = false;
  const promise = new Promise<T>((resolve, reject) => {
    settle = (outcome) => {
      settled = true;
      if ("error" in outcome) reject(outcome.error);
      else resolve(outcome.value);
    };
  });
  return { promise, settle, isSettled: () => settled };
}

describe("together", () => {
  it("answers every call's value in the order given", async () => {
    const second = later<string>();
    const answer = together([Promise.resolve(1), second.promise, Promise.resolve(true)] as const);
    second.settle({ value: "two" });
    expect(await answer).toEqual([1, "two", true]);
  });

  it("does not answer a failure while another call is still running", async () => {
    const slow = later<number>();
    let rejectedAt: boolean | null = null;
    const answer = together([Promise.reject(new Error("first")), slow.promise]).catch((error: Error) => {
      rejectedAt = slow.isSettled();
      return error.message;
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(rejectedAt).toBeNull();
    slow.settle({ value: 2 });
    expect(await answer).toBe("first");
    expect(rejectedAt).toBe(true);
  });

  it("throws the first failure in the order given, not the first to happen", async () => {
    const update = later<number>();
    const audit = later<number>();
    const answer = together([update.promise, audit.promise]);
    audit.settle({ error: new Error("25P02: the transaction is aborted") });
    update.settle({ error: new Error("23514: check violation") });
    await expect(answer).rejects.toThrow("23514");
  });
});
