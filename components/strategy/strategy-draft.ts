import type { StrategyDetail } from "@/components/alignment/types";

export const DIMENSIONS = ["industry", "segment", "region", "product"] as const;
export type Dimension = (typeof DIMENSIONS)[number];
export const DIMENSION_LABEL: Record<Dimension, string> = {
  industry: "Industry",
  segment: "Segment",
  region: "Region",
  product: "Product",
};
export const DIMENSION_EXAMPLE: Record<Dimension, string> = {
  industry: "Manufacturing",
  segment: "Enterprise",
  region: "EMEA",
  product: "Fleet Analytics",
};

export interface FocusDraft {
  key: string;
  dimension: Dimension;
  value: string;
}
export interface ObjectiveDraft {
  key: string;
  id?: string;
  title: string;
  description: string;
  weight: string;
  ownerId: string;
  focus: FocusDraft[];
}
export interface Draft {
  name: string;
  startsOn: string;
  endsOn: string;
  objectives: ObjectiveDraft[];
}

let keySeq = 0;
/** A React key for a new row (crypto.randomUUID is missing on plain-HTTP origins). */
export const newKey = () => `new-${++keySeq}`;
/** Error paths the form shows next to their field. */
export const INLINE_PATH =
  /^(name|startsOn|endsOn|objectives|objectives\.\d+\.(title|weight|ownerId|description|focus\.\d+\.value))$/;

export function toDraft(strategy: StrategyDetail): Draft {
  return {
    name: strategy.name,
    startsOn: strategy.startsOn,
    endsOn: strategy.endsOn,
    objectives: strategy.objectives.map((o) => ({
      key: o.id,
      id: o.id,
      title: o.title,
      description: o.description,
      weight: String(o.weight),
      ownerId: o.ownerId ?? "",
      focus: o.focus.map((f, i) => ({ key: `${o.id}-${i}`, dimension: f.dimension, value: f.value })),
    })),
  };
}

/** The weight as the server will read it: a whole number, or NaN (refused with a message next to the field). */
export function parseWeight(text: string): number {
  return /^\s*\d+\s*$/.test(text) ? Number(text) : Number.NaN;
}

export function weightSum(objectives: { weight: string }[]): number {
  return objectives.reduce((sum, o) => sum + (Number.isNaN(parseWeight(o.weight)) ? 0 : parseWeight(o.weight)), 0);
}
