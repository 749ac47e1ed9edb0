import { describe, expect, it } from "vitest";
import {
  pipelineMix,
  scoreRepAlignment,
  type AlignmentGoal,
  type AlignmentObjective,
} from "@/server/domain/rep-alignment";

/** The worked example of docs/alignment.md. */
const objectives: AlignmentObjective[] = [
  { id: "mfg", title: "Win enterprise manufacturing", weight: 40 },
  { id: "health", title: "Expand in healthcare", weight: 25 },
  { id: "fleet", title: "Grow Fleet Analytics", weight: 20 },
  { id: "emea", title: "Land logos in EMEA", weight: 15 },
];
const goals: AlignmentGoal[] = [
  {
    id: "quota",
    title: "Close $1.2M in H2",
    category: "quota",
    private: false,
    readable: true,
    links: [
      { objectiveId: "mfg", strength: 2 },
      { objectiveId: "emea", strength: 1 },
    ],
  },
  {
    id: "granite",
    title: "Land Granite Peak",
    category: "account",
    private: false,
    readable: true,
    links: [{ objectiveId: "mfg", strength: 3 }],
  },
  {
    id: "rotterdam",
    title: "Open 3 EMEA accounts",
    category: "other",
    private: false,
    readable: true,
    links: [{ objectiveId: "emea", strength: 3 }],
  },
  // Private: only its owner reads it (readable for the rep's own view; the rule is enforced for others anyway).
  { id: "promo", title: "Make Senior AE", category: "promotion", private: true, readable: true, links: [] },
];
// A $120,000 deal matching both mfg and fleet counts $60,000 on each.
const pipeline = { byObjective: { mfg: "300000.00", fleet: "60000.00", emea: "40000.00" }, unaligned: "100000.00" };

