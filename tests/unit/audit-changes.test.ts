import { describe, expect, it } from "vitest";
import { diff } from "@/components/audit/changes";

describe("changes in words", () => {
  it("shows an amount in the currency recorded beside it, and never guesses one", () => {
    expect(diff({ amount: "50000.00", currency: "EUR" }, { amount: "65000.00", currency: "EUR" })).toEqual([
      { field: "amount", before: "€50,000", after: "€65,000" },
    ]);
    expect(diff({ amount: "50000.00" }, { amount: "65000.00" })).toEqual([
      { field: "amount", before: "50,000", after: "65,000" },
    ]);
  });

  it("lists only the fields that changed, with labels for codes", () => {
    expect(diff({ stage: "discovery", name: "Same" }, { stage: "proposal", name: "Same" })).toEqual([
      { field: "stage", before: "Discovery", after: "Proposal" },
    ]);
  });
});
