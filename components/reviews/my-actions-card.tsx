import Link from "next/link";
import { Card } from "@/components/ui";
import type { serverCaller } from "@/server/trpc/server";

type Caller = Awaited<ReturnType<typeof serverCaller>>;

/** The home page's card: the caller's open actions from their reviews, until they are done. Nothing when none. */
export async function MyReviewActionsCard({ slug, caller }: { slug: string; caller: Caller }) {
  const actions = await caller.reviews.myActions().catch(() => []);
  if (actions.length === 0) return null;
  const today = new Date().toISOString().slice(0, 10);
  return (
    <Card title="My actions from reviews" className="mt-6">
      <ul className="space-y-2 text-sm" aria-label="My actions from reviews">
        {actions.map((action) => (
          <li key={action.id} className="flex flex-wrap items-baseline justify-between gap-2">
            <Link href={`/o/${slug}/reviews/${action.reviewId}`} className="text-brand-700 hover:underline">
              {action.text}
            </Link>
            <span className={action.dueOn && action.dueOn < today ? "font-medium text-red-700" : "text-slate-600"}>
              {action.dueOn ? `${action.dueOn < today ? "Overdue since" : "Due"} ${action.dueOn}` : "No due date"} ·
              from {action.reviewerName}
            </span>
          </li>
        ))}
      </ul>
    </Card>
  );
}