describe("rep ↔ strategy alignment: the worked example", () => {
  const result = scoreRepAlignment({ objectives, goals, pipeline });

  it("computes each component as docs/alignment.md shows", () => {
    expect(result.components).toEqual({
      coverage: { value: 0.55, max: 40, points: 22 },
      focus: { value: 0.75, max: 20, points: 15 },
      pipelineFit: { value: 0.6, max: 40, points: 24 },
    });
    expect(result.score).toBe(61);
  });

  it("reports the per-objective picture for the heat-map", () => {
    expect(result.objectives).toEqual([
      { objectiveId: "mfg", title: "Win enterprise manufacturing", weight: 40, strength: 3, pipelineShare: 0.6 },
      { objectiveId: "health", title: "Expand in healthcare", weight: 25, strength: 0, pipelineShare: 0 },
      { objectiveId: "fleet", title: "Grow Fleet Analytics", weight: 20, strength: 0, pipelineShare: 0.12 },
      { objectiveId: "emea", title: "Land logos in EMEA", weight: 15, strength: 3, pipelineShare: 0.08 },
    ]);
    expect(result.unalignedShare).toBe(0.2);
    expect(result.goals).toEqual({ total: 4, linked: 3, orphanGoalIds: ["promo"] });
  });

  it("explains each component in words", () => {
    expect(result.reasons).toHaveLength(3);
    expect(result.reasons[0]).toMatch(/^Coverage 55%: your goals serve 2 of 4 objectives/);
    expect(result.reasons[1]).toBe(
      "Focus 75%: 3 of 4 goals serve an objective; not linked to any objective: “Make Senior AE”.",
    );
    expect(result.reasons[2]).toContain("Pipeline fit 60%");
    expect(result.reasons[2]).toContain("60% on “Win enterprise manufacturing” (weight 40%)");
    expect(result.reasons[2]).toContain("20% on no objective");
  });

  it("suggests what would raise it, most valuable first, with the points it would gain", () => {
    const kinds = result.suggestions.map((s) => s.kind);
    expect(kinds).toContain("link_orphan");
    expect(kinds).toContain("cover_objective");
    expect(result.suggestions.length).toBeLessThanOrEqual(5);
    const gains = result.suggestions.map((s) => s.gain ?? 0);
    expect(gains).toEqual([...gains].sort((a, b) => b - a));
    const healthcare = result.suggestions.find((s) => s.kind === "cover_objective" && s.objectiveId === "health");
    // Linking a goal to healthcare as central: coverage 0.55 → 0.80, i.e. 22 → 32 points.
    expect(healthcare).toEqual({
      kind: "cover_objective",
      text: "No goal of yours serves “Expand in healthcare” (weight 25%): link a goal to it.",
      gain: 10,
      objectiveId: "health",
      goalId: null,
    });
    const orphan = result.suggestions.find((s) => s.kind === "link_orphan");
    expect(orphan?.text).toBe("Link your promotion goal “Make Senior AE” to an objective it serves.");
    // Linking it as "supports" to healthcare: focus 15 → 20, coverage 22 → 25.
    expect(orphan?.gain).toBe(8);
    // 0% of the pipeline on healthcare, weighted 25%: shown when it ranks in the top five.
    const gap = result.suggestions.find((s) => s.kind === "pipeline_gap");
    expect(gap?.text).toBe("Only 0% of your pipeline serves “Expand in healthcare”, weighted 25%.");
  });

  it("asks for a central link where the strongest only supports or drives an objective, in whole sentences", () => {
    // The quota goal drives manufacturing and supports EMEA, and no other goal links to either (the two weights,
    // 40 and 15, read as shares of 55: 73% and 27%).
    const two = objectives.filter((o) => o.id === "mfg" || o.id === "emea");
    const quotaOnly = goals.filter((goal) => goal.id === "quota");
    const texts = (audience: "owner" | "others") =>
      scoreRepAlignment({ objectives: two, goals: quotaOnly, pipeline, audience })
        .suggestions.filter((s) => s.kind === "strengthen_link")
        .map((s) => s.text);
    expect(texts("owner")).toEqual(
      expect.arrayContaining([
        "No goal of yours is central to “Win enterprise manufacturing” (weight 73%); the strongest only drives it: make it central to one of them.",
        "No goal of yours is central to “Land logos in EMEA” (weight 27%); the strongest only supports it: make it central to one of them.",
      ]),
    );
    expect(texts("others")).toContain(
      "No goal of theirs is central to “Win enterprise manufacturing” (weight 73%); the strongest only drives it: make it central to one of them.",
    );
  });

  it("never names a private goal to someone else", () => {
    const forManager = scoreRepAlignment({ objectives, goals, pipeline, audience: "others" });
    expect(forManager.score).toBe(61);
    const text = [...forManager.reasons, ...forManager.suggestions.map((s) => s.text)].join("\n");
    expect(text).not.toContain("Make Senior AE");
    expect(text).toContain("1 private goal");
    const link = forManager.suggestions.find((s) => s.kind === "link_orphan");
    expect(link).toMatchObject({ text: "Link a private goal to an objective it serves.", goalId: null });
    expect(forManager.reasons[0]).toMatch(/their goals/);
  });

  it("never names a goal the reader may not read (e.g. shared only with managers, read by a viewer), but counts it", () => {
    // The promotion goal shared with managers instead: a manager reads it, a viewer does not.
    const shared = goals.map((g) => (g.id === "promo" ? { ...g, private: false } : g));
    const forViewer = scoreRepAlignment({
      objectives,
      goals: shared.map((g) => (g.id === "promo" ? { ...g, readable: false } : g)),
      pipeline,
      audience: "others",
    });
    const forManager = scoreRepAlignment({ objectives, goals: shared, pipeline, audience: "others" });
    expect(forViewer.score).toBe(61);
    expect(forViewer.goals).toEqual({ total: 4, linked: 3, orphanGoalIds: ["promo"] });
    const text = JSON.stringify({ reasons: forViewer.reasons, suggestions: forViewer.suggestions });
    expect(text).not.toContain("Make Senior AE");
    expect(forViewer.reasons[1]).toBe(
      "Focus 75%: 3 of 4 goals serve an objective; not linked to any objective: 1 goal not shared with you.",
    );
    expect(forViewer.suggestions.find((s) => s.kind === "link_orphan")).toMatchObject({
      text: "Link a goal not shared with you to an objective it serves.",
      gain: 8,
      goalId: null,
    });
    expect(forManager.reasons[1]).toBe(
      "Focus 75%: 3 of 4 goals serve an objective; not linked to any objective: “Make Senior AE”.",
    );
    expect(forManager.suggestions.find((s) => s.kind === "link_orphan")).toMatchObject({
      text: "Link the promotion goal “Make Senior AE” to an objective it serves.",
      goalId: "promo",
    });
  });

  it("counts unnamed orphans by kind: private ones and ones not shared with the reader", () => {
    const orphans: AlignmentGoal[] = [
      { id: "a", title: "Secret A", category: "other", private: true, readable: false, links: [] },
      { id: "b", title: "Secret B", category: "other", private: true, readable: false, links: [] },
      { id: "c", title: "Managers only", category: "skill", private: false, readable: false, links: [] },
      { id: "d", title: "Shared", category: "skill", private: false, readable: true, links: [] },
    ];
    const result = scoreRepAlignment({ objectives, goals: orphans, pipeline, audience: "others" });
    expect(result.reasons[1]).toBe(
      "Focus 0%: 0 of 4 goals serve an objective; not linked to any objective: “Shared”, 2 private goals, 1 goal not shared with you.",
    );
  });
});

