"use client";
/**
 * Adding or editing one of an account's contacts. An edit sends only the changed fields, from the version it was
 * read at; if someone else saved the contact meanwhile, the server answers CONFLICT with the contact as it is now,
 * shown next to the refused change, to re-apply on top of their version or to drop (as for accounts and deals).
 */
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { SaveFeedback, describeBy } from "@/components/plans/plan-fields";
import { useVersionedSave } from "@/components/plans/use-versioned-save";
import { fieldErrors } from "@/components/trpc/errors";
import { useTRPC } from "@/components/trpc/provider";
import { Field, Input, Select } from "@/components/ui";
import { FormActions } from "@/components/form-actions";

export interface ContactRow {
  id: string;
  name: string;
  title: string | null;
  email: string | null;
  reportsToId: string | null;
  version: number;
}

type Current = Record<string, unknown> & { version: number };
type ContactValue = Record<"name" | "title" | "email" | "reportsToId", string>;
type ContactPatch = Partial<Record<keyof ContactValue, string | null>>;

/** The fields that differ from `base` (all of them for a new contact), cleared ones as null. */
function changes(base: ContactValue | null, value: ContactValue): ContactPatch {
  const keys = (Object.keys(value) as (keyof ContactValue)[]).filter((key) => !base || base[key] !== value[key]);
  return Object.fromEntries(keys.map((key) => [key, key === "name" ? value[key] : value[key] || null]));
}

export function ContactForm({
  accountId,
  contact,
  contacts,
  onDone,
}: {
  accountId: string;
  contact?: ContactRow;
  contacts: ContactRow[];
  onDone: () => void;
}) {
  const trpc = useTRPC();
  // What the form started from: a reload of the account while editing must not move the version under it.
  const [base] = useState<ContactValue>(() => ({
    name: contact?.name ?? "",
    title: contact?.title ?? "",
    email: contact?.email ?? "",
    reportsToId: contact?.reportsToId ?? "",
  }));
  const [version] = useState(contact?.version ?? 0);
  const [value, setValue] = useState(base);
  const create = useMutation(trpc.contacts.create.mutationOptions());
  const update = useMutation(trpc.contacts.update.mutationOptions());
  const save = useVersionedSave<Current, ContactPatch>((from, patch) => {
    const { name, ...rest } = patch;
    return contact
      ? update.mutateAsync({ contactId: contact.id, version: from, ...rest, name: name ?? undefined })
      : create.mutateAsync({ accountId, ...rest, name: name ?? "" });
  }, onDone);
  const nameOf = new Map(contacts.map((c) => [c.id, c.name]));
  const describe = describeBy(
    [
      { key: "name", label: "Name" },
      { key: "title", label: "Title" },
      { key: "email", label: "Email" },
    ],
    {
      reportsToId: {
        label: "Reports to",
        text: (id) => (typeof id === "string" && id ? (nameOf.get(id) ?? "someone") : "nobody here"),
      },
    },
  );
  const errors = fieldErrors(save.error);
  return (
    <form
      className="space-y-3 rounded-md bg-slate-50 p-3"
      aria-label={contact ? `Edit ${contact.name}` : "New contact"}
      onSubmit={(event) => {
        event.preventDefault();
        const patch = changes(contact ? base : null, value);
        if (Object.keys(patch).length === 0) onDone();
        else void save.submit(version, patch);
      }}
    >
      <SaveFeedback what="contact" save={save} describe={describe} onDiscard={onDone} />
      <div className="grid gap-3 sm:grid-cols-4">
        <Field label="Name" error={errors.name}>
          <Input required value={value.name} onChange={(event) => setValue({ ...value, name: event.target.value })} />
        </Field>
        <Field label="Title" error={errors.title}>
          <Input value={value.title} onChange={(event) => setValue({ ...value, title: event.target.value })} />
        </Field>
        <Field label="Email" error={errors.email}>
          <Input
            type="email"
            value={value.email}
            onChange={(event) => setValue({ ...value, email: event.target.value })}
          />
        </Field>
        <Field label="Reports to" error={errors.reportsToId}>
          <Select
            value={value.reportsToId}
            onChange={(event) => setValue({ ...value, reportsToId: event.target.value })}
          >
            <option value="">Nobody here</option>
            {contacts
              .filter((c) => c.id !== contact?.id)
              .map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
          </Select>
        </Field>
      </div>
      <FormActions
        saveLabel={contact ? "Save contact" : "Add contact"}
        disabled={save.pending || save.conflict !== null}
        onCancel={onDone}
      />
    </form>
  );
}
