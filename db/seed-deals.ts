/** The demo's deals: the flagship account's by hand, then generated ones so that every account has one. */
import type { ContactSlot, Segment } from "./seed-data-customers";
import { DEAL_KINDS, DISQUALIFY_REASONS, PROBLEMS, PRODUCTS_BY_INDUSTRY } from "./seed-data-deals";
import type { Accounts } from "./seed-accounts";
import { OPEN_STAGES, type DealBuilder, type DealSpec } from "./seed-deal-builder";
import { dateBetween, TODAY, YESTERDAY } from "./seed-random";
import type { Demo, People, SeededAccount } from "./seed-rows";

/** Adds the deals; returns the flagship deal's id. */
export function buildDeals(
  { rng }: Demo,
  { repsByTeam }: People,
  { accountsList, granite }: Accounts,
  { addDeal, addStakeholder }: DealBuilder,
): string {
  const dealNames = new Set<string>();
  // The flagship account's deals, written by hand.
  const contactOf = (a: SeededAccount, slot: ContactSlot): string => {
    const c = a.contacts.find((x) => x.slot === slot);
    if (!c) throw new Error(`${a.name} has no ${slot}`);
    return c.id;
  };
  const graniteMain = addDeal(
    {
      account: granite,
      ownerKey: "riley",
      name: "Granite Peak Manufacturing — Vision QA multi-site deployment",
      amount: 342_000,
      stage: "proposal",
      closeDate: "2026-12-18",
      product: "Vision QA",
      customerProblem:
        "Manual final inspection on six stamping lines misses 2–3% of defects; scrap, rework and warranty returns cost about $1.4M a year, and their largest automotive customer has put them on a quality watch list.",
      problemFit: "yes",
    },
    { stakeholders: "none" },
  );
  addStakeholder(
    graniteMain,
    contactOf(granite, "exec"),
    "economic_buyer",
    5,
    "neutral",
    "A cost-reduction story to show the board before the budget cycle",
    "Cut warranty cost by half in FY2027",
    "ROI model built on their own scrap data, reviewed with her before the Dec 9 budget meeting",
  );
  addStakeholder(
    graniteMain,
    contactOf(granite, "opsVp"),
    "decision_maker",
    5,
    "supporter",
    "Promotion to SVP Operations once the new line is live",
    "Raise OEE from 71% to 80% on the stamping lines",
    "Staged rollout plan with a success metric he chose: defect escapes per 10k parts",
  );
  addStakeholder(
    graniteMain,
    contactOf(granite, "opsManager"),
    "champion",
    4,
    "supporter",
    "Get his team off the manual inspection shifts",
    "Cut defect escapes in half",
    "Co-present the Dayton pilot results with him at their operations summit",
  );
  addStakeholder(
    graniteMain,
    contactOf(granite, "it"),
    "technical_buyer",
    3,
    "skeptic",
    "",
    "Keep the plant network segmented and secure",
    "",
  );
  addStakeholder(
    graniteMain,
    contactOf(granite, "procurement"),
    "influencer",
    2,
    "neutral",
    "Hit this year's savings target on the category",
    "Standard contract terms across sites",
    "Framework agreement that other plants can call off",
  );

  addDeal({
    account: granite,
    ownerKey: "riley",
    name: "Granite Peak Manufacturing — Robotic Picking pilot (Charlotte DC)",
    amount: 118_500,
    stage: "discovery",
    closeDate: "2027-02-26",
    product: "Robotic Picking",
    customerProblem: "The new Charlotte distribution centre opens in Q2 without the budget for 40 seasonal pickers.",
    problemFit: "yes",
  });
  addDeal({
    account: granite,
    ownerKey: "riley",
    name: "Granite Peak Manufacturing — Fleet Analytics expansion",
    amount: 86_000,
    stage: "qualification",
    closeDate: "2027-03-19",
    product: "Fleet Analytics",
    customerProblem:
      "Unplanned downtime on 140 AGVs and forklifts; they only learn about failures after a missed shipment.",
    problemFit: "partly",
  });
  addDeal({
    account: granite,
    ownerKey: "riley",
    name: "Granite Peak Manufacturing — Vision QA pilot (Dayton line)",
    amount: 48_000,
    stage: "closed_won",
    closeDate: "2026-08-14",
    product: "Vision QA",
    customerProblem: "Quality escapes on the Dayton stamping line put a key automotive contract at risk.",
    problemFit: "yes",
  });

  // The rest, generated: every account gets at least one deal, larger accounts more.
  const GENERATED_DEALS = 228;
  const others = accountsList.filter((a) => a !== granite);
  const segmentWeight: Record<Segment, number> = { Enterprise: 3, "Mid-Market": 2, SMB: 1 };
  const weightedAccounts = others.map((a) => [a, segmentWeight[a.segment]] as const);
  const amountRange: Record<Segment, [number, number]> = {
    Enterprise: [60_000, 400_000],
    "Mid-Market": [20_000, 150_000],
    SMB: [5_000, 45_000],
  };
  for (let i = 0; i < GENERATED_DEALS; i++) {
    const account = i < others.length ? (others[i] as SeededAccount) : rng.weighted(weightedAccounts);
    const teammates = (repsByTeam.get(account.team) ?? []).filter((r) => r.key !== account.ownerKey);
    const ownerKey = teammates.length > 0 && rng.chance(0.1) ? rng.pick(teammates).key : account.ownerKey;
    const product = rng.pick(PRODUCTS_BY_INDUSTRY[account.industry]);
    let name = "";
    for (let attempt = 0; attempt < 12 && (name === "" || dealNames.has(name)); attempt++) {
      name = `${account.name} — ${product} ${rng.pick(DEAL_KINDS)}`;
    }
    for (let n = 2; dealNames.has(name); n++) name = `${account.name} — ${product} ${rng.pick(DEAL_KINDS)} ${n}`;
    dealNames.add(name);

    const [lo, hi] = amountRange[account.segment];
    const amount = Math.round(rng.float(lo, hi) / 500) * 500;
    const stage = rng.weighted([
      ["prospecting", 15],
      ["qualification", 15],
      ["discovery", 17],
      ["proposal", 15],
      ["negotiation", 10],
      ["closed_won", 12],
      ["closed_lost", 8],
      ["disqualified", 8],
    ] as const);
    const closed = !OPEN_STAGES.has(stage);
    const closeDate = closed ? dateBetween(rng, "2026-06-01", YESTERDAY) : dateBetween(rng, TODAY, "2027-03-31");

    let problemFit: DealSpec["problemFit"];
    let disqualifiedReason: string | undefined;
    let disqualifiedNote: string | undefined;
    if (stage === "disqualified") {
      const dq = rng.weighted(DISQUALIFY_REASONS.map((r, k) => [r, [45, 25, 20, 10][k] ?? 10] as const));
      disqualifiedReason = dq.reason;
      disqualifiedNote = rng.pick(dq.notes);
      problemFit = dq.reason === "No problem we can solve" ? "no" : rng.chance(0.5) ? "yes" : "partly";
    } else if (stage === "closed_won") {
      problemFit = "yes";
    } else if (stage === "closed_lost") {
      problemFit = rng.chance(0.6) ? "yes" : "partly";
    } else if (stage === "prospecting") {
      problemFit = rng.weighted([
        ["unknown", 50],
        ["yes", 35],
        ["partly", 13],
        ["no", 2],
      ] as const);
    } else {
      problemFit = rng.weighted([
        ["yes", 72],
        ["partly", 15],
        ["unknown", 10],
        ["no", 3],
      ] as const);
    }
    const problem = rng
      .pick(PROBLEMS[product])
      .replace("{cost}", () => `$${Math.round((amount * rng.float(2, 4)) / 1000)}K`);
    const customerProblem =
      problemFit === "unknown"
        ? `To confirm in discovery: ${problem.charAt(0).toLowerCase()}${problem.slice(1)}`
        : problem;

    addDeal(
      {
        account,
        ownerKey,
        name,
        amount,
        stage,
        closeDate,
        product,
        customerProblem,
        problemFit,
        disqualifiedReason,
        disqualifiedNote,
      },
      { stakeholders: "generate", noWins: disqualifiedReason === "No personal win for the decision maker" },
    );
  }
  return graniteMain;
}
