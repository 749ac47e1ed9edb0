/** How review statuses read (never by colour alone: the word is always shown). */
export const STATUS_LABEL = {
  draft: "Draft",
  shared: "Shared",
  acknowledged: "Acknowledged",
  closed: "Closed",
} as const;

export const STATUS_TONE = { draft: "slate", shared: "brand", acknowledged: "green", closed: "slate" } as const;

export const SECTION_LABEL = {
  score: "Alignment score",
  goals: "Goals",
  pipeline: "Pipeline mix",
  deals: "Open deals",
  actions: "Agreed actions",
} as const;

export const GROUP_LABEL = {
  disqualify: "Disqualification candidate",
  outside_strategy: "Outside strategy",
  other: "In strategy",
} as const;
