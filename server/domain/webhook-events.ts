/** The events a webhook can subscribe to (docs/api.md); shared by the server and the settings form. */
export const WEBHOOK_EVENTS = [
  "deal.created",
  "deal.updated",
  "deal.stage_changed",
  "deal.disqualified",
  "review.shared",
  "review.acknowledged",
  "plan_step.completed",
] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];
