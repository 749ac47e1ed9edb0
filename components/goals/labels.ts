/** Words for goal fields, shared by the goal pages. */
export const CATEGORY_LABEL = {
  quota: "Quota",
  commission: "Commission",
  promotion: "Promotion",
  skill: "Skill",
  account: "Account",
  other: "Other",
} as const;
export type Category = keyof typeof CATEGORY_LABEL;
export const CATEGORIES = Object.keys(CATEGORY_LABEL) as Category[];

export const VISIBILITY_LABEL = {
  private: "Only me",
  manager: "Me and my managers",
  team: "My team",
} as const;
export type Visibility = keyof typeof VISIBILITY_LABEL;
export const VISIBILITY_HELP = {
  private: "Nobody else sees it — not managers, not admins. It still counts in your score.",
  manager: "Your managers (and admins) see it in the team view.",
  team: "Your teammates see it too.",
} as const;

export const IMPORTANCE_LABEL: Record<number, string> = { 1: "Nice to have", 2: "Important", 3: "Critical" };
export const STRENGTH_LABEL: Record<number, string> = { 1: "supports", 2: "drives", 3: "central" };
