"use client";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useId, useState, type FormEvent } from "react";
import { ConfirmButton } from "@/components/confirm-button";
import { errorMessage, fieldErrors } from "@/components/trpc/errors";
import { useTRPC } from "@/components/trpc/provider";
import { Alert, Badge, Button, Card, EmptyState, Field, Input, Options, Select } from "@/components/ui";
import {
  BUYING_ROLES,
  ROLE_LABELS,
  STANCE_LABELS,
  STANCES,
  type BuyingRole,
  type Stance,
} from "@/server/domain/labels";
import { FormActions } from "@/components/form-actions";

export interface StakeholderView extends Interests {
  id: string;
  contactId: string;
  contactName: string;
  contactTitle: string | null;
  version: number;
}

/** What the stakeholder form edits of a stakeholder. */
interface Interests {
  buyingRole: BuyingRole;
  influence: number;
  stance: Stance;
  personalWin: string;
  businessGoal: string;
  howWeServeIt: string;
}

/** A new stakeholder's interests before anything is typed. */
const NEW_INTERESTS: Interests = {
  buyingRole: "influencer",
  influence: 3,
  stance: "unknown",
  personalWin: "",
  businessGoal: "",
  howWeServeIt: "",
};

const textareaClass =
  "block min-h-16 w-full rounded-md border-0 px-3 py-2 text-sm shadow-sm ring-1 ring-slate-300 focus:ring-2 focus:ring-brand-500";

function InterestFields({
  value,
  onChange,
  errors,
}: {
  value: Interests;
  onChange: (next: Interests) => void;
  errors: Record<string, string>;
}) {
  const set = <K extends keyof Interests>(key: K, v: Interests[K]) => onChange({ ...value, [key]: v });
  const text = (key: "personalWin" | "businessGoal" | "howWeServeIt") => (
    <textarea
      className={textareaClass}
      maxLength={1000}
      value={value[key]}
      onChange={(event) => set(key, event.target.value)}
    />
  );
  return (
    <>
      <div className="grid gap-3 sm:grid-cols-3">
        <Field label="Buying role" error={errors.buyingRole}>
          <Select value={value.buyingRole} onChange={(event) => set("buyingRole", event.target.value as BuyingRole)}>
            <Options values={BUYING_ROLES} label={(role) => ROLE_LABELS[role]} />
          </Select>
        </Field>
        <Field label="Influence (1–5)" error={errors.influence}>
          <Select value={value.influence} onChange={(event) => set("influence", Number(event.target.value))}>
            <Options values={[1, 2, 3, 4, 5]} />
          </Select>
        </Field>
        <Field label="Stance" error={errors.stance}>
          <Select value={value.stance} onChange={(event) => set("stance", event.target.value as Stance)}>
            <Options values={STANCES} label={(stance) => STANCE_LABELS[stance]} />
          </Select>
        </Field>
      </div>
      <Field
        label="Personal win (what is in it for them)"
        error={errors.personalWin}
        hint="A promotion, less risk, a visible success…"
      >
        {text("personalWin")}
      </Field>
      <div className="grid gap-3 sm:grid-cols-2">
        <Field label="Their business goal" error={errors.businessGoal}>
          {text("businessGoal")}
        </Field>
        <Field label="How we serve it" error={errors.howWeServeIt}>
          {text("howWeServeIt")}
        </Field>
      </div>
    </>
  );
}

function Influence({ value }: { value: number }) {
  return (
    <span className="inline-flex gap-0.5" role="img" aria-label={`Influence ${value} of 5`}>
      {[1, 2, 3, 4, 5].map((n) => (
        <span key={n} aria-hidden className={`size-2 rounded-full ${n <= value ? "bg-brand-600" : "bg-slate-200"}`} />
      ))}
    </span>
  );
}

