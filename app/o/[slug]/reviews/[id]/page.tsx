import { ReviewView } from "@/components/reviews/review-view";
import { loadOrg } from "@/server/trpc/org-context";

export const metadata = { title: "Review" };

export default async function ReviewPage({ params }: { params: Promise<{ slug: string; id: string }> }) {
  const { slug, id } = await params;
  await loadOrg(slug);
  return <ReviewView reviewId={id} />;
}
