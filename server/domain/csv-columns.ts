/**
 * The CSV import's limits and column names (pure constants, no parser): shared by the import service
 * (server/services/csv-import.ts) and the import page, which shows the names it recognizes without loading the
 * CSV parser into the browser.
 */
export const CSV_MAX_BYTES = 5 * 1024 * 1024;
export const CSV_MAX_ROWS = 50_000;
export const IMPORT_KINDS = ["accounts", "deals"] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export const ACCOUNT_COLUMNS = {
  externalId: ["external id", "account id", "record id", "company id", "id"],
  name: ["account name", "company name", "company", "name"],
  domain: ["domain", "website", "company domain name", "website url"],
  industry: ["industry"],
  segment: ["segment", "customer segment"],
  region: ["region", "sales region", "country/region", "billing country"],
  owner: ["owner", "owner email", "account owner", "account owner email", "company owner"],
} as const;

export const DEAL_COLUMNS = {
  /** Tandem's own id, as in Tandem's export: re-importing an export updates those deals. */
  tandemId: ["tandem id"],
  externalId: ["external id", "opportunity id", "deal id", "record id", "id"],
  name: ["deal name", "opportunity name", "deal", "name"],
  accountName: [
    "account name",
    "account",
    "company name",
    "company",
    "associated company",
    "associated company (primary)",
  ],
  accountExternalId: ["account id", "associated company id", "company id"],
  amount: ["amount", "deal amount", "amount (company currency)"],
  currency: ["currency", "opportunity currency", "currency iso code", "deal currency code"],
  stage: ["stage", "deal stage", "opportunity stage"],
  closeDate: ["close date", "expected close date"],
  owner: ["owner", "owner email", "opportunity owner", "deal owner"],
  product: ["product", "product family", "primary product"],
  customerProblem: ["customer problem", "problem", "pain"],
  problemFit: ["problem fit", "can we solve it"],
  disqualifiedReason: ["disqualified reason", "disqualification reason"],
} as const;

export type AccountField = keyof typeof ACCOUNT_COLUMNS;
export type DealField = keyof typeof DEAL_COLUMNS;

export const COLUMN_NAMES: Record<ImportKind, Record<string, readonly string[]>> = {
  accounts: ACCOUNT_COLUMNS,
  deals: DEAL_COLUMNS,
};
