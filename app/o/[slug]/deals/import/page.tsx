import { notFound } from "next/navigation";
import { CsvImport } from "@/components/deals/csv-import";
import { PageHeader } from "@/components/ui";
import { loadOrg } from "@/server/trpc/org-context";

export const metadata = { title: "Import CSV" };

export default async function ImportPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const { org } = await loadOrg(slug);
  if (!org.permissions.includes("imports.run")) notFound();
  return (
    <>
      <PageHeader
        title="Import accounts and deals"
        description={
          org.role === "admin"
            ? "Bring your pipeline over from Salesforce, HubSpot or a spreadsheet. Check the preview, then import every row at once."
            : "Bring your own accounts and deals over from a CSV file. You can import records you own; rows naming another owner are refused."
        }
      />
      <CsvImport slug={slug} />
    </>
  );
}