function EditStakeholder({
  stakeholder,
  onDone,
  onCancel,
}: {
  stakeholder: StakeholderView;
  onDone: () => void;
  onCancel: () => void;
}) {
  const trpc = useTRPC();
  const [value, setValue] = useState<Interests>(stakeholder);
  const update = useMutation(trpc.stakeholders.update.mutationOptions({ onSuccess: onDone }));
  const conflict = update.error && (update.error as { data?: { code?: string } }).data?.code === "CONFLICT";
  return (
    <form
      className="space-y-3 rounded-md bg-slate-50 p-3"
      aria-label={`Edit ${stakeholder.contactName}`}
      onSubmit={(event) => {
        event.preventDefault();
        update.mutate({ stakeholderId: stakeholder.id, version: stakeholder.version, ...value });
      }}
    >
      {update.error ? (
        <Alert>
          {conflict
            ? "Someone else changed this stakeholder while you were editing. Cancel to see their version, then edit again."
            : errorMessage(update.error)}
        </Alert>
      ) : null}
      <InterestFields value={value} onChange={setValue} errors={fieldErrors(update.error)} />
      <FormActions saveLabel={update.isPending ? "Saving…" : "Save"} disabled={update.isPending} onCancel={onCancel} />
    </form>
  );
}

function AddStakeholder({
  dealId,
  accountId,
  taken,
  onDone,
}: {
  dealId: string;
  accountId: string;
  taken: Set<string>;
  onDone: () => void;
}) {
  const trpc = useTRPC();
  const contacts = useQuery(trpc.contacts.list.queryOptions({ accountId }));
  const [contactId, setContactId] = useState("");
  const [contact, setContact] = useState({ name: "", title: "", email: "" });
  const [value, setValue] = useState<Interests>(NEW_INTERESTS);
  const add = useMutation(
    trpc.stakeholders.add.mutationOptions({
      onSuccess: () => {
        setContactId("");
        setContact({ name: "", title: "", email: "" });
        setValue(NEW_INTERESTS);
        onDone();
      },
    }),
  );
  const errors = fieldErrors(add.error);
  const available = (contacts.data ?? []).filter((c) => !taken.has(c.id));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (contactId === "new")
      add.mutate({
        dealId,
        contact: { name: contact.name, title: contact.title || null, email: contact.email || null },
        ...value,
      });
    else if (contactId) add.mutate({ dealId, contactId, ...value });
  };
  return (
    <form className="space-y-3" aria-label="Add a stakeholder" onSubmit={submit}>
      <h3 className="text-sm font-semibold text-slate-800">Add a stakeholder</h3>
      {add.error ? <Alert>{errorMessage(add.error)}</Alert> : null}
      <Field label="Contact" error={errors.contactId}>
        <Select required value={contactId} onChange={(event) => setContactId(event.target.value)}>
          <option value="" disabled>
            {contacts.isPending ? "Loading contacts…" : "Choose a contact of the account…"}
          </option>
          {available.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
              {c.title ? ` — ${c.title}` : ""}
            </option>
          ))}
          <option value="new">New contact…</option>
        </Select>
      </Field>
      {contactId === "new" ? (
        <div className="grid gap-3 sm:grid-cols-3">
          <Field label="Name" error={errors["contact.name"]}>
            <Input
              required
              value={contact.name}
              onChange={(event) => setContact({ ...contact, name: event.target.value })}
            />
          </Field>
          <Field label="Title">
            <Input value={contact.title} onChange={(event) => setContact({ ...contact, title: event.target.value })} />
          </Field>
          <Field label="Email">
            <Input
              type="email"
              value={contact.email}
              onChange={(event) => setContact({ ...contact, email: event.target.value })}
            />
          </Field>
        </div>
      ) : null}
      <InterestFields value={value} onChange={setValue} errors={errors} />
      <Button type="submit" disabled={!contactId || add.isPending}>
        {add.isPending ? "Adding…" : "Add stakeholder"}
      </Button>
    </form>
  );
}

