/** The demo's accounts and their contacts: the flagship account by hand, the rest generated. */
import {
  COMPANY_PREFIXES,
  COMPANY_SUFFIXES,
  EXEC_TITLES,
  FIRST_NAMES,
  IT_TITLES,
  LAST_NAMES,
  OPS_MANAGER_TITLES,
  OPS_VP_TITLES,
  PROCUREMENT_TITLES,
  type ContactSlot,
  type Industry,
  type Region,
  type Segment,
} from "./seed-data-customers";
import type { TeamKey } from "./seed-data-people";
import { slugify, uuid } from "./seed-random";
import type { Demo, People, SeededAccount } from "./seed-rows";

export interface Accounts {
  accountsList: SeededAccount[];
  /** The flagship account, with its fixed buying committee (it carries the demo account plan). */
  granite: SeededAccount;
  /** Each contact's depth in its account's reporting line, in the order of `rows.contacts`. */
  contactDepth: number[];
}

export function buildAccounts({ rng, orgId, rows }: Demo, { user, team, homeTeam, reps }: People): Accounts {
  const accountsList: SeededAccount[] = [];
  const contactDepth: number[] = [];
  const pushContact = (
    accountId: string,
    name: string,
    title: string,
    domain: string,
    reportsToId: string | null,
    depth: number,
  ) => {
    const id = uuid();
    const local = slugify(name).replace(/-/g, ".");
    rows.contacts.push({ orgId, id, accountId, name, title, email: `${local}@${domain}`, reportsToId });
    contactDepth.push(depth);
    return id;
  };
  const addAccount = (a: Omit<SeededAccount, "id" | "contacts">, domain: string): SeededAccount => {
    const seeded: SeededAccount = { ...a, id: uuid(), contacts: [] };
    rows.accounts.push({
      orgId,
      id: seeded.id,
      name: a.name,
      domain,
      industry: a.industry,
      segment: a.segment,
      region: a.region,
      ownerId: user(a.ownerKey),
      teamId: team(a.team),
    });
    accountsList.push(seeded);
    return seeded;
  };

  // The flagship account, with its fixed buying committee (it carries the demo account plan).
  const granite = addAccount(
    {
      name: "Granite Peak Manufacturing",
      industry: "Manufacturing",
      segment: "Enterprise",
      region: "NA",
      ownerKey: "riley",
      team: "enterpriseEast",
    },
    "granitepeak-mfg.example",
  );
  {
    const domain = "granitepeak-mfg.example";
    const cfo = pushContact(granite.id, "Eleanor Voss", "CFO", domain, null, 0);
    const vp = pushContact(granite.id, "Rajesh Iyer", "VP Operations", domain, cfo, 1);
    const it = pushContact(granite.id, "Karin Lindqvist", "Head of IT", domain, cfo, 1);
    const plant = pushContact(granite.id, "Mateo Ruiz", "Plant Manager", domain, vp, 2);
    const buyer = pushContact(granite.id, "Priscilla Grant", "Procurement Lead", domain, cfo, 1);
    granite.contacts.push(
      { id: cfo, slot: "exec" },
      { id: vp, slot: "opsVp" },
      { id: it, slot: "it" },
      { id: plant, slot: "opsManager" },
      { id: buyer, slot: "procurement" },
    );
  }

  const industryWeights: Record<TeamKey, [Industry, number][]> = {
    enterpriseEast: [
      ["Manufacturing", 45],
      ["Healthcare", 10],
      ["Logistics", 15],
      ["Retail", 10],
      ["Energy", 10],
      ["Financial Services", 10],
    ],
    enterpriseWest: [
      ["Manufacturing", 40],
      ["Healthcare", 10],
      ["Logistics", 15],
      ["Retail", 10],
      ["Energy", 15],
      ["Financial Services", 10],
    ],
    midMarket: [
      ["Manufacturing", 15],
      ["Healthcare", 35],
      ["Logistics", 20],
      ["Retail", 15],
      ["Energy", 5],
      ["Financial Services", 10],
    ],
    sales: [],
    enterprise: [],
  };
  const segmentWeights: Record<TeamKey, [Segment, number][]> = {
    enterpriseEast: [
      ["Enterprise", 80],
      ["Mid-Market", 20],
    ],
    enterpriseWest: [
      ["Enterprise", 80],
      ["Mid-Market", 20],
    ],
    midMarket: [
      ["Mid-Market", 65],
      ["SMB", 35],
    ],
    sales: [],
    enterprise: [],
  };
  const regionWeights: Record<TeamKey, [Region, number][]> = {
    enterpriseEast: [
      ["NA", 55],
      ["EMEA", 45],
    ],
    enterpriseWest: [
      ["NA", 60],
      ["APAC", 40],
    ],
    midMarket: [
      ["NA", 60],
      ["EMEA", 25],
      ["APAC", 15],
    ],
    sales: [],
    enterprise: [],
  };

  const prefixes = rng.shuffle(COMPANY_PREFIXES);
  const ACCOUNT_COUNT = 60;
  for (let i = 0; i < ACCOUNT_COUNT - 1; i++) {
    const owner = reps[(i + 1) % reps.length];
    const prefix = prefixes[i];
    if (!owner || !prefix) throw new Error("not enough demo reps or company names");
    const teamKey = homeTeam(owner);
    const industry = rng.weighted(industryWeights[teamKey]);
    const name = `${prefix} ${rng.pick(COMPANY_SUFFIXES[industry])}`;
    const domain = `${slugify(name)}.example`;
    const account = addAccount(
      {
        name,
        industry,
        segment: rng.weighted(segmentWeights[teamKey]),
        region: rng.weighted(regionWeights[teamKey]),
        ownerKey: owner.key,
        team: teamKey,
      },
      domain,
    );

    // 2–5 contacts: an executive first, then a random part of the rest of the buying committee.
    const count = rng.int(2, 5);
    const slots: ContactSlot[] = [
      "exec",
      ...rng.shuffle<ContactSlot>(["opsVp", "it", "opsManager", "procurement"]).slice(0, count - 1),
    ];
    const usedNames = new Set<string>();
    const ids = new Map<ContactSlot, string>();
    // Parents first: exec, then the VP, so that reports_to always names an earlier contact.
    const order: ContactSlot[] = ["exec", "opsVp", "it", "procurement", "opsManager"];
    for (const slot of order.filter((x) => slots.includes(x))) {
      let contactName = "";
      do contactName = `${rng.pick(FIRST_NAMES)} ${rng.pick(LAST_NAMES)}`;
      while (usedNames.has(contactName));
      usedNames.add(contactName);
      const exec = ids.get("exec") ?? null;
      const vp = ids.get("opsVp") ?? null;
      let title: string;
      let reportsTo: string | null = null;
      let depth = 0;
      switch (slot) {
        case "exec":
          title = rng.pick(EXEC_TITLES);
          break;
        case "opsVp":
          title = rng.pick(OPS_VP_TITLES[industry]);
          reportsTo = exec;
          break;
        case "it":
          title = rng.pick(IT_TITLES);
          reportsTo = rng.chance(0.8) ? exec : null;
          break;
        case "procurement":
          title = rng.pick(PROCUREMENT_TITLES);
          reportsTo = rng.chance(0.5) ? exec : null;
          break;
        case "opsManager":
          title = rng.pick(OPS_MANAGER_TITLES[industry]);
          reportsTo = vp ?? exec;
          break;
      }
      depth = reportsTo === null ? 0 : reportsTo === vp ? 2 : 1;
      const id = pushContact(account.id, contactName, title, domain, reportsTo, depth);
      ids.set(slot, id);
      account.contacts.push({ id, slot });
    }
  }
  return { accountsList, granite, contactDepth };
}
