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
import { reasonsRouter } from "./routers/reasons";
import { reviewsRouter } from "./routers/reviews";
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
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