/** The buying side: each person's role, influence, stance and personal win; editable by the deal's editors. */
export function StakeholderMap({
  dealId,
  accountId,
  stakeholders,
  canEdit,
  onChanged,
}: {
  dealId: string;
  accountId: string;
  stakeholders: StakeholderView[];
  canEdit: boolean;
  onChanged: () => void;
}) {
  const trpc = useTRPC();
  const [editing, setEditing] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const remove = useMutation(trpc.stakeholders.remove.mutationOptions({ onSuccess: onChanged }));
  const headingId = useId();
  return (
    <Card
      title={<span id={headingId}>Stakeholder map</span>}
      actions={
        canEdit && !adding ? (
          <Button variant="secondary" onClick={() => setAdding(true)}>
            Add stakeholder
          </Button>
        ) : null
      }
    >
      {remove.error ? <Alert>{errorMessage(remove.error)}</Alert> : null}
      {stakeholders.length === 0 ? (
        <EmptyState title="Nobody on the buying side yet">
          Add the economic buyer, your champion and anyone who can block the deal.
        </EmptyState>
      ) : (
        <ul className="divide-y divide-slate-100" aria-labelledby={headingId}>
          {stakeholders.map((person) => (
            <li key={person.id} className="py-3" data-testid={`stakeholder-${person.contactName}`}>
              {editing === person.id ? (
                <EditStakeholder
                  stakeholder={person}
                  onCancel={() => {
                    setEditing(null);
                    onChanged();
                  }}
                  onDone={() => {
                    setEditing(null);
                    onChanged();
                  }}
                />
              ) : (
                <div className="grid gap-2 sm:grid-cols-[14rem_1fr_auto]">
                  <div>
                    <p className="font-medium text-slate-900">{person.contactName}</p>
                    <p className="text-xs text-slate-500">{person.contactTitle ?? ""}</p>
                    <div className="mt-1 flex flex-wrap items-center gap-2">
                      <Badge
                        tone={
                          person.buyingRole === "blocker"
                            ? "red"
                            : person.buyingRole === "economic_buyer" || person.buyingRole === "champion"
                              ? "brand"
                              : "slate"
                        }
                      >
                        {ROLE_LABELS[person.buyingRole]}
                      </Badge>
                      <Influence value={person.influence} />
                      <span className="text-xs text-slate-600">{STANCE_LABELS[person.stance]}</span>
                    </div>
                  </div>
                  <dl className="grid gap-1 text-sm sm:grid-cols-[8rem_1fr]">
                    <dt className="text-slate-500">Personal win</dt>
                    <dd className={person.personalWin ? "text-slate-800" : "text-amber-700"}>
                      {person.personalWin || "Unknown — what is in it for them?"}
                    </dd>
                    <dt className="text-slate-500">Business goal</dt>
                    <dd className="text-slate-800">{person.businessGoal || "—"}</dd>
                    <dt className="text-slate-500">How we serve it</dt>
                    <dd className="text-slate-800">{person.howWeServeIt || "—"}</dd>
                  </dl>
                  {canEdit ? (
                    <div className="flex items-start gap-2">
                      <Button
                        variant="secondary"
                        onClick={() => setEditing(person.id)}
                        aria-label={`Edit ${person.contactName}`}
                      >
                        Edit
                      </Button>
                      <ConfirmButton
                        label="Remove"
                        title={`Remove ${person.contactName} from this deal?`}
                        confirmLabel="Remove"
                        onConfirm={() => remove.mutate({ stakeholderId: person.id })}
                      >
                        They stay a contact of the account; only their place on this deal goes.
                      </ConfirmButton>
                    </div>
                  ) : null}
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
      {canEdit && adding ? (
        <div className="mt-4 border-t border-slate-100 pt-4">
          <AddStakeholder
            dealId={dealId}
            accountId={accountId}
            taken={new Set(stakeholders.map((s) => s.contactId))}
            onDone={() => {
              setAdding(false);
              onChanged();
            }}
          />
          <Button variant="ghost" className="mt-2" onClick={() => setAdding(false)}>
            Cancel
          </Button>
        </div>
      ) : null}
    </Card>
  );
}
