/**
 * Static material for the demo seed (db/seed.ts): people, word lists and text templates. Pure data, no I/O.
 */

export type DemoRole = "admin" | "manager" | "rep" | "viewer";
export type TeamKey = "sales" | "enterprise" | "enterpriseEast" | "enterpriseWest" | "midMarket";
export type ObjectiveKey =
  "winMfg" | "healthcare" | "fleet" | "emea" | "logistics" | "visionQa" | "midMarket" | "retail";

export interface DemoPerson {
  key: string;
  email: string;
  name: string;
  role: DemoRole;
  /** Teams the person belongs to, and whether they manage them. */
  teams: { team: TeamKey; isManager: boolean }[];
  label: string;
}

export const PEOPLE: DemoPerson[] = [
  {
    key: "admin",
    email: "admin@acme.test",
    name: "Dana Whitfield",
    role: "admin",
    teams: [{ team: "sales", isManager: true }],
    label: "Admin — sets up members, teams and strategy",
  },
  {
    key: "maria",
    email: "maria@acme.test",
    name: "Maria Alvarez",
    role: "manager",
    teams: [{ team: "enterprise", isManager: true }],
    label: "Manager — Enterprise (with Enterprise East and West)",
  },
  {
    key: "james",
    email: "james@acme.test",
    name: "James Okafor",
    role: "manager",
    teams: [{ team: "midMarket", isManager: true }],
    label: "Manager — Mid-Market",
  },
  {
    key: "riley",
    email: "rep@acme.test",
    name: "Riley Chen",
    role: "rep",
    teams: [{ team: "enterpriseEast", isManager: false }],
    label: "Rep — Enterprise East (has an account plan and a shared review)",
  },
  {
    key: "priya",
    email: "priya@acme.test",
    name: "Priya Raman",
    role: "rep",
    teams: [{ team: "enterpriseEast", isManager: false }],
    label: "Rep — Enterprise East",
  },
  {
    key: "tom",
    email: "tom@acme.test",
    name: "Tom Becker",
    role: "rep",
    teams: [{ team: "enterpriseEast", isManager: false }],
    label: "Rep — Enterprise East",
  },
  {
    key: "sofia",
    email: "sofia@acme.test",
    name: "Sofia Rossi",
    role: "rep",
    teams: [{ team: "enterpriseWest", isManager: false }],
    label: "Rep — Enterprise West",
  },
  {
    key: "marcus",
    email: "marcus@acme.test",
    name: "Marcus Johnson",
    role: "rep",
    teams: [{ team: "enterpriseWest", isManager: false }],
    label: "Rep — Enterprise West",
  },
  {
    key: "hannah",
    email: "hannah@acme.test",
    name: "Hannah Kim",
    role: "rep",
    teams: [{ team: "midMarket", isManager: false }],
    label: "Rep — Mid-Market",
  },
  {
    key: "diego",
    email: "diego@acme.test",
    name: "Diego Santos",
    role: "rep",
    teams: [{ team: "midMarket", isManager: false }],
    label: "Rep — Mid-Market",
  },
  {
    key: "aisha",
    email: "aisha@acme.test",
    name: "Aisha Bello",
    role: "rep",
    teams: [{ team: "midMarket", isManager: false }],
    label: "Rep — Mid-Market",
  },
  {
    key: "lukas",
    email: "lukas@acme.test",
    name: "Lukas Novak",
    role: "rep",
    teams: [{ team: "midMarket", isManager: false }],
    label: "Rep — Mid-Market",
  },
  {
    key: "viewer",
    email: "viewer@acme.test",
    name: "Victor Lane",
    role: "viewer",
    teams: [{ team: "sales", isManager: false }],
    label: "Viewer — read-only across Sales",
  },
];

export const TEAMS: { key: TeamKey; name: string; parent: TeamKey | null }[] = [
  { key: "sales", name: "Sales", parent: null },
  { key: "enterprise", name: "Enterprise", parent: "sales" },
  { key: "enterpriseEast", name: "Enterprise East", parent: "enterprise" },
  { key: "enterpriseWest", name: "Enterprise West", parent: "enterprise" },
  { key: "midMarket", name: "Mid-Market", parent: "sales" },
];

