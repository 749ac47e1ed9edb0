/**
 * The team alignment view's page of reps shown in full (alignment.teamHeatmap): what its screen shows at once,
 * and the most one call may ask for. The view is always a page; its summaries cover every rep.
 */
export const TEAM_VIEW_PAGE = 50;
export const TEAM_VIEW_PAGE_MAX = 200;
