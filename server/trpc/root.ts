import { createCallerFactory, router } from "./init";
import { accountRouter } from "./routers/account";
import { auditRouter } from "./routers/audit";
import { dashboardRouter } from "./routers/dashboard";
import { invitationsRouter } from "./routers/invitations";
import { meRouter } from "./routers/me";
import { membersRouter } from "./routers/members";
import { orgRouter } from "./routers/org";
import { teamsRouter } from "./routers/teams";

export const appRouter = router({
  account: accountRouter,
  me: meRouter,
  org: orgRouter,
  members: membersRouter,
  teams: teamsRouter,
  invitations: invitationsRouter,
  audit: auditRouter,
  dashboard: dashboardRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