describe("rep ↔ strategy alignment: edge cases", () => {
  const empty = { byObjective: {}, unaligned: "0" };

  it("a rep with no goals and no pipeline scores 0 and is told to write goals", () => {
    const result = scoreRepAlignment({ objectives, goals: [], pipeline: empty });
    expect(result.score).toBe(0);
    expect(result.hasPipeline).toBe(false);
    expect(result.suggestions.map((s) => s.kind)).toEqual(["no_pipeline", "write_goals"]);
    expect(result.suggestions[0]?.gain).toBe(40);
    expect(result.reasons[1]).toBe("Focus: no goals for this period yet.");
    expect(result.reasons[2]).toMatch(/^Pipeline fit 0%: your open pipeline is empty/);
  });

  it("no pipeline counts like a pipeline that serves no objective (0, not the formula's 0.5)", () => {
    const none = scoreRepAlignment({ objectives, goals, pipeline: empty });
    const allUnaligned = scoreRepAlignment({ objectives, goals, pipeline: { byObjective: {}, unaligned: "5000" } });
    expect(none.components.pipelineFit.value).toBe(0);
    expect(allUnaligned.components.pipelineFit.value).toBe(0);
  });

  it("a strategy without objectives scores 0 with no suggestion", () => {
    const result = scoreRepAlignment({ objectives: [], goals, pipeline });
    expect(result.score).toBe(0);
    expect(result.suggestions).toEqual([]);
    expect(result.reasons[0]).toBe("Coverage: the strategy has no objectives yet.");
  });

  it("links to objectives of another strategy count for nothing (the goal stays an orphan)", () => {
    const result = scoreRepAlignment({
      objectives,
      goals: [
        {
          id: "g",
          title: "Old",
          category: "other",
          private: false,
          readable: true,
          links: [{ objectiveId: "elsewhere", strength: 3 }],
        },
      ],
      pipeline: { byObjective: { elsewhere: "100" }, unaligned: "0" },
    });
    expect(result.components.coverage.value).toBe(0);
    expect(result.goals.orphanGoalIds).toEqual(["g"]);
    expect(result.unalignedShare).toBe(1);
  });

  it("a perfect rep scores 100", () => {
    const result = scoreRepAlignment({
      objectives,
      goals: [
        {
          id: "g",
          title: "All in",
          category: "quota",
          private: false,
          readable: true,
          links: objectives.map((o) => ({ objectiveId: o.id, strength: 3 })),
        },
      ],
      pipeline: { byObjective: { mfg: "40", health: "25", fleet: "20", emea: "15" }, unaligned: "0" },
    });
    expect(result.score).toBe(100);
    expect(result.suggestions).toEqual([]);
  });

  it("names the top objective when the pipeline under-serves it", () => {
    const result = scoreRepAlignment({
      objectives,
      goals,
      pipeline: { byObjective: { mfg: "5", health: "45", fleet: "35", emea: "15" }, unaligned: "0" },
    });
    const gap = result.suggestions.find((s) => s.kind === "pipeline_gap" && s.objectiveId === "mfg");
    expect(gap?.text).toBe(
      "Only 5% of your pipeline serves the top objective “Win enterprise manufacturing”, weighted 40%.",
    );
    expect(gap?.gain).toBeGreaterThan(0);
  });

  it("tells the rep when much of the pipeline matches no objective", () => {
    const result = scoreRepAlignment({ objectives, goals, pipeline: { byObjective: { mfg: "40" }, unaligned: "60" } });
    const unaligned = result.suggestions.find((s) => s.kind === "unaligned_pipeline");
    expect(unaligned?.text).toMatch(/^60% of your open pipeline matches no objective/);
  });
});

describe("team pipeline mix (amounts summed by SQL, shares taken here)", () => {
  it("divides each summed amount by the team's total", () => {
    const mix = pipelineMix(objectives, {
      byObjective: { mfg: "100.00", health: "50.00" },
      unaligned: "50.00",
      total: "200.00",
    });
    expect(mix.hasPipeline).toBe(true);
    expect(mix.unalignedShare).toBe(0.25);
    expect(mix.objectives.map((o) => o.pipelineShare)).toEqual([0.5, 0.25, 0, 0]);
  });

  it("divides by the team's exact total, not by a re-added sum of the rounded amounts", () => {
    // One $100 deal matching three objectives: 33.33 on each after rounding, but the total is 100.00.
    const mix = pipelineMix(objectives, {
      byObjective: { mfg: "33.33", health: "33.33", fleet: "33.33" },
      unaligned: "0.00",
      total: "100.00",
    });
    expect(mix.objectives.map((o) => o.pipelineShare)).toEqual([0.3333, 0.3333, 0.3333, 0]);
  });

  it("counts an amount on an objective the strategy does not have as unaligned", () => {
    const mix = pipelineMix(objectives, { byObjective: { mfg: "30", elsewhere: "10" }, unaligned: "60", total: "100" });
    expect(mix.unalignedShare).toBe(0.7);
    expect(mix.objectives[0]?.pipelineShare).toBe(0.3);
  });

  it("an empty team has no pipeline", () => {
    const mix = pipelineMix(objectives, { byObjective: {}, unaligned: "0", total: "0" });
    expect(mix).toMatchObject({ hasPipeline: false, unalignedShare: 0 });
    expect(mix.objectives.every((o) => o.pipelineShare === 0)).toBe(true);
  });
});
