"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRef, useState } from "react";
import { errorMessage } from "@/components/trpc/errors";
import { useTRPC } from "@/components/trpc/provider";
import { Alert, Badge, Button, Card } from "@/components/ui";
import { DataTable, HeaderCells, type Column } from "@/components/paged-list";
import { COLUMN_NAMES, CSV_MAX_BYTES, CSV_MAX_ROWS, type ImportKind } from "@/server/domain/csv-columns";

const KINDS: { value: ImportKind; label: string; help: string }[] = [
  {
    value: "deals",
    label: "Deals",
    help: "Salesforce opportunities, HubSpot deals, or Tandem's own export. Accounts that do not exist yet are created.",
  },
  {
    value: "accounts",
    label: "Accounts",
    help: "Salesforce accounts, HubSpot companies, or any file with an account name column.",
  },
];

const FIELD_LABELS: Record<string, string> = {
  externalId: "External id",
  name: "Name",
  accountName: "Account name",
  accountExternalId: "Account id",
  amount: "Amount",
  currency: "Currency",
  stage: "Stage",
  closeDate: "Close date",
  owner: "Owner (email or name)",
  product: "Product",
  customerProblem: "Customer problem",
  problemFit: "Problem fit",
  disqualifiedReason: "Disqualified reason",
  domain: "Domain",
  industry: "Industry",
  segment: "Segment",
  region: "Region",
};

const ERROR_COLUMNS: Column[] = [{ label: "Row" }, { label: "Column" }, { label: "Problem" }];

