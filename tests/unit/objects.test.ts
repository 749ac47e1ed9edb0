import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { omit, pick } from "@/server/domain/objects";

describe("pick and omit", () => {
  it("pick keeps the named keys, undefined values included, and nothing else", () => {
    expect(pick({ a: 1, b: undefined, c: 3 }, "a", "b")).toStrictEqual({ a: 1, b: undefined });
  });

  it("pick and omit of the same keys split an object into two parts that make it up again", () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.constantFrom("a", "b", "c", "d"), fc.integer()),
        fc.subarray(["a", "b"]),
        (dictionary, keys) => {
          const row = { ...dictionary }; // fast-check's dictionaries have no prototype
          const named = keys.filter((key) => key in row) as (keyof typeof row)[];
          expect({ ...pick(row, ...named), ...omit(row, ...named) }).toStrictEqual(row);
          expect(Object.keys(pick(row, ...named)).sort()).toEqual([...named].sort());
        },
      ),
    );
  });
});
