/** The demo account plan of the flagship account: collaborators, problems, steps and comments. */
import type { Demo, People, SeededAccount } from "./seed-rows";
import { uuid } from "./seed-random";

/** Adds the plan; returns its id. */
export function buildAccountPlan({ orgId, rows }: Demo, { user }: People, granite: SeededAccount): string {
  const planId = uuid();
  rows.accountPlans.push({
    orgId,
    id: planId,
    accountId: granite.id,
    title: "Granite Peak Manufacturing — FY2027 joint plan",
    customerObjectives: [
      "1. Raise OEE on the Dayton and Greenville stamping lines from 71% to 80% by Q3 2027.",
      "2. Halve warranty returns caused by quality escapes, and get off the automotive customer's watch list.",
      "3. Open the Charlotte distribution centre in Q2 without hiring 40 seasonal pickers.",
    ].join("\n"),
    status: "active",
  });
  rows.planCollaborators.push(
    { orgId, planId, userId: user("riley"), access: "owner" },
    { orgId, planId, userId: user("maria"), access: "editor" },
    { orgId, planId, userId: user("priya"), access: "viewer" },
  );
  rows.planProblems.push(
    {
      orgId,
      id: uuid(),
      planId,
      problem: "Manual final inspection misses 2–3% of defects on the stamping lines",
      solution: "Vision QA on all six stamping lines, with defect images routed to the quality team",
      impact: "About $1.4M a year in scrap, rework and warranty returns",
      status: "addressed",
      position: 0,
    },
    {
      orgId,
      id: uuid(),
      planId,
      problem: "The Charlotte DC opens in Q2 without a budget for seasonal pickers",
      solution: "Robotic Picking pilot with 12 stations in the Charlotte DC",
      impact: "40 seasonal FTE at peak; same-day shipping promised to two retail customers",
      status: "open",
      position: 1,
    },
    {
      orgId,
      id: uuid(),
      planId,
      problem: "Unplanned downtime on 140 AGVs and forklifts",
      solution: "Fleet Analytics condition monitoring, attached to the robot rollout",
      impact: "9% fleet downtime; two missed customer shipments in Q3",
      status: "parked",
      position: 2,
    },
  );
  const steps: [string, "us" | "customer", string, string, "open" | "done", boolean][] = [
    ["Discovery workshop with plant leadership", "us", "Riley Chen", "2026-10-08", "done", true],
    ["Share six months of defect data from the Dayton line", "customer", "Mateo Ruiz", "2026-10-22", "done", true],
    ["Agree discount guardrails with the deal desk", "us", "Maria Alvarez", "2026-12-01", "open", false],
    ["Review the ROI model with the CFO", "us", "Riley Chen", "2026-12-04", "open", true],
    ["Security review of the Vision QA edge appliance", "customer", "Karin Lindqvist", "2026-12-11", "open", true],
    ["Board approval of the multi-site investment", "customer", "Eleanor Voss", "2027-01-20", "open", true],
  ];
  steps.forEach(([title, side, ownerName, dueOn, status, customerVisible], position) =>
    rows.planSteps.push({
      orgId,
      id: uuid(),
      planId,
      title,
      side,
      ownerName,
      dueOn,
      status,
      customerVisible,
      position,
    }),
  );
  rows.planComments.push(
    {
      orgId,
      id: uuid(),
      planId,
      authorId: user("riley"),
      body: "Rajesh confirmed the Dayton pilot numbers internally. He wants the ROI model before the December 9 budget meeting.",
      createdAt: new Date("2026-11-23T14:12:00Z"),
    },
    {
      orgId,
      id: uuid(),
      planId,
      authorId: user("maria"),
      body: "Good. Let's hold any discount until the security review is through — Karin is the real risk on this deal, and her win is still unknown.",
      createdAt: new Date("2026-11-24T09:40:00Z"),
    },
  );
  return planId;
}
