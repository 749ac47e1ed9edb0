import { describe, expect, it } from "vitest";
import {
  combineScore,
  companyComponent,
  customerComponent,
  DEAL_FLAGS,
  FLAG_EXPLANATIONS,
  pickStrategy,
  repComponent,
  scoreDeal,
  type DealScoreInput,
  type StakeholderInput,
} from "@/server/domain/deal-alignment";

const stakeholder = (overrides: Partial<StakeholderInput> = {}): StakeholderInput => ({
  name: "Someone",
  buyingRole: "influencer",
  influence: 3,
  stance: "neutral",
  personalWin: "",
  howWeServeIt: "",
  ...overrides,
});

const STRATEGY = {
  id: "s1",
  name: "FY2026 H2",
  objectives: [
    { id: "o1", title: "Win enterprise manufacturing", weight: 40 },
    { id: "o2", title: "Expand in healthcare", weight: 25 },
    { id: "o3", title: "Grow Fleet Analytics", weight: 20 },
    { id: "o4", title: "Land logos in EMEA", weight: 15 },
  ],
};

const base = (overrides: Partial<DealScoreInput> = {}): DealScoreInput => ({
  stage: "discovery",
  problemFit: "yes",
  stakeholders: [
    stakeholder({ name: "Eleanor", buyingRole: "economic_buyer", influence: 5 }),
    stakeholder({
      name: "Mateo",
      buyingRole: "champion",
      influence: 4,
      stance: "supporter",
      personalWin: "Off the night shift",
      howWeServeIt: "Weekly win report",
    }),
  ],
  strategy: STRATEGY,
  matchedObjectiveIds: ["o1"],
  ownerGoals: [
    { id: "g1", title: "Quota", category: "quota", importance: 3, linked: false },
    { id: "g2", title: "Land Granite Peak", category: "account", importance: 3, linked: true },
    { id: "g3", title: "Promotion", category: "promotion", importance: 2, linked: false },
  ],
  ...overrides,
});

describe("deal alignment: components", () => {
  it("customer: ½·fit + ½·influence share of captured wins (served 1, captured only ½)", () => {
    // EB 5 unknown, champion 4 served → won 4 of 9.
    expect(customerComponent("yes", base().stakeholders)).toBeCloseTo(0.5 + 0.5 * (4 / 9), 12);
    expect(customerComponent("partly", base().stakeholders)).toBeCloseTo(0.25 + 0.5 * (4 / 9), 12);
    expect(customerComponent("unknown", base().stakeholders)).toBeCloseTo(0.125 + 0.5 * (4 / 9), 12);
    const capturedOnly = [stakeholder({ buyingRole: "economic_buyer", influence: 4, personalWin: "Board story" })];
    expect(customerComponent("yes", capturedOnly)).toBe(0.5 + 0.5 * (2 / 4));
  });

  it("customer: no economic buyer counts an unknown person of influence 5; no problem we solve is 0", () => {
    expect(customerComponent("yes", [])).toBe(0.5);
    expect(customerComponent("yes", [stakeholder({ influence: 5, personalWin: "x", howWeServeIt: "y" })])).toBe(
      0.5 + 0.5 * (5 / 10),
    );
    expect(customerComponent("no", base().stakeholders)).toBe(0);
  });

  it("company: largest matched weight / largest weight of the strategy; 0 without a match or strategy", () => {
    expect(companyComponent(STRATEGY, ["o1"])).toBe(1);
    expect(companyComponent(STRATEGY, ["o3", "o4"])).toBe(20 / 40);
    expect(companyComponent(STRATEGY, [])).toBe(0);
    expect(companyComponent(STRATEGY, ["elsewhere"])).toBe(0);
    expect(companyComponent(null, ["o1"])).toBe(0);
    expect(companyComponent({ ...STRATEGY, objectives: [] }, [])).toBe(0);
  });

  it("rep: share of goal importance advanced; quota and commission count for open and won deals", () => {
    const goals = base().ownerGoals;
    expect(repComponent("discovery", goals)).toBe(6 / 8);
    expect(repComponent("closed_won", goals)).toBe(6 / 8);
    expect(repComponent("closed_lost", goals)).toBe(3 / 8);
    expect(repComponent("disqualified", goals)).toBe(3 / 8);
    expect(repComponent("discovery", [])).toBe(0);
    expect(
      repComponent("closed_lost", [{ id: "q", title: "Quota", category: "quota", importance: 3, linked: false }]),
    ).toBe(0);
  });

  it("score: 100 · √customer · ⁴√max(.1, company) · ⁴√max(.1, rep), rounded half up", () => {
    expect(combineScore("yes", 1, 1, 1)).toBe(100);
    expect(combineScore("yes", 0.25, 1, 1)).toBe(50);
    // 100 × 1 × ⁴√0.1 × ⁴√0.1 = 100 × √0.1 = 31.62… → 32
    expect(combineScore("yes", 1, 0, 0)).toBe(32);
    expect(combineScore("no", 1, 1, 1)).toBe(0);
  });
});

