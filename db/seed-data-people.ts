/**
 * Static material for the demo seed (db/seed.ts): the people and teams of Acme Robotics. Pure data, no I/O.
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
