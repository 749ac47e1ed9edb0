import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  BUYING_ROLES,
  combineScore,
  companyComponent,
  customerComponent,
  DEAL_FLAGS,
  DEAL_STAGES,
  FLAG_EXPLANATIONS,
  GOAL_CATEGORIES,
  pickStrategy,
  PROBLEM_FITS,
  repComponent,
  scoreDeal,
  STANCES,
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

// ---------------------------------------------------------------------------------------------------
// Properties

const stakeholderArb = fc.record({
  name: fc.string({ maxLength: 8 }),
  buyingRole: fc.constantFrom(...BUYING_ROLES),
  influence: fc.integer({ min: 1, max: 5 }),
  stance: fc.constantFrom(...STANCES),
  personalWin: fc.constantFrom("", "  ", "A promotion"),
  howWeServeIt: fc.constantFrom("", "A plan"),
});

const inputArb: fc.Arbitrary<DealScoreInput> = fc
  .record({
    stage: fc.constantFrom(...DEAL_STAGES),
    problemFit: fc.constantFrom(...PROBLEM_FITS),
    stakeholders: fc.array(stakeholderArb, { maxLength: 8 }),
    weights: fc.array(fc.integer({ min: 0, max: 100 }), { maxLength: 6 }),
    matched: fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }),
    hasStrategy: fc.boolean(),
    goals: fc.array(
      fc.record({
        category: fc.constantFrom(...GOAL_CATEGORIES),
        importance: fc.integer({ min: 1, max: 3 }),
        linked: fc.boolean(),
      }),
      { maxLength: 6 },
    ),
  })
  .map(({ stage, problemFit, stakeholders, weights, matched, hasStrategy, goals }) => {
    const objectives = weights.map((weight, i) => ({ id: `o${i}`, title: `Objective ${i}`, weight }));
    return {
      stage,
      problemFit,
      stakeholders,
      strategy: hasStrategy ? { id: "s", name: "S", objectives } : null,
      matchedObjectiveIds: objectives.filter((_, i) => matched[i]).map((o) => o.id),
      ownerGoals: goals.map((g, i) => ({ ...g, id: `g${i}`, title: `Goal ${i}` })),
    };
  });

describe("deal alignment: properties", () => {
  it("bounded: the score is an integer 0–100 and every component is within [0, 1]", () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const result = scoreDeal(input);
        expect(Number.isInteger(result.score)).toBe(true);
        expect(result.score).toBeGreaterThanOrEqual(0);
        expect(result.score).toBeLessThanOrEqual(100);
        for (const value of Object.values(result.components)) {
          expect(value).toBeGreaterThanOrEqual(0);
          expect(value).toBeLessThanOrEqual(1);
        }
      }),
      { numRuns: 500 },
    );
  });

  it("monotone: capturing (or serving) a stakeholder's personal win never lowers the score", () => {
    fc.assert(
      fc.property(inputArb, fc.nat(), fc.constantFrom("capture", "serve", "both"), (input, pick, how) => {
        fc.pre(input.stakeholders.length > 0);
        const i = pick % input.stakeholders.length;
        const changed = input.stakeholders.map((s, k) =>
          k !== i
            ? s
            : {
                ...s,
                personalWin: how === "serve" ? s.personalWin : "Recognition for the rollout",
                howWeServeIt: how === "capture" ? s.howWeServeIt : "Co-present the results",
              },
        );
        const before = scoreDeal(input);
        const after = scoreDeal({ ...input, stakeholders: changed });
        expect(after.score).toBeGreaterThanOrEqual(before.score);
        expect(after.components.customer).toBeGreaterThanOrEqual(before.components.customer);
      }),
      { numRuns: 500 },
    );
  });

  it("no problem we can solve: score 0 and DISQUALIFY, whatever else is true", () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const result = scoreDeal({ ...input, problemFit: "no" });
        expect(result.score).toBe(0);
        expect(result.flags[0]).toBe("DISQUALIFY");
      }),
      { numRuns: 300 },
    );
  });

  it("DISQUALIFY only when the customer has no problem we can solve", () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        expect(scoreDeal(input).flags.includes("DISQUALIFY")).toBe(input.problemFit === "no");
      }),
    );
  });

  it("a better problem fit never lowers the score (no < unknown < partly < yes)", () => {
    const order = ["no", "unknown", "partly", "yes"] as const;
    fc.assert(
      fc.property(inputArb, (input) => {
        const scores = order.map((problemFit) => scoreDeal({ ...input, problemFit }).score);
        for (let i = 1; i < scores.length; i++) expect(scores[i]).toBeGreaterThanOrEqual(scores[i - 1]!);
      }),
    );
  });

  it("matching one more objective or advancing one more goal never lowers the score", () => {
    fc.assert(
      fc.property(inputArb, fc.nat(), (input, pick) => {
        const before = scoreDeal(input).score;
        const objectives = input.strategy?.objectives ?? [];
        if (objectives.length > 0) {
          const extra = objectives[pick % objectives.length]!.id;
          expect(
            scoreDeal({ ...input, matchedObjectiveIds: [...input.matchedObjectiveIds, extra] }).score,
          ).toBeGreaterThanOrEqual(before);
        }
        if (input.ownerGoals.length > 0) {
          const k = pick % input.ownerGoals.length;
          const goals = input.ownerGoals.map((g, i) => (i === k ? { ...g, linked: true } : g));
          expect(scoreDeal({ ...input, ownerGoals: goals }).score).toBeGreaterThanOrEqual(before);
        }
      }),
    );
  });

  it("flags agree with the components", () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const result = scoreDeal(input);
        expect(result.flags.includes("OUTSIDE_STRATEGY")).toBe(result.components.company === 0);
        expect(result.flags.includes("NOT_IN_REP_GOALS")).toBe(result.components.rep === 0);
        expect(result.flags.includes("NO_ECONOMIC_BUYER")).toBe(
          !input.stakeholders.some((s) => s.buyingRole === "economic_buyer"),
        );
        expect(result.flags.includes("NO_CHAMPION")).toBe(!input.stakeholders.some((s) => s.buyingRole === "champion"));
        // Flags come in the documented order.
        expect(result.flags).toEqual(DEAL_FLAGS.filter((flag) => result.flags.includes(flag)));
      }),
    );
  });

  it("pickStrategy returns an active strategy whenever there is one", () => {
    const day = fc
      .integer({ min: 0, max: 1500 })
      .map((n) => new Date(Date.UTC(2025, 0, 1) + n * 86_400_000).toISOString().slice(0, 10));
    const strategyArb = fc
      .record({
        id: fc.uuid(),
        status: fc.constantFrom("draft" as const, "active" as const, "archived" as const),
        a: day,
        b: day,
      })
      .map(({ id, status, a, b }) => ({ id, status, startsOn: a < b ? a : b, endsOn: a < b ? b : a }));
    fc.assert(
      fc.property(
        fc.array(strategyArb, { maxLength: 6 }),
        fc.option(day, { nil: null }),
        day,
        (list, closeDate, today) => {
          const picked = pickStrategy(list, closeDate, today);
          expect(picked === null).toBe(!list.some((s) => s.status === "active"));
          if (
            picked &&
            closeDate &&
            list.some((s) => s.status === "active" && s.startsOn <= closeDate && closeDate <= s.endsOn)
          ) {
            expect(picked.startsOn <= closeDate && closeDate <= picked.endsOn).toBe(true);
          }
        },
      ),
    );
  });
});
