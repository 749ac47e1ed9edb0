import { AuthCard } from "@/components/auth/auth-card";
import { SsoComplete } from "@/components/auth/sso-complete";

export const metadata = { title: "Signing in" };

export default async function SsoCompletePage({ searchParams }: { searchParams: Promise<{ org?: string }> }) {
  const { org } = await searchParams;
  return (
    <AuthCard title="Signing you in…">
      <SsoComplete orgSlug={org ?? null} />
    </AuthCard>
  );
}
