/** The admin's part of the home: the setup checklist (also the guided setup of a new organization), members, audit. */
import { Card } from "@/components/ui";
import type { HomeView } from "@/server/trpc/routers/home";
import { TextLink } from "./parts";

type Setup = NonNullable<HomeView["setup"]>;

function steps(slug: string, setup: Setup) {
  const goalsShare = setup.reps === 0 ? 0 : Math.round((setup.repsWithGoals / setup.reps) * 100);
  return [
    {
      done: setup.strategyActive,
      title: "Activate a strategy",
      detail: setup.strategyActive
        ? "A strategy is active for this period."
        : "Write the period's objectives and weights.",
      href: `/o/${slug}/strategy`,
    },
    {
      done: setup.teams > 0,
      title: "Create teams",
      detail: `${setup.teams} team${setup.teams === 1 ? "" : "s"}.`,
      href: `/o/${slug}/teams`,
    },
    {
      done: setup.activeMembers > 1 && setup.pendingInvitations === 0,
      title: "Invite your people",
      detail: `${setup.activeMembers} active member${setup.activeMembers === 1 ? "" : "s"}, ${setup.pendingInvitations} invitation${setup.pendingInvitations === 1 ? "" : "s"} pending.`,
      href: `/o/${slug}/members`,
    },
    {
      done: setup.reps > 0 && setup.repsWithGoals === setup.reps,
      title: "Reps write their goals",
      detail: `${setup.repsWithGoals} of ${setup.reps} reps (${goalsShare}%) have goals for the current strategy.`,
      href: `/o/${slug}/alignment`,
    },
  ];
}

/** The checklist: each step says done or to do in words and with a symbol (never by colour alone). */
export function SetupChecklist({ slug, setup }: { slug: string; setup: Setup }) {
  return (
    <ol className="space-y-3 text-sm" data-testid="home-setup">
      {steps(slug, setup).map((step) => (
        <li key={step.title} className="flex gap-3">
          <span aria-hidden className={step.done ? "text-emerald-700" : "text-slate-600"}>
            {step.done ? "✓" : "○"}
          </span>
          <span>
            <TextLink href={step.href} className="font-medium">
              {step.title}
            </TextLink>{" "}
            <span className="text-slate-600">({step.done ? "done" : "to do"})</span>
            <span className="block text-slate-600">{step.detail}</span>
          </span>
        </li>
      ))}
    </ol>
  );
}

const ROLE_NAMES = { admin: "Admins", manager: "Managers", rep: "Reps", viewer: "Viewers" } as const;

export function AdminPanels({ slug, home, setup }: { slug: string; home: HomeView; setup: Setup }) {
  return (
    <div className="grid grid-cols-1 gap-4 lg:grid-cols-3">
      <Card title="Setup checklist">
        <SetupChecklist slug={slug} setup={setup} />
      </Card>
      <Card title="Members and seats">
        <dl className="grid grid-cols-2 gap-2 text-sm">
          {(Object.keys(ROLE_NAMES) as (keyof typeof ROLE_NAMES)[]).map((role) => (
            <div key={role}>
              <dt className="text-xs text-slate-600">{ROLE_NAMES[role]}</dt>
              <dd className="text-xl font-semibold tabular-nums">{setup.byRole[role] ?? 0}</dd>
            </div>
          ))}
        </dl>
        <p className="mt-3 text-sm text-slate-700">
          {setup.activeMembers} active seats · {setup.pendingInvitations} pending invitations
        </p>
        <TextLink href={`/o/${slug}/members`} className="mt-2 inline-block text-sm font-medium">
          Manage members →
        </TextLink>
      </Card>
      <Card title="Recent activity">
        {home.audit.length === 0 ? (
          <p className="text-sm text-slate-600">Nothing recorded yet.</p>
        ) : (
          <ul className="space-y-2 text-sm">
            {home.audit.map((event) => (
              <li key={event.id}>
                <span className="text-slate-800">{event.actorName ?? "Someone"}</span>{" "}
                <span className="text-slate-700">{event.action.replace(/[._]/g, " ")}</span>
                <span className="block text-xs text-slate-600">{event.at.slice(0, 16)} UTC</span>
              </li>
            ))}
          </ul>
        )}
        <TextLink href={`/o/${slug}/audit`} className="mt-2 inline-block text-sm font-medium">
          Audit log →
        </TextLink>
      </Card>
    </div>
  );
}