describe("deal alignment: scoreDeal", () => {
  it("docs/alignment.md worked example: Granite Peak scores 82, and 86 once Karin's win is served", () => {
    const known = { personalWin: "Known", howWeServeIt: "Planned" };
    const karin = stakeholder({ name: "Karin Lindqvist", influence: 3 });
    const granitePeak = (karinsWin: Partial<StakeholderInput>) =>
      base({
        stage: "proposal",
        stakeholders: [
          stakeholder({ name: "Eleanor Voss", buyingRole: "economic_buyer", influence: 5, ...known }),
          stakeholder({ name: "Rajesh Iyer", influence: 5, ...known }),
          stakeholder({ name: "Mateo Ruiz", influence: 4, ...known }),
          stakeholder({ name: "Priscilla Grant", influence: 2, ...known }),
          { ...karin, ...karinsWin },
        ],
        ownerGoals: [
          { id: "quota", title: "Quota", category: "quota", importance: 3, linked: false },
          { id: "account", title: "Land Granite Peak", category: "account", importance: 3, linked: true },
          { id: "skill", title: "Skill", category: "skill", importance: 3, linked: false },
          { id: "promo", title: "Promotion", category: "promotion", importance: 2, linked: false },
        ],
      });
    const today = scoreDeal(granitePeak({}));
    expect(today.components.customer).toBeCloseTo(0.5 + 0.5 * (16 / 19), 12);
    expect(today.components.company).toBe(1);
    expect(today.components.rep).toBeCloseTo(6 / 11, 12);
    expect(today.score).toBe(82);
    expect(scoreDeal(granitePeak(known)).score).toBe(86);
  });

  it("explains a well-aligned deal", () => {
    const result = scoreDeal(base());
    expect(result.components.company).toBe(1);
    expect(result.components.rep).toBe(0.75);
    // Customer ½ + ½ × 4/9 = 0.7222 (√ = 0.8498), company 1, rep 6/8 (⁴√ = 0.9306): 100 × 0.7909 = 79.09 → 79.
    expect(result.score).toBe(79);
    expect(result.flags).toEqual(["WINS_UNKNOWN"]);
    expect(result.reasons[0]).toBe("Personal win unknown for Eleanor");
    expect(result.matchedObjectives.map((o) => o.id)).toEqual(["o1"]);
    expect(result.advancedGoals.map((g) => g.id)).toEqual(["g1", "g2"]);
    expect(result.reasons).toContain('Company 100%: serves "Win enterprise manufacturing" (weight 40)');
  });

  it("capturing the economic buyer's win raises the score and clears WINS_UNKNOWN", () => {
    const before = scoreDeal(base());
    const after = scoreDeal(
      base({
        stakeholders: [
          stakeholder({ name: "Eleanor", buyingRole: "economic_buyer", influence: 5, personalWin: "A board story" }),
          ...base().stakeholders.slice(1),
        ],
      }),
    );
    expect(after.score).toBeGreaterThan(before.score);
    expect(after.flags).not.toContain("WINS_UNKNOWN");
  });

  it("flags each gap", () => {
    const result = scoreDeal(
      base({
        problemFit: "no",
        stakeholders: [stakeholder({ name: "Bob", buyingRole: "blocker", influence: 4, stance: "opponent" })],
        matchedObjectiveIds: [],
        ownerGoals: [{ id: "g", title: "Skill", category: "skill", importance: 2, linked: false }],
      }),
    );
    expect(result.score).toBe(0);
    expect(result.flags).toEqual([...DEAL_FLAGS]);
    expect(result.reasons).toEqual(
      expect.arrayContaining([
        "No economic buyer identified",
        "No champion identified",
        "Personal win unknown for Bob",
        "Blocker not addressed: Bob",
        "Outside strategy: matches no objective of FY2026 H2",
        "Advances none of the owner's goals",
      ]),
    );
  });

  it("an opponent we know how to serve is addressed", () => {
    const result = scoreDeal(
      base({
        stakeholders: [
          ...base().stakeholders,
          stakeholder({ stance: "opponent", howWeServeIt: "Keep their tool as the front end" }),
        ],
      }),
    );
    expect(result.flags).not.toContain("BLOCKER_UNADDRESSED");
  });

  it("without a strategy the deal is outside strategy", () => {
    const result = scoreDeal(base({ strategy: null }));
    expect(result.flags).toContain("OUTSIDE_STRATEGY");
    expect(result.reasons).toContain("Outside strategy: no active strategy");
  });

  it("every flag has an explanation", () => {
    for (const flag of DEAL_FLAGS) expect(FLAG_EXPLANATIONS[flag].title.length).toBeGreaterThan(0);
  });
});

describe("deal alignment: pickStrategy", () => {
  const strategies = [
    { id: "b", status: "active" as const, startsOn: "2026-07-01", endsOn: "2026-12-31" },
    { id: "a", status: "active" as const, startsOn: "2027-01-01", endsOn: "2027-06-30" },
    { id: "c", status: "archived" as const, startsOn: "2026-01-01", endsOn: "2026-06-30" },
    { id: "d", status: "draft" as const, startsOn: "2027-01-01", endsOn: "2027-06-30" },
  ];
  it("prefers the active strategy containing the close date, then today, then the latest started", () => {
    expect(pickStrategy(strategies, "2027-02-01", "2026-11-26")?.id).toBe("a");
    expect(pickStrategy(strategies, "2026-12-01", "2026-11-26")?.id).toBe("b");
    expect(pickStrategy(strategies, "2026-03-01", "2026-11-26")?.id).toBe("b");
    expect(pickStrategy(strategies, null, "2026-11-26")?.id).toBe("b");
    expect(pickStrategy(strategies, null, "2028-01-01")?.id).toBe("a");
    expect(
      pickStrategy(
        strategies.filter((s) => s.status !== "active"),
        "2026-03-01",
        "2026-03-01",
      ),
    ).toBeNull();
  });
});
