import { createCallerFactory, router } from "./init";
import { onboardingRouter } from "./routers/onboarding";
import { accountsRouter } from "./routers/accounts";
import { apiKeysRouter } from "./routers/api-keys";
import { alignmentRouter } from "./routers/alignment";
import { auditRouter } from "./routers/audit";
import { contactsRouter } from "./routers/contacts";
import { dashboardRouter } from "./routers/dashboard";
import { dealsRouter } from "./routers/deals";
import { goalsRouter } from "./routers/goals";
import { homeRouter } from "./routers/home";
import { importsRouter } from "./routers/imports";
import { invitationsRouter } from "./routers/invitations";
import { meRouter } from "./routers/me";
import { notificationsRouter } from "./routers/notifications";
import { membersRouter } from "./routers/members";
import { orgRouter } from "./routers/org";
import { passwordResetRouter } from "./routers/password-reset";
import { planCommentsRouter } from "./routers/plan-comments";
import { planLiveRouter } from "./routers/plan-live";
import { planProblemsRouter } from "./routers/plan-problems";
import { planSharingRouter } from "./routers/plan-sharing";
import { planStakeholdersRouter } from "./routers/plan-stakeholders";
import { planStepsRouter } from "./routers/plan-steps";
import { planTemplatesRouter } from "./routers/plan-templates";
import { plansRouter } from "./routers/plans";
import { reasonsRouter } from "./routers/reasons";
import { reviewsRouter } from "./routers/reviews";
import { sharedPlanRouter } from "./routers/shared-plan";
import { ssoRouter } from "./routers/sso";
import { stakeholdersRouter } from "./routers/stakeholders";
import { strategyRouter } from "./routers/strategy";
import { teamsRouter } from "./routers/teams";
import { webhooksRouter } from "./routers/webhooks";

export const appRouter = router({
  onboarding: onboardingRouter,
  passwordReset: passwordResetRouter,
  me: meRouter,
  org: orgRouter,
  members: membersRouter,
  teams: teamsRouter,
  invitations: invitationsRouter,
  audit: auditRouter,
  dashboard: dashboardRouter,
  home: homeRouter,
  strategy: strategyRouter,
  goals: goalsRouter,
  alignment: alignmentRouter,
  accounts: accountsRouter,
  contacts: contactsRouter,
  deals: dealsRouter,
  stakeholders: stakeholdersRouter,
  reasons: reasonsRouter,
  imports: importsRouter,
  notifications: notificationsRouter,
  reviews: reviewsRouter,
  plans: plansRouter,
  planProblems: planProblemsRouter,
  planSteps: planStepsRouter,
  planStakeholders: planStakeholdersRouter,
  planComments: planCommentsRouter,
  planLive: planLiveRouter,
  planSharing: planSharingRouter,
  planTemplates: planTemplatesRouter,
  sharedPlan: sharedPlanRouter,
  apiKeys: apiKeysRouter,
  webhooks: webhooksRouter,
  sso: ssoRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
