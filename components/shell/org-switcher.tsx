"use client";
import { useRouter } from "next/navigation";
import { Select } from "@/components/ui";

export function OrgSwitcher({
  organizations,
  currentSlug,
}: {
  organizations: { name: string; slug: string }[];
  currentSlug: string;
}) {
  const router = useRouter();
  if (organizations.length < 2) {
    return (
      <p className="truncate px-2 text-sm font-medium text-slate-800">
        {organizations.find((org) => org.slug === currentSlug)?.name}
      </p>
    );
  }
  return (
    <label className="block">
      <span className="sr-only">Organization</span>
      <Select
        value={currentSlug}
        onChange={(event) => router.push(`/o/${event.target.value}`)}
        aria-label="Switch organization"
      >
        {organizations.map((org) => (
          <option key={org.slug} value={org.slug}>
            {org.name}
          </option>
        ))}
      </Select>
    </label>
  );
}
