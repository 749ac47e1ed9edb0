/** The demo's strategies, objectives with their focus, and everyone's goals linked to the objectives. */
import { ACTIVE_STRATEGY, ARCHIVED_STRATEGY } from "./seed-data-strategy";
import type { ObjectiveKey } from "./seed-data-people";
import { goalsFor, MANAGER_GOALS, type GoalSeed } from "./seed-goals";
import { money, uuid } from "./seed-random";
import type { Demo, People, SeededGoal, SeededObjective } from "./seed-rows";

/** The seeded strategies, for the deals and the audit log. */
export interface Strategies {
  activeStrategyId: string;
  archivedStrategyId: string;
  activeObjectives: SeededObjective[];
  /** The active strategy's goals, by person key. */
  activeGoals: Map<string, SeededGoal[]>;
}

export function buildStrategies({ rng, orgId, rows }: Demo, { user, homeTeam, reps }: People): Strategies {
  const objectiveByKey = new Map<ObjectiveKey, SeededObjective>();
  const strategyId = new Map<string, string>();
  for (const st of [ARCHIVED_STRATEGY, ACTIVE_STRATEGY]) {
    const sId = uuid();
    strategyId.set(st.name, sId);
    rows.strategies.push({
      orgId,
      id: sId,
      name: st.name,
      startsOn: st.startsOn,
      endsOn: st.endsOn,
      status: st.status,
    });
    st.objectives.forEach((o, position) => {
      const oId = uuid();
      objectiveByKey.set(o.key, { id: oId, key: o.key, focus: o.focus });
      rows.objectives.push({
        orgId,
        id: oId,
        strategyId: sId,
        title: o.title,
        description: o.description,
        weight: o.weight,
        ownerId: user(o.owner),
        position,
      });
      for (const f of o.focus)
        rows.objectiveFocus.push({ orgId, id: uuid(), objectiveId: oId, dimension: f.dimension, value: f.value });
    });
  }
  const objective = (key: ObjectiveKey): SeededObjective => {
    const o = objectiveByKey.get(key);
    if (!o) throw new Error(`unknown objective ${key}`);
    return o;
  };
  const activeStrategyId = strategyId.get(ACTIVE_STRATEGY.name) ?? "";
  const archivedStrategyId = strategyId.get(ARCHIVED_STRATEGY.name) ?? "";
  const activeObjectives = ACTIVE_STRATEGY.objectives.map((o) => objective(o.key));

  // --- Goals --------------------------------------------------------------------------------------------
  const activeGoals = new Map<string, SeededGoal[]>(); // by person key
  const addGoal = (ownerKey: string, strategy: string, g: GoalSeed) => {
    const id = uuid();
    const current =
      g.target === null
        ? 0
        : g.unit === "USD"
          ? Math.round((g.target * g.progress) / 1000) * 1000
          : Math.round(g.target * g.progress);
    rows.goals.push({
      orgId,
      id,
      userId: user(ownerKey),
      strategyId: strategy,
      category: g.category,
      title: g.title,
      target: g.target === null ? null : money(g.target),
      unit: g.unit,
      currentValue: money(current),
      importance: g.importance,
      visibility: g.visibility,
    });
    for (const [key, strength] of g.links)
      rows.goalObjectiveLinks.push({ orgId, goalId: id, objectiveId: objective(key).id, strength });
    if (strategy === activeStrategyId) {
      activeGoals.set(ownerKey, [
        ...(activeGoals.get(ownerKey) ?? []),
        { id, category: g.category, links: g.links.map(([k]) => k), accountName: g.accountName },
      ]);
    }
  };

  reps.forEach((p, i) => {
    for (const g of goalsFor(rng, homeTeam, p, i)) addGoal(p.key, activeStrategyId, g);
    // The previous period: one closed-out quota goal each.
    const enterprise = homeTeam(p) !== "midMarket";
    addGoal(p.key, archivedStrategyId, {
      category: "quota",
      title: enterprise ? "Close $1M of new bookings in H1" : "Hit the $500K H1 quota",
      target: enterprise ? 1_000_000 : 500_000,
      unit: "USD",
      progress: rng.float(0.75, 1.2),
      importance: 3,
      visibility: "manager",
      links: [enterprise ? ["visionQa", 2] : ["midMarket", 3]],
    });
  });
  for (const [key, list] of Object.entries(MANAGER_GOALS)) for (const g of list) addGoal(key, activeStrategyId, g);
  return { activeStrategyId, archivedStrategyId, activeObjectives, activeGoals };
}
