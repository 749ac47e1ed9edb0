/** Building blocks of the home (server components, no JavaScript): bar charts with their table, lists, stats. */
import Link from "next/link";
import type { ReactNode } from "react";
import { FigureHead, FigureRow } from "@/components/figure-row";
import { formatMoney } from "@/components/format";
import { cx } from "@/components/ui";
import { FLAG_EXPLANATIONS } from "@/server/domain/deal-alignment";
import { STAGE_LABELS } from "@/server/domain/labels";
import type { HomeView } from "@/server/trpc/routers/home";

/** A link in the home's text and under its cards ("… →"): underlined until hovered. */
export function TextLink({ href, className, children }: { href: string; className?: string; children: ReactNode }) {
  return (
    <Link href={href} className={cx("text-brand-700 underline underline-offset-2 hover:no-underline", className)}>
      {children}
    </Link>
  );
}

/** A figure with its label (a `<dl>` of one group; `<dl>` children are div > dt + dd). */
export function Stats({ items }: { items: { label: string; value: ReactNode; testId?: string }[] }) {
  return (
    <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4">
      {items.map((item) => (
        <div key={item.label} className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200">
          <dt className="text-xs text-slate-600">{item.label}</dt>
          <dd className="mt-1 text-2xl font-semibold tabular-nums text-slate-900" data-testid={item.testId}>
            {item.value}
          </dd>
        </div>
      ))}
    </dl>
  );
}

/**
 * Horizontal bars (widths relative to the largest) drawn for the eye, and the same figures as a table for screen
 * readers and anyone who prefers numbers: the bars are aria-hidden, the table is the content.
 */
export function BarTable({
  caption,
  columns,
  rows,
}: {
  caption: string;
  columns: [string, string, ...string[]];
  rows: { key: string; label: ReactNode; bar: number; cells: ReactNode[]; marker?: number }[];
}) {
  const max = Math.max(1e-9, ...rows.map((row) => Math.max(row.bar, row.marker ?? 0)));
  return (
    <table className="w-full text-sm">
      <caption className="sr-only">{caption}</caption>
      <FigureHead columns={columns}>
        <th scope="col" className="hidden w-1/3 pb-2 font-medium sm:table-cell">
          <span className="sr-only">Bar</span>
        </th>
      </FigureHead>
      <tbody>
        {rows.map((row) => (
          <FigureRow key={row.key} label={row.label} cells={row.cells}>
            <td className="hidden py-1.5 sm:table-cell" aria-hidden>
              <span className="relative block h-2.5 rounded bg-slate-100">
                <span
                  className="absolute inset-y-0 left-0 rounded bg-brand-500"
                  style={{ width: `${(row.bar / max) * 100}%` }}
                />
                {row.marker !== undefined ? (
                  <span
                    className="absolute -inset-y-1 w-0.5 bg-slate-700"
                    style={{ left: `${(row.marker / max) * 100}%` }}
                  />
                ) : null}
              </span>
            </td>
          </FigureRow>
        ))}
      </tbody>
    </table>
  );
}

const percent = (share: number) => `${Math.round(share * 100)}%`;

/** Open pipeline per stage (amounts per currency, never added across currencies). */
export function StageTable({ rows }: { rows: HomeView["byStage"] }) {
  return (
    <BarTable
      caption="Open pipeline by stage"
      columns={["Stage", "Deals", "Amount"]}
      rows={rows.map((row) => ({
        key: `${row.stage}-${row.currency}`,
        label: STAGE_LABELS[row.stage],
        bar: row.deals,
        cells: [row.deals, formatMoney(row.amount, row.currency, { compact: true })],
      }))}
    />
  );
}

/** Pipeline share per objective against the objective's weight in the strategy (the marker). */
export function ObjectiveMixTable({ rows }: { rows: HomeView["objectiveMix"] }) {
  return (
    <BarTable
      caption="Open pipeline by objective against the strategy's weights"
      columns={["Objective", "Pipeline", "Weight"]}
      rows={rows.map((row) => ({
        key: row.objectiveId ?? "none",
        label: row.title,
        bar: row.share,
        marker: row.objectiveId ? row.weight / 100 : undefined,
        cells: [percent(row.share), row.objectiveId ? `${row.weight}%` : "—"],
      }))}
    />
  );
}

/** Deals with their warnings, in words (never by colour alone). */
export function AttentionList({
  slug,
  deals,
  showOwner,
}: {
  slug: string;
  deals: HomeView["attention"];
  showOwner: boolean;
}) {
  return (
    <ul className="divide-y divide-slate-100 text-sm">
      {deals.map((deal) => (
        <li key={deal.dealId} className="py-2">
          <TextLink href={`/o/${slug}/deals/${deal.dealId}`} className="font-medium">
            {deal.name}
          </TextLink>
          <span className="text-slate-600">
            {" "}
            · {deal.accountName}
            {showOwner ? ` · ${deal.ownerName}` : ""} · {formatMoney(deal.amount, deal.currency, { compact: true })} ·
            score {deal.score}
          </span>
          <ul className="mt-1 flex flex-wrap gap-1" aria-label="Warnings">
            {deal.flags
              .filter((flag) => flag === "DISQUALIFY" || flag === "WINS_UNKNOWN" || flag === "NO_ECONOMIC_BUYER")
              .map((flag) => (
                <li key={flag} className={warningClass(flag === "DISQUALIFY")}>
                  {FLAG_EXPLANATIONS[flag].title}
                </li>
              ))}
            {deal.closePassed ? <li className={warningClass(false)}>Close date passed ({deal.closeDate})</li> : null}
          </ul>
        </li>
      ))}
    </ul>
  );
}

function warningClass(severe: boolean) {
  return cx(
    "rounded px-1.5 py-0.5 text-xs font-medium ring-1 ring-inset",
    severe ? "bg-red-50 text-red-800 ring-red-200" : "bg-amber-50 text-amber-900 ring-amber-200",
  );
}

/** A due date in words: "Overdue since …" is said, not only coloured. */
export function DueText({ dueOn, today }: { dueOn: string | null; today: string }) {
  if (!dueOn) return <span className="text-slate-600">No due date</span>;
  return dueOn < today ? (
    <span className="font-medium text-red-700">Overdue since {dueOn}</span>
  ) : (
    <span className="text-slate-600">Due {dueOn}</span>
  );
}
