/**
 * Arrangements for the strategy router tests: a draft (2030 H1) and an active strategy (2031 H1) of one objective
 * each, plus the editor's input for the objectives and for a strategy as it is.
 */
import { beforeAll } from "vitest";
import { useWorld } from "../helpers/world";
import { insertStrategy } from "./alignment-fixtures";

/** Objectives as the editor sends them. */
export const fourObjectives = (ownerId: string | null = null) => [
  {
    title: "Win enterprise manufacturing",
    description: "Plants with 5+ lines",
    weight: 40,
    ownerId,
    focus: [
      { dimension: "industry" as const, value: "Manufacturing" },
      { dimension: "segment" as const, value: "Enterprise" },
    ],
  },
  { title: "Expand in healthcare", weight: 25, focus: [{ dimension: "industry" as const, value: "Healthcare" }] },
  { title: "Grow Fleet Analytics", weight: 20, focus: [{ dimension: "product" as const, value: "Fleet Analytics" }] },
  { title: "Land logos in EMEA", weight: 15, focus: [{ dimension: "region" as const, value: "EMEA" }] },
];

/** The world of the strategy tests; the ids of the draft and the active strategy are known before they exist. */
export function useStrategyWorld() {
  const world = useWorld();
  const admin = () => world.api(world.org.admin);
  const draftId = crypto.randomUUID();
  const activeId = crypto.randomUUID();

  beforeAll(async () => {
    await insertStrategy(world.db, world.org.id, {
      id: draftId,
      status: "draft",
      startsOn: "2030-01-01",
      endsOn: "2030-06-30",
      objectives: [{ title: "Only", weight: 100 }],
    });
    await insertStrategy(world.db, world.org.id, {
      id: activeId,
      status: "active",
      startsOn: "2031-01-01",
      endsOn: "2031-06-30",
      objectives: [{ title: "All", weight: 100 }],
    });
  });
  return { world, admin, draftId, activeId };
}

/** The editor's input for a strategy as it is now. */
export function editable(s: {
  id: string;
  version: number;
  name: string;
  startsOn: string;
  endsOn: string;
  objectives: {
    id: string;
    title: string;
    description: string;
    weight: number;
    ownerId: string | null;
    focus: { dimension: "industry" | "segment" | "region" | "product"; value: string }[];
  }[];
}) {
  return {
    strategyId: s.id,
    version: s.version,
    name: s.name,
    startsOn: s.startsOn,
    endsOn: s.endsOn,
    objectives: s.objectives.map((o) => ({
      id: o.id as string | undefined,
      title: o.title,
      description: o.description,
      weight: o.weight,
      ownerId: o.ownerId,
      focus: o.focus,
    })),
  };
}