// ---------------------------------------------------------------------------------------------------
// Strategy

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

// ---------------------------------------------------------------------------------------------------
// Customers

export const INDUSTRIES = [
  "Manufacturing",
  "Healthcare",
  "Logistics",
  "Retail",
  "Energy",
  "Financial Services",
] as const;
export type Industry = (typeof INDUSTRIES)[number];
export const SEGMENTS = ["Enterprise", "Mid-Market", "SMB"] as const;
export type Segment = (typeof SEGMENTS)[number];
export const REGIONS = ["NA", "EMEA", "APAC"] as const;
export type Region = (typeof REGIONS)[number];
export const PRODUCTS = ["Fleet Analytics", "Robotic Picking", "Vision QA", "Service Cloud"] as const;
export type Product = (typeof PRODUCTS)[number];

export const COMPANY_PREFIXES = [
  "Northwind",
  "Bluewater",
  "Ironclad",
  "Summit",
  "Crescent",
  "Harbor Point",
  "Pioneer",
  "Silverline",
  "Evergreen",
  "Keystone",
  "Redwood",
  "Atlas",
  "Beacon",
  "Cobalt",
  "Meridian",
  "Orion",
  "Sterling",
  "Vantage",
  "Apex",
  "Falcon",
  "Horizon",
  "Juniper",
  "Lakeshore",
  "Maplewood",
  "Nimbus",
  "Oakridge",
  "Polaris",
  "Riverbend",
  "Stonebridge",
  "Tidewater",
  "Union Valley",
  "Westfield",
  "Brightline",
  "Cedar Hill",
  "Copperfield",
  "Driftwood",
  "Eastgate",
  "Foxhollow",
  "Goldcrest",
  "Highmark",
  "Kestrel",
  "Larkspur",
  "Millbrook",
  "Northstar",
  "Old Mill",
  "Pinecrest",
  "Quayside",
  "Rockport",
  "Saltmarsh",
  "Thornbury",
  "Bridgewater",
  "Clearwater",
  "Dunmore",
  "Elmstead",
  "Fairhaven",
  "Greystone",
  "Hollins",
  "Ivory Coast",
  "Kingsbridge",
  "Lindqvist",
  "Marlowe",
  "Norrland",
  "Ostara",
  "Prairie",
  "Ravensworth",
  "Sundance",
];

export const COMPANY_SUFFIXES: Record<Industry, string[]> = {
  Manufacturing: ["Manufacturing", "Industries", "Precision Components", "Fabrication", "Metalworks", "Automotive"],
  Healthcare: ["Health", "Medical", "Health System", "Pharma", "Care Partners", "Hospital Group"],
  Logistics: ["Logistics", "Freight", "Distribution", "Shipping", "Transport"],
  Retail: ["Retail", "Stores", "Outfitters", "Markets", "Home & Garden"],
  Energy: ["Energy", "Power", "Utilities", "Renewables"],
  "Financial Services": ["Financial", "Capital", "Bank", "Insurance"],
};

export const FIRST_NAMES = [
  "Olivia",
  "Liam",
  "Emma",
  "Noah",
  "Ava",
  "Ethan",
  "Sophia",
  "Mason",
  "Isabella",
  "Lucas",
  "Mia",
  "Oliver",
  "Amelia",
  "Elijah",
  "Harper",
  "Benjamin",
  "Evelyn",
  "Henry",
  "Abigail",
  "Samuel",
  "Chloe",
  "Daniel",
  "Grace",
  "Matteo",
  "Ingrid",
  "Kenji",
  "Yuki",
  "Fatima",
  "Omar",
  "Lena",
  "Jonas",
  "Anika",
  "Rahul",
  "Meera",
  "Chen",
  "Wei",
  "Zara",
  "Tomasz",
  "Helena",
  "Pieter",
  "Sanne",
  "Carlos",
  "Lucia",
  "Arjun",
  "Nadia",
  "Felix",
  "Clara",
];

