/**
 * Static material for the demo seed (db/seed.ts): the strategies and their objectives. Pure data, no I/O.
 */
import type { ObjectiveKey } from "./seed-data-people";

export interface ObjectiveSeed {
  key: ObjectiveKey;
  title: string;
  description: string;
  weight: number;
  owner: string;
  focus: { dimension: "industry" | "segment" | "region" | "product"; value: string }[];
}

export interface StrategySeed {
  name: string;
  startsOn: string;
  endsOn: string;
  status: "active" | "archived";
  objectives: ObjectiveSeed[];
}

export const ACTIVE_STRATEGY: StrategySeed = {
  name: "FY2026 H2",
  startsOn: "2026-07-01",
  endsOn: "2026-12-31",
  status: "active",
  objectives: [
    {
      key: "winMfg",
      title: "Win enterprise manufacturing",
      description:
        "Manufacturers with 5+ plants are where Vision QA and Robotic Picking pay back fastest. Win new enterprise manufacturing logos and expand the ones we have to additional plants.",
      weight: 40,
      owner: "maria",
      focus: [
        { dimension: "industry", value: "Manufacturing" },
        { dimension: "segment", value: "Enterprise" },
      ],
    },
    {
      key: "healthcare",
      title: "Expand in healthcare",
      description:
        "Hospital pharmacies and medical distributors are short of staff. Build three reference customers for automated picking and service workflows in healthcare.",
      weight: 25,
      owner: "james",
      focus: [{ dimension: "industry", value: "Healthcare" }],
    },
    {
      key: "fleet",
      title: "Grow the Fleet Analytics product",
      description:
        "Fleet Analytics launched in H1. Grow it to a real second product line: attach it to robot deployments and sell it stand-alone to logistics and energy fleets.",
      weight: 20,
      owner: "admin",
      focus: [{ dimension: "product", value: "Fleet Analytics" }],
    },
    {
      key: "emea",
      title: "Land logos in EMEA",
      description:
        "The Rotterdam office opened in September. Land the first EMEA customers we can reference in the region, whatever the industry.",
      weight: 15,
      owner: "maria",
      focus: [{ dimension: "region", value: "EMEA" }],
    },
  ],
};

export const ARCHIVED_STRATEGY: StrategySeed = {
  name: "FY2026 H1",
  startsOn: "2026-01-01",
  endsOn: "2026-06-30",
  status: "archived",
  objectives: [
    {
      key: "logistics",
      title: "Defend the logistics base",
      description:
        "Renew and expand the logistics customers that make up most of our installed base before competitors reach them.",
      weight: 35,
      owner: "james",
      focus: [{ dimension: "industry", value: "Logistics" }],
    },
    {
      key: "visionQa",
      title: "Launch Vision QA",
      description: "Get Vision QA into ten production lines so that the launch has real references.",
      weight: 25,
      owner: "maria",
      focus: [{ dimension: "product", value: "Vision QA" }],
    },
    {
      key: "midMarket",
      title: "Build a repeatable Mid-Market motion",
      description: "Shorter cycles, standard packages: prove that a mid-market deal can close in under 60 days.",
      weight: 25,
      owner: "james",
      focus: [{ dimension: "segment", value: "Mid-Market" }],
    },
    {
      key: "retail",
      title: "Retail fulfilment pilots",
      description: "Run three paid pilots of Robotic Picking in retail fulfilment centres.",
      weight: 15,
      owner: "admin",
      focus: [
        { dimension: "industry", value: "Retail" },
        { dimension: "product", value: "Robotic Picking" },
      ],
    },
  ],
};
