/**
 * The stakeholder map's automatic layout (elkjs, layered, top-down): where each person's card goes, from the
 * reports-to edges. Pure and framework-free, so the benchmark (tests/load/bench-plans.ts) times the real thing.
 */
import ELK from "elkjs/lib/elk.bundled.js";

export const CARD_WIDTH = 220;
export const CARD_HEIGHT = 96;
const elk = new ELK();

export interface ChartEdge {
  id: string;
  source: string;
  target: string;
}

/** Each person's top-left corner; `ids` are the people on the chart, `edges` who reports to whom among them. */
export async function layoutChart(ids: string[], edges: ChartEdge[]): Promise<Map<string, { x: number; y: number }>> {
  const layout = await elk.layout({
    id: "root",
    layoutOptions: { "elk.algorithm": "layered", "elk.direction": "DOWN", "elk.spacing.nodeNode": "40" },
    children: ids.map((id) => ({ id, width: CARD_WIDTH, height: CARD_HEIGHT })),
    edges: edges.map((edge) => ({ id: edge.id, sources: [edge.source], targets: [edge.target] })),
  });
  return new Map(layout.children?.map((child) => [child.id, { x: child.x ?? 0, y: child.y ?? 0 }]));
}

/** The reports-to edges among the people on the chart. */
export function chartEdges(people: { contactId: string; reportsToId: string | null }[]): ChartEdge[] {
  const ids = new Set(people.map((person) => person.contactId));
  return people
    .filter((person) => person.reportsToId && ids.has(person.reportsToId))
    .map((person) => ({
      id: `${person.reportsToId}-${person.contactId}`,
      source: person.reportsToId!,
      target: person.contactId,
    }));
}