export function CsvImport({ slug }: { slug: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const input = useRef<HTMLInputElement>(null);
  const [kind, setKind] = useState<ImportKind>("deals");
  const [file, setFile] = useState<{ name: string; text: string } | null>(null);
  const [localError, setLocalError] = useState<string | null>(null);
  const preview = useMutation(trpc.imports.preview.mutationOptions());
  const commit = useMutation(
    trpc.imports.commit.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.deals.pathKey() }),
    }),
  );

  const reset = () => {
    setFile(null);
    setLocalError(null);
    preview.reset();
    commit.reset();
    if (input.current) input.current.value = "";
  };

  const choose = async (chosen: File | undefined, as: ImportKind = kind) => {
    preview.reset();
    commit.reset();
    setLocalError(null);
    setFile(null);
    if (!chosen) return;
    // Refused before it is read, let alone parsed.
    if (chosen.size > CSV_MAX_BYTES) {
      setLocalError(`“${chosen.name}” is larger than ${CSV_MAX_BYTES / 1024 / 1024} MB. Split it into smaller files.`);
      return;
    }
    const text = await chosen.text();
    setFile({ name: chosen.name, text });
    preview.mutate({ kind: as, csv: text });
  };

  const result = preview.data;
  return (
    <div className="space-y-6">
      <Card title="1. Choose what to import and the file">
        <div className="space-y-4">
          <fieldset>
            <legend className="text-sm font-medium text-slate-700">Import</legend>
            <div className="mt-1 flex flex-wrap gap-4">
              {KINDS.map((k) => (
                <label key={k.value} className="flex items-center gap-2 text-sm">
                  <input
                    type="radio"
                    name="kind"
                    value={k.value}
                    checked={kind === k.value}
                    onChange={() => {
                      setKind(k.value);
                      if (file) {
                        commit.reset();
                        preview.mutate({ kind: k.value, csv: file.text });
                      }
                    }}
                  />
                  {k.label}
                </label>
              ))}
            </div>
            <p className="mt-1 text-xs text-slate-500">{KINDS.find((k) => k.value === kind)?.help}</p>
          </fieldset>
          <label className="block text-sm">
            <span className="font-medium text-slate-700">CSV file</span>
            <input
              ref={input}
              type="file"
              accept=".csv,text/csv"
              className="mt-1 block w-full text-sm file:mr-3 file:rounded-md file:border-0 file:bg-brand-50 file:px-3 file:py-2 file:font-medium file:text-brand-700"
              onChange={(event) => void choose(event.target.files?.[0])}
            />
            <span className="mt-1 block text-xs text-slate-500">
              Up to {CSV_MAX_BYTES / 1024 / 1024} MB and {CSV_MAX_ROWS.toLocaleString("en-US")} rows. Nothing is saved
              until you confirm, and then all rows are saved or none.
            </span>
          </label>
          <details className="text-sm">
            <summary className="cursor-pointer font-medium text-slate-700">Recognized columns</summary>
            <dl className="mt-2 grid gap-x-4 gap-y-1 sm:grid-cols-[10rem_1fr]">
              {Object.entries(COLUMN_NAMES[kind]).map(([field, names]) => (
                <div key={field} className="contents">
                  <dt className="font-medium text-slate-700">{FIELD_LABELS[field] ?? field}</dt>
                  <dd className="text-slate-600">{names.map((n) => `“${n}”`).join(", ")}</dd>
                </div>
              ))}
            </dl>
            <p className="mt-2 text-xs text-slate-500">
              Rows with an external id update the record imported before with that id. Accounts without one are matched
              by name. Stages of Salesforce and HubSpot are translated (e.g. “Proposal/Price Quote” → Proposal,
              “contractsent” → Negotiation).
            </p>
          </details>
        </div>
      </Card>

      {localError ? <Alert>{localError}</Alert> : null}
      {preview.isPending ? (
        <p className="text-sm text-slate-500" role="status">
          Checking every row…
        </p>
      ) : null}
      {preview.error ? <Alert>{errorMessage(preview.error)}</Alert> : null}

      {result && file ? (
        <Card title={`2. Preview of “${file.name}”`}>
          <div className="space-y-4">
            <p className="text-sm text-slate-700" data-testid="import-summary">
              {result.rowCount} rows: {result.creates} to create, {result.updates} to update
              {result.kind === "deals" && result.accountsToCreate > 0
                ? `, ${result.accountsToCreate} new accounts`
                : ""}
              .{" "}
              {result.errorCount > 0 ? (
                <strong className="text-red-700">
                  {result.errorCount === 1 ? "1 row has an error" : `${result.errorCount} rows have errors`}.
                </strong>
              ) : null}
            </p>
            <div>
              <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-500">Columns</h3>
              <ul className="mt-1 flex flex-wrap gap-2 text-xs">
                {result.columns.map((column) => (
                  <li key={column.header}>
                    <Badge tone={column.field ? "green" : "slate"}>
                      {column.header} → {column.field ? (FIELD_LABELS[column.field] ?? column.field) : "ignored"}
                    </Badge>
                  </li>
                ))}
              </ul>
            </div>
            {result.errorCount > 0 ? (
              <div role="alert" data-testid="import-errors">
                <h3 className="text-sm font-semibold text-red-800">
                  Fix these rows and choose the file again — nothing is imported while any row has an error
                </h3>
                <DataTable className="mt-2 w-full text-left text-sm" head={<HeaderCells columns={ERROR_COLUMNS} />}>
                  {result.errors.map((error) => (
                    <tr key={`${error.row}-${error.field}-${error.message}`}>
                      <td className="py-1 pr-4 tabular-nums">{error.row}</td>
                      <td className="py-1 pr-4">{FIELD_LABELS[error.field] ?? error.field}</td>
                      <td className="py-1 text-red-700">{error.message}</td>
                    </tr>
                  ))}
                </DataTable>
                {result.errorCount > result.errors.length ? (
                  <p className="mt-1 text-xs text-slate-500">…and {result.errorCount - result.errors.length} more.</p>
                ) : null}
              </div>
            ) : null}
            {result.sample.length > 0 ? (
              <div>
                <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-500">First rows</h3>
                <ul className="mt-1 space-y-1 text-sm">
                  {result.sample.map((row) => (
                    <li key={row.row}>
                      <span className="tabular-nums text-slate-500">Row {row.row}</span>{" "}
                      <Badge tone={row.action === "create" ? "brand" : "amber"}>{row.action}</Badge>{" "}
                      <span className="font-medium">{row.name}</span>{" "}
                      <span className="text-slate-500">{row.details}</span>
                    </li>
                  ))}
                </ul>
              </div>
            ) : null}
            {commit.error ? <Alert>{errorMessage(commit.error)}</Alert> : null}
            {commit.data ? (
              <Alert tone="green">
                Imported: {commit.data.created} created, {commit.data.updated} updated
                {commit.data.accountsCreated > 0 ? `, ${commit.data.accountsCreated} accounts created` : ""}.{" "}
                <Link
                  href={`/o/${slug}/${commit.data.kind === "deals" ? "deals" : "accounts"}`}
                  className="font-medium underline"
                >
                  See the {commit.data.kind === "deals" ? "pipeline" : "accounts"}
                </Link>
              </Alert>
            ) : (
              <div className="flex gap-2">
                <Button
                  disabled={result.errorCount > 0 || commit.isPending}
                  onClick={() => commit.mutate({ kind: result.kind, csv: file.text })}
                >
                  {commit.isPending ? "Importing…" : `Import ${result.creates + result.updates} rows`}
                </Button>
                <Button variant="secondary" onClick={reset}>
                  Choose another file
                </Button>
              </div>
            )}
          </div>
        </Card>
      ) : null}
    </div>
  );
}
