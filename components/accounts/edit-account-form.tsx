"use client";
/**
 * Editing an account from the version it was read at. Only the fields changed in the form are sent; if someone
 * else saved the account meanwhile, the server answers CONFLICT with the account as it is now, and the form shows
 * it next to the change it refused, to re-apply on top of their version or to drop (as for deals and plans).
 */
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { SaveFeedback, describeBy } from "@/components/plans/plan-fields";
import { useVersionedSave } from "@/components/plans/use-versioned-save";
import { fieldErrors } from "@/components/trpc/errors";
import { useTRPC } from "@/components/trpc/provider";
import { AccountFieldset, accountInput, type AccountFields } from "./account-fieldset";
import { FormActions } from "@/components/form-actions";

type Current = Record<string, unknown> & { version: number };
type AccountPatch = Partial<Record<keyof AccountFields, string | null>>;

export interface EditableAccount {
  id: string;
  name: string;
  domain: string | null;
  industry: string | null;
  segment: string | null;
  region: string | null;
  version: number;
}

const describe = describeBy([
  { key: "name", label: "Account name" },
  { key: "domain", label: "Domain" },
  { key: "industry", label: "Industry" },
  { key: "segment", label: "Segment" },
  { key: "region", label: "Region" },
]);

/** The fields that differ from what the form started from (cleared ones as null): only they are sent. */
function changes(base: AccountFields, value: AccountFields): AccountPatch {
  const keys = (Object.keys(base) as (keyof AccountFields)[]).filter((key) => base[key] !== value[key]);
  return accountInput(Object.fromEntries(keys.map((key) => [key, value[key]])));
}

export function EditAccountForm({ account, onDone }: { account: EditableAccount; onDone: () => void }) {
  const trpc = useTRPC();
  // What the form started from: a reload of the account while editing must not move the version under it.
  const [base] = useState<AccountFields>(() => ({
    name: account.name,
    domain: account.domain ?? "",
    industry: account.industry ?? "",
    segment: account.segment ?? "",
    region: account.region ?? "",
  }));
  const [version] = useState(account.version);
  const [value, setValue] = useState(base);
  const update = useMutation(trpc.accounts.update.mutationOptions());
  const save = useVersionedSave<Current, AccountPatch>(
    (from, patch) =>
      update.mutateAsync({ accountId: account.id, version: from, ...patch, name: patch.name ?? undefined }),
    onDone,
  );
  return (
    <form
      className="space-y-3"
      aria-label="Edit account"
      onSubmit={(event) => {
        event.preventDefault();
        const patch = changes(base, value);
        if (Object.keys(patch).length === 0) onDone();
        else void save.submit(version, patch);
      }}
    >
      <SaveFeedback what="account" save={save} describe={describe} onDiscard={onDone} />
      <AccountFieldset value={value} onChange={setValue} errors={fieldErrors(save.error)} />
      <FormActions saveLabel="Save" disabled={save.pending || save.conflict !== null} onCancel={onDone} />
    </form>
  );
}
