import { StartReviewForm } from "@/components/reviews/start-review-form";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/ui";
import { orRedirect } from "@/server/trpc/server";
import { idSchema } from "@/server/domain/schemas";
import { loadOrg } from "@/server/trpc/org-context";

export const metadata = { title: "Start a review" };

export default async function NewReviewPage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string }>;
  searchParams: Promise<{ rep?: string }>;
}) {
  const [{ slug }, { rep }] = await Promise.all([params, searchParams]);
  const { me, caller, org } = await loadOrg(slug);
  // Only those who run reviews may start one (a viewer's request would otherwise end in an error page).
  if (!org.permissions.includes("reviews.manage")) notFound();
  // Two people at most: is there anyone besides the caller? The picker searches the rest on demand.
  const [strategies, someone] = await Promise.all([
    orRedirect(caller.strategy.list()),
    orRedirect(caller.deals.owners({ limit: 2 })),
  ]);
  const anyoneToReview = someone.items.some((person) => person.id !== me.user.id);
  const periods = strategies.items.filter((s) => s.status !== "draft");
  return (
    <>
      <PageHeader
        title="Start a review"
        description="Pick a rep and a strategy period. Tandem assembles the review; you write notes and actions, then share it."
      />
      <StartReviewForm
        slug={slug}
        callerId={me.user.id}
        anyoneToReview={anyoneToReview}
        strategies={periods.map((s) => ({ id: s.id, name: `${s.name} (${s.status})` }))}
        initialPersonId={rep && rep !== me.user.id && idSchema.safeParse(rep).success ? rep : null}
        initialStrategyId={strategies.currentId ?? periods[0]?.id ?? ""}
      />
    </>
  );
}