export const LAST_NAMES = [
  "Anderson",
  "Brooks",
  "Carter",
  "Dubois",
  "Eriksen",
  "Fischer",
  "Garcia",
  "Hoffmann",
  "Ito",
  "Jensen",
  "Kowalski",
  "Larsen",
  "Martin",
  "Nakamura",
  "O'Neill",
  "Patel",
  "Quinn",
  "Ramirez",
  "Schmidt",
  "Tanaka",
  "Uddin",
  "Van Dijk",
  "Walsh",
  "Xu",
  "Yilmaz",
  "Zimmermann",
  "Bauer",
  "Costa",
  "Dimitrov",
  "Fernandes",
  "Gupta",
  "Haddad",
  "Jovanovic",
  "Kaur",
  "Lindgren",
  "Moreau",
  "Novak",
  "Okoye",
  "Petrov",
  "Rossi",
  "Sato",
  "Thompson",
  "Vargas",
  "Weber",
  "Young",
];

export type ContactSlot = "exec" | "opsVp" | "it" | "opsManager" | "procurement";

export const EXEC_TITLES = ["CFO", "COO", "Chief Executive Officer", "SVP Finance"];

export const OPS_VP_TITLES: Record<Industry, string[]> = {
  Manufacturing: ["VP Operations", "VP Manufacturing"],
  Healthcare: ["VP Clinical Operations", "VP Pharmacy Services"],
  Logistics: ["VP Supply Chain", "VP Operations"],
  Retail: ["VP Store Operations", "VP Fulfilment"],
  Energy: ["VP Field Operations", "VP Asset Management"],
  "Financial Services": ["VP Customer Operations", "VP Service Delivery"],
};

export const OPS_MANAGER_TITLES: Record<Industry, string[]> = {
  Manufacturing: ["Plant Manager", "Quality Manager"],
  Healthcare: ["Director of Pharmacy", "Supply Chain Manager"],
  Logistics: ["Warehouse Operations Manager", "Fleet Manager"],
  Retail: ["Fulfilment Centre Manager", "Inventory Manager"],
  Energy: ["Maintenance Manager", "Fleet Manager"],
  "Financial Services": ["Head of Contact Centre", "Service Quality Manager"],
};

export const IT_TITLES = ["Head of IT", "IT Director", "Head of OT Systems", "Enterprise Architect"];
export const PROCUREMENT_TITLES = ["Procurement Lead", "Category Manager", "Head of Purchasing"];

// ---------------------------------------------------------------------------------------------------
// Deals

/** Products that make sense for an industry, most likely first. */
export const PRODUCTS_BY_INDUSTRY: Record<Industry, Product[]> = {
  Manufacturing: ["Vision QA", "Robotic Picking", "Fleet Analytics", "Vision QA"],
  Healthcare: ["Robotic Picking", "Service Cloud", "Robotic Picking"],
  Logistics: ["Robotic Picking", "Fleet Analytics", "Fleet Analytics"],
  Retail: ["Robotic Picking", "Vision QA", "Fleet Analytics"],
  Energy: ["Fleet Analytics", "Service Cloud", "Fleet Analytics"],
  "Financial Services": ["Service Cloud", "Service Cloud", "Fleet Analytics"],
};

export const DEAL_KINDS = [
  "pilot",
  "rollout",
  "expansion",
  "renewal",
  "Phase 2",
  "multi-site deployment",
  "proof of value",
];

export const PROBLEMS: Record<Product, string[]> = {
  "Vision QA": [
    "Manual visual inspection misses 2–3% of defects; scrap and warranty returns cost them about {cost} a year.",
    "Their largest customer threatened to move volume after two quality escapes this year.",
    "Inspectors are hard to hire for the night shift, so the third line runs without final inspection.",
  ],
  "Robotic Picking": [
    "Peak-season picking needs 40% temporary staff they can no longer find; orders ship a day late.",
    "Mis-picks run at 1.8%, and every return costs them more than the margin on the order.",
    "The new distribution centre opens in Q2 without the headcount budget to staff it.",
  ],
  "Fleet Analytics": [
    "Unplanned downtime on their vehicle and robot fleet is 9%; they only learn about failures after the fact.",
    "Maintenance is scheduled by calendar, not condition, so they replace parts that still have life in them.",
    "Nobody can say which sites run the fleet efficiently; each site reports in its own spreadsheet.",
  ],
  "Service Cloud": [
    "Field-service tickets are tracked in three tools; first-time-fix rate dropped to 61%.",
    "Customers wait two days for a service visit because dispatch cannot see technician skills.",
    "Regulators asked for an audit trail of service work that they cannot produce today.",
  ],
};

