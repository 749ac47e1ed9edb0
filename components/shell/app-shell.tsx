import Link from "next/link";
import type { ReactNode } from "react";
import type { Permission, Role } from "@/server/authz/permissions";
import { NotificationBell } from "@/components/notifications/notification-bell";
import { CurrentThemeSwitch } from "@/components/theme/current-theme-switch";
import { NavLink } from "./nav-link";
import { OrgSwitcher } from "./org-switcher";
import { UserMenu } from "./user-menu";

interface ShellProps {
  user: { name: string; email: string };
  organizations: { id: string; name: string; slug: string; role: Role }[];
  org: { id: string; name: string; slug: string; role: Role; permissions: Permission[] };
  /** The caller's unread notifications when the page was rendered (the bell refreshes it). */
  unread: number;
  children: ReactNode;
}

/** Navigation entries; each appears only to roles holding its permission (authorization as data). */
/** `search`: the view a section opens on (the pipeline opens on open deals; "All stages" is one click away). */
const NAV: { href: string; search?: string; label: string; permission: Permission }[] = [
  { href: "", label: "Home", permission: "org.read" },
  { href: "/deals", search: "?stage=open", label: "Pipeline", permission: "deals.read" },
  { href: "/accounts", label: "Accounts", permission: "deals.read" },
  { href: "/plans", label: "Account plans", permission: "plans.read" },
  { href: "/goals", label: "My goals", permission: "goals.write" },
  { href: "/alignment", label: "Team alignment", permission: "alignment.team.read" },
  { href: "/reviews", label: "Reviews", permission: "reviews.respond" },
  { href: "/strategy", label: "Strategy", permission: "strategy.read" },
  { href: "/members", label: "Members", permission: "org.read" },
  { href: "/teams", label: "Teams", permission: "org.read" },
  { href: "/audit", label: "Audit log", permission: "audit.read" },
  { href: "/deals/reasons", label: "Disqualification reasons", permission: "reasons.manage" },
  { href: "/settings", label: "Settings", permission: "org.read" },
];

export function AppShell({ user, organizations, org, unread, children }: ShellProps) {
  const base = `/o/${org.slug}`;
  return (
    <div className="flex min-h-screen">
      <aside className="hidden w-60 print:hidden shrink-0 flex-col border-r border-slate-200 bg-white md:flex">
        <div className="flex items-center justify-between gap-2 py-4 pr-3 pl-5">
          <Link href={base} className="flex items-center gap-2 text-lg font-semibold">
            <span
              aria-hidden
              className="inline-flex size-7 items-center justify-center rounded-lg bg-brand-600 text-sm text-white"
            >
              T
            </span>
            Tandem
          </Link>
          <NotificationBell orgSlug={org.slug} initialUnread={unread} />
        </div>
        <div className="px-3">
          <OrgSwitcher organizations={organizations} currentSlug={org.slug} />
        </div>
        <nav aria-label="Main" className="mt-4 flex-1 space-y-1 px-3">
          {NAV.filter((item) => org.permissions.includes(item.permission)).map((item) => (
            <NavLink key={item.href} href={`${base}${item.href}`} search={item.search} exact={item.href === ""}>
              {item.label}
            </NavLink>
          ))}
        </nav>
        <div className="border-t border-slate-200 p-3">
          <UserMenu name={user.name} email={user.email} role={org.role} />
          <div className="mt-2 px-2">
            <CurrentThemeSwitch />
          </div>
        </div>
      </aside>
      <div className="flex min-w-0 flex-1 flex-col">
        <header className="flex items-center justify-between gap-3 border-b border-slate-200 bg-white px-4 py-3 md:hidden print:hidden">
          <OrgSwitcher organizations={organizations} currentSlug={org.slug} />
          <div className="flex items-center gap-2">
            <NotificationBell orgSlug={org.slug} initialUnread={unread} align="right" />
            <UserMenu name={user.name} email={user.email} role={org.role} compact />
          </div>
        </header>
        <nav
          aria-label="Sections"
          className="flex gap-1 overflow-x-auto border-b border-slate-200 bg-white px-2 py-1 md:hidden print:hidden"
        >
          {NAV.filter((item) => org.permissions.includes(item.permission)).map((item) => (
            <NavLink key={item.href} href={`${base}${item.href}`} search={item.search} exact={item.href === ""}>
              {item.label}
            </NavLink>
          ))}
        </nav>
        <div className="flex justify-end border-b border-slate-200 bg-white px-2 py-1 md:hidden print:hidden">
          <CurrentThemeSwitch />
        </div>
        <main className="mx-auto w-full max-w-6xl flex-1 px-4 py-8 md:px-8">{children}</main>
      </div>
    </div>
  );
}
