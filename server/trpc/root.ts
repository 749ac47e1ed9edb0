import { createCallerFactory, router } from "./init";
import { onboardingRouter } from "./routers/onboarding";
import { accountsRouter } from "./routers/accounts";
import { alignmentRouter } from "./routers/alignment";
import { auditRouter } from "./routers/audit";
import { contactsRouter } from "./routers/contacts";
import { dashboardRouter } from "./routers/dashboard";
import { dealsRouter } from "./routers/deals";
import { goalsRouter } from "./routers/goals";
import { importsRouter } from "./routers/imports";
import { invitationsRouter } from "./routers/invitations";
import { meRouter } from "./routers/me";
import { notificationsRouter } from "./routers/notifications";
import { membersRouter } from "./routers/members";
import { orgRouter } from "./routers/org";
import { passwordResetRouter } from "./routers/password-reset";
import { planCommentsRouter } from "./routers/plan-comments";
import { planProblemsRouter } from "./routers/plan-problems";
import { planSharingRouter } from "./routers/plan-sharing";
import { planStakeholdersRouter } from "./routers/plan-stakeholders";
import { planStepsRouter } from "./routers/plan-steps";
import { planTemplatesRouter } from "./routers/plan-templates";
import { plansRouter } from "./routers/plans";
import { reasonsRouter } from "./routers/reasons";
import { reviewsRouter } from "./routers/reviews";
import { sharedPlanRouter } from "./routers/shared-plan";
import { stakeholdersRouter } from "./routers/stakeholders";
import { strategyRouter } from "./routers/strategy";
import { teamsRouter } from "./routers/teams";

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
  planSharing: planSharingRouter,
  planTemplates: planTemplatesRouter,
  sharedPlan: sharedPlanRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