export const DISQUALIFY_REASONS = [
  {
    reason: "No problem we can solve",
    notes: [
      "Their defect rate is already below 0.3%; our ROI case does not hold up.",
      "They need ERP consolidation, not automation. Referred them to a partner.",
      "The real issue is supplier quality upstream; nothing we sell touches it.",
    ],
  },
  {
    reason: "No personal win for the decision maker",
    notes: [
      "The VP retires in March and will not sponsor a multi-year change.",
      "Decision maker is measured on capex only; a subscription makes their numbers worse.",
    ],
  },
  {
    reason: "Outside strategy",
    notes: [
      "Single-site, small fleet in a segment we are not investing in this half.",
      "Custom integration work we would have to build for one customer only.",
    ],
  },
  {
    reason: "No budget this year",
    notes: ["Budget frozen after a weak Q3; revisit in the FY2027 planning cycle."],
  },
];

export type BuyingRole =
  "economic_buyer" | "decision_maker" | "champion" | "influencer" | "technical_buyer" | "user" | "blocker";

export const PERSONAL_WINS: Record<BuyingRole, string[]> = {
  economic_buyer: [
    "A cost-reduction story to show the board before the budget cycle",
    "Hit the operating-margin target tied to the annual bonus",
    "Be seen as the executive who modernised operations",
  ],
  decision_maker: [
    "Promotion to SVP once the new line is live",
    "Fewer escalations from the floor at night and at weekends",
    "A visible success in the first year in the role",
  ],
  champion: [
    "Recognition as the person who fixed the throughput problem",
    "Get their team off the manual inspection shifts",
    "A move into a regional role on the back of a successful rollout",
  ],
  influencer: [
    "A vendor-consolidation win for the procurement scorecard",
    "Hit this year's savings target on the category",
  ],
  technical_buyer: [
    "No new system for a small IT team to babysit",
    "Retire two legacy tools this year",
    "Security sign-off without a fight with the CISO",
  ],
  user: ["Less manual data entry at the end of each shift", "Fewer overtime weekends during peak"],
  blocker: ["Protect the in-house tool they built and maintain", "Avoid the blame if a rollout slips"],
};

export const BUSINESS_GOALS: Record<BuyingRole, string[]> = {
  economic_buyer: ["Cut operating cost per unit by 8%", "Free up working capital tied in scrap and rework"],
  decision_maker: ["Raise throughput 15% without new headcount", "Meet the customer's on-time delivery target"],
  champion: ["Cut defect escapes in half", "Ship same-day on 95% of orders"],
  influencer: ["Reduce the number of automation suppliers", "Standard contract terms across sites"],
  technical_buyer: ["One data platform for OT and IT", "Keep the plant network segmented and secure"],
  user: ["Spend less time on manual checks", "Clear, simple dashboards on the floor"],
  blocker: ["Keep the current process stable through peak", "Avoid another system migration this year"],
};

export const HOW_WE_SERVE: Record<BuyingRole, string[]> = {
  economic_buyer: [
    "ROI model built on their own scrap and labour data, ready for the budget review",
    "Subscription priced per site so the spend follows the savings",
  ],
  decision_maker: [
    "Pilot on one line with a success metric they choose, then a staged rollout",
    "Monthly business review they can take to their own leadership",
  ],
  champion: [
    "Weekly win report they can forward to their VP",
    "Co-present the pilot results with them at the internal operations summit",
  ],
  influencer: ["One contract replacing two existing vendors", "Framework agreement that other sites can call off"],
  technical_buyer: [
    "SSO, on-prem edge option and our security pack up front",
    "Managed updates; no servers on their side",
  ],
  user: ["Floor training in their shift pattern", "Tablet app that replaces the paper checklist"],
  blocker: ["Import of their tool's history so nothing is lost", "Keep their tool as the front end in phase one"],
};
