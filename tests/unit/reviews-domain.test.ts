import { describe, expect, it } from "vitest";
import { managesSubject, nextStatusAllowed, readerRelation } from "@/server/domain/reviews/access";
import { dealGroupOf, goalProgress, orderDeals, pipelineMixOf } from "@/server/domain/reviews/assemble";

const deal = (id: string, score: number, flags: string[], amount = "100") => ({
  id,
  name: id,
  accountName: "",
  stage: "proposal" as const,
  amount,
  currency: "USD",
  closeDate: null,
  score,
  customer: 0.5,
  company: 0.5,
  rep: 0.5,
  flags: flags as never[],
});

describe("review assembly", () => {
  it("lists disqualification candidates first, then deals outside strategy, then the lowest score", () => {
    const ordered = orderDeals([
      deal("fine-high", 90, []),
      deal("outside", 70, ["OUTSIDE_STRATEGY"]),
      deal("fine-low", 40, ["NO_CHAMPION"]),
      deal("disqualify", 80, ["DISQUALIFY", "OUTSIDE_STRATEGY"]),
    ]);
    expect(ordered.map((d) => [d.id, d.group])).toEqual([
      ["disqualify", "disqualify"],
      ["outside", "outside_strategy"],
      ["fine-low", "other"],
      ["fine-high", "other"],
    ]);
    expect(dealGroupOf([])).toBe("other");
  });

  it("goal progress is capped at 1 and unknown without a target", () => {
    expect(goalProgress("200", "50")).toBe(0.25);
    expect(goalProgress("100", "150")).toBe(1);
    expect(goalProgress(null, "5")).toBeNull();
    expect(goalProgress("0", "5")).toBeNull();
  });

  it("the pipeline mix puts each objective's share of the weights next to its share of the pipeline", () => {
    const mix = pipelineMixOf(
      {
        id: "s",
        name: "S",
        startsOn: "2026-01-01",
        endsOn: "2026-06-30",
        objectives: [
          { id: "a", title: "A", weight: 60 },
          { id: "b", title: "B", weight: 40 },
        ],
      },
      {
        score: 50,
        components: {
          coverage: { value: 0, max: 40, points: 0 },
          focus: { value: 0, max: 20, points: 0 },
          pipelineFit: { value: 0, max: 40, points: 0 },
        },
        reasons: [],
        suggestions: [],
        objectives: [{ objectiveId: "a", pipelineShare: 0.25, pipelineAmount: "25.00" }],
        unalignedShare: 0.75,
        unalignedAmount: "75.00",
        pipelineTotal: "100.00",
        pipelineCurrencies: ["USD"],
      },
    );
    expect(mix.objectives).toEqual([
      { objectiveId: "a", title: "A", targetShare: 0.6, actualShare: 0.25, amount: "25.00" },
      { objectiveId: "b", title: "B", targetShare: 0.4, actualShare: 0, amount: "0.00" },
    ]);
    expect(mix.unaligned).toEqual({ share: 0.75, amount: "75.00" });
  });
});

describe("review access rules", () => {
  const tree = [
    { id: "root", parentTeamId: null },
    { id: "sub", parentTeamId: "root" },
    { id: "other", parentTeamId: null },
  ];
  const manager = (teamId: string) => ({ userId: "m", role: "manager" as const, seats: [{ teamId, isManager: true }] });

  it("the rep's managers up the tree and admins manage; other managers, reps and the rep themself do not", () => {
    const rep = { userId: "r", teamIds: ["sub"] };
    expect(managesSubject(manager("root"), rep, tree)).toBe(true);
    expect(managesSubject(manager("sub"), rep, tree)).toBe(true);
    expect(managesSubject(manager("other"), rep, tree)).toBe(false);
    expect(managesSubject({ userId: "a", role: "admin", seats: [] }, rep, tree)).toBe(true);
    expect(managesSubject({ userId: "x", role: "rep", seats: [{ teamId: "root", isManager: true }] }, rep, tree)).toBe(
      false,
    );
    expect(managesSubject({ ...manager("root"), userId: "r" }, rep, tree)).toBe(false);
  });

  it("the rep sees their review once shared; statuses move forward only", () => {
    expect(readerRelation("subject", "draft")).toBe("none");
    expect(readerRelation("subject", "shared")).toBe("subject");
    expect(readerRelation("manager", "draft")).toBe("manager");
    expect(nextStatusAllowed("draft", "shared")).toBe(true);
    expect(nextStatusAllowed("shared", "acknowledged")).toBe(true);
    expect(nextStatusAllowed("shared", "closed")).toBe(true);
    expect(nextStatusAllowed("draft", "closed")).toBe(false);
    expect(nextStatusAllowed("closed", "shared")).toBe(false);
    expect(nextStatusAllowed("acknowledged", "acknowledged")).toBe(false);
  });
});
