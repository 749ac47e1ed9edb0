import { Field, Input } from "@/components/ui";

/** An account's own fields, as the new-account and edit-account forms type them. */
export interface AccountFields {
  name: string;
  domain: string;
  industry: string;
  segment: string;
  region: string;
}

/** Fields as the API takes them: a cleared field is null, but the name (required) stays as typed. */
export function accountInput(fields: Partial<AccountFields>): Partial<Record<keyof AccountFields, string | null>> {
  return Object.fromEntries(Object.entries(fields).map(([key, text]) => [key, key === "name" ? text : text || null]));
}

export function AccountFieldset({
  value,
  onChange,
  errors,
}: {
  value: AccountFields;
  onChange: (next: AccountFields) => void;
  errors: Record<string, string>;
}) {
  const set = (key: keyof AccountFields, v: string) => onChange({ ...value, [key]: v });
  return (
    <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-5">
      <Field label="Account name" error={errors.name}>
        <Input required maxLength={200} value={value.name} onChange={(event) => set("name", event.target.value)} />
      </Field>
      <Field label="Domain" error={errors.domain}>
        <Input placeholder="acme.com" value={value.domain} onChange={(event) => set("domain", event.target.value)} />
      </Field>
      <Field label="Industry" error={errors.industry}>
        <Input maxLength={80} value={value.industry} onChange={(event) => set("industry", event.target.value)} />
      </Field>
      <Field label="Segment" error={errors.segment}>
        <Input maxLength={80} value={value.segment} onChange={(event) => set("segment", event.target.value)} />
      </Field>
      <Field label="Region" error={errors.region}>
        <Input maxLength={80} value={value.region} onChange={(event) => set("region", event.target.value)} />
      </Field>
    </div>
  );
}
