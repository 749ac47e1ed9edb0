/** The demo people's goals ("self-interests"): what each rep and manager wants this period. */
import type { Insert } from "./seed-rows";
import type * as s from "./schema";
import type { DemoPerson, ObjectiveKey } from "./seed-data-people";
import type { Rng } from "./seed-random";
import type { People } from "./seed-rows";

export interface GoalSeed {
  category: Insert<typeof s.goals>["category"];
  title: string;
  target: number | null;
  unit: string;
  /** current value as a share of the target (ignored without a target) */
  progress: number;
  importance: number;
  visibility: "private" | "manager" | "team";
  links: [ObjectiveKey, number][];
  accountName?: string;
}

/** A rep's goals for the active strategy (random parts from `rng`). */
export function goalsFor(rng: Rng, homeTeam: People["homeTeam"], p: DemoPerson, index: number): GoalSeed[] {
  if (p.key === "riley") {
    // Fixed, so that the shared review's snapshot matches the goals it describes.
    return [
      {
        category: "quota",
        title: "Close $1.2M of new bookings in H2",
        target: 1_200_000,
        unit: "USD",
        progress: 0.62,
        importance: 3,
        visibility: "manager",
        links: [
          ["winMfg", 2],
          ["emea", 1],
        ],
      },
      {
        category: "account",
        title: "Land Granite Peak as a multi-site Vision QA customer",
        target: 1,
        unit: "deals",
        progress: 0,
        importance: 3,
        visibility: "team",
        links: [["winMfg", 3]],
        accountName: "Granite Peak Manufacturing",
      },
      {
        category: "other",
        title: "Open 3 new EMEA accounts from the Rotterdam lead list",
        target: 3,
        unit: "deals",
        progress: 0.34,
        importance: 2,
        visibility: "team",
        links: [["emea", 3]],
      },
      {
        category: "promotion",
        title: "Make Senior Account Executive by the January review",
        target: null,
        unit: "",
        progress: 0,
        importance: 3,
        visibility: "private",
        links: [],
      },
    ];
  }
  const team = homeTeam(p);
  if (team === "enterpriseEast" || team === "enterpriseWest") {
    const quota = rng.pick([1_000_000, 1_200_000, 1_500_000]);
    const out: GoalSeed[] = [
      {
        category: "quota",
        title: `Close $${quota / 1_000_000}M of new bookings in H2`,
        target: quota,
        unit: "USD",
        progress: rng.float(0.4, 0.9),
        importance: 3,
        visibility: "manager",
        links: [["winMfg", 2], team === "enterpriseEast" ? ["emea", 1] : ["fleet", 1]],
      },
      {
        category: "account",
        title: "Land two new enterprise manufacturing logos",
        target: 2,
        unit: "deals",
        progress: rng.pick([0, 0.5]),
        importance: 3,
        visibility: "team",
        links: [["winMfg", 3]],
      },
      {
        category: "skill",
        title: "Get certified to demo Fleet Analytics end to end",
        target: 100,
        unit: "%",
        progress: rng.float(0.3, 0.9),
        importance: rng.int(1, 2),
        visibility: "manager",
        links: index % 3 === 2 ? [] : [["fleet", 2]],
      },
    ];
    if (index % 2 === 0) {
      out.push({
        category: "promotion",
        title: "Promotion to Senior Account Executive",
        target: null,
        unit: "",
        progress: 0,
        importance: 3,
        visibility: "private",
        links: [],
      });
    } else if (team === "enterpriseWest") {
      out.push({
        category: "other",
        title: "Attach Fleet Analytics to every robot deployment",
        target: 4,
        unit: "deals",
        progress: rng.float(0.2, 0.6),
        importance: 2,
        visibility: "team",
        links: [["fleet", 3]],
      });
    }
    return out;
  }
  // Mid-Market
  const quota = rng.pick([500_000, 650_000, 750_000]);
  const out: GoalSeed[] = [
    {
      category: "quota",
      title: `Hit the $${quota / 1000}K H2 quota`,
      target: quota,
      unit: "USD",
      progress: rng.float(0.45, 0.95),
      importance: 3,
      visibility: "manager",
      links: [
        ["healthcare", 1],
        ["fleet", 1],
      ],
    },
    {
      category: "commission",
      title: "Reach the 120% commission accelerator",
      target: 120,
      unit: "%",
      progress: rng.float(0.55, 0.9),
      importance: 2,
      visibility: "private",
      links: index % 2 === 0 ? [["healthcare", 1]] : [],
    },
    {
      category: "account",
      title: "Win three hospital or pharmacy networks",
      target: 3,
      unit: "deals",
      progress: rng.pick([0, 0.34, 0.67]),
      importance: 3,
      visibility: "team",
      links: [["healthcare", 3]],
    },
  ];
  out.push(
    index % 2 === 0
      ? {
          category: "other",
          title: "Attach Fleet Analytics to four mid-market deals",
          target: 4,
          unit: "deals",
          progress: rng.float(0.2, 0.8),
          importance: 2,
          visibility: "team",
          links: [["fleet", 2]],
        }
      : {
          category: "skill",
          title: "Lift discovery-to-proposal conversion to 40%",
          target: 40,
          unit: "%",
          progress: rng.float(0.6, 0.9),
          importance: 1,
          visibility: "manager",
          links: [],
        },
  );
  return out;
}

/** The managers' goals for the active strategy, by person key. */
export const MANAGER_GOALS: Record<string, GoalSeed[]> = {
  maria: [
    {
      category: "quota",
      title: "Enterprise team: $6M of bookings in H2",
      target: 6_000_000,
      unit: "USD",
      progress: 0.58,
      importance: 3,
      visibility: "team",
      links: [
        ["winMfg", 3],
        ["emea", 2],
      ],
    },
    {
      category: "skill",
      title: "Join five executive-sponsor meetings with my reps",
      target: 5,
      unit: "",
      progress: 0.4,
      importance: 2,
      visibility: "team",
      links: [["winMfg", 1]],
    },
    {
      category: "account",
      title: "Three EMEA reference customers",
      target: 3,
      unit: "deals",
      progress: 0.34,
      importance: 2,
      visibility: "manager",
      links: [["emea", 3]],
    },
  ],
  james: [
    {
      category: "quota",
      title: "Mid-Market team: $2.6M of bookings in H2",
      target: 2_600_000,
      unit: "USD",
      progress: 0.66,
      importance: 3,
      visibility: "team",
      links: [
        ["healthcare", 2],
        ["fleet", 2],
      ],
    },
    {
      category: "account",
      title: "Two healthcare reference customers",
      target: 2,
      unit: "deals",
      progress: 0.5,
      importance: 3,
      visibility: "team",
      links: [["healthcare", 3]],
    },
    {
      category: "promotion",
      title: "Become Director of Sales, Americas",
      target: null,
      unit: "",
      progress: 0,
      importance: 2,
      visibility: "private",
      links: [],
    },
  ],
};
