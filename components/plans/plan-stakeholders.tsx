"use client";
import { useMutation } from "@tanstack/react-query";
import dynamic from "next/dynamic";
import { useRef, useState } from "react";
import { errorMessage, fieldErrors } from "@/components/trpc/errors";
import { useTRPC } from "@/components/trpc/provider";
import { Alert, Badge, Button, Card, EmptyState, Field, Input, Options, Select } from "@/components/ui";
import { BUYING_ROLES, STANCES } from "@/server/domain/deal-alignment";
import { ROLE_LABELS, STANCE_LABELS } from "@/server/domain/stakeholder-labels";
import type { BuyingRole, Stance } from "@/server/domain/vocabulary";
import { SaveFeedback, describeBy, type Describe } from "./plan-fields";
import type { Members, Plan, PlanTabProps } from "./plan-view";
import { useVersionedForm } from "./use-versioned-form";

type Person = Plan["contacts"][number];

/** The diagram (React Flow + elkjs) is loaded only when the tab is shown. */
const StakeholderDiagram = dynamic(() => import("./stakeholder-diagram").then((m) => m.StakeholderDiagram), {
  ssr: false,
  loading: () => (
    <p role="status" className="text-sm text-slate-500">
      Loading the diagram…
    </p>
  ),
});

type StakeholderValue = Pick<
  Person,
  "buyingRole" | "influence" | "stance" | "personalWin" | "approach" | "relationshipOwnerId"
>;
type StakeholderPatch = Partial<StakeholderValue>;
/** The stakeholder as a stale save's CONFLICT answer carries it (server/trpc/routers/plan-stakeholders.ts). */
type Current = StakeholderValue & { version: number };

function valueOf(person: StakeholderValue): StakeholderValue {
  const { buyingRole, influence, stance, personalWin, approach, relationshipOwnerId } = person;
  return { buyingRole, influence, stance, personalWin, approach, relationshipOwnerId };
}

/** The fields that differ from what the form started from: only they are sent (and re-applied after a conflict). */
function changes(base: StakeholderValue, value: StakeholderValue): StakeholderPatch {
  const keys = (Object.keys(base) as (keyof StakeholderValue)[]).filter((key) => base[key] !== value[key]);
  return Object.fromEntries(keys.map((key) => [key, value[key]]));
}

function describeStakeholder(members: Members): Describe {
  const memberName = new Map(members.map((m) => [m.userId, m.name]));
  return describeBy([], {
    buyingRole: { label: "Buying role", text: (role) => ROLE_LABELS[role as BuyingRole] ?? "Not known" },
    influence: { label: "Influence (1–5)", text: String },
    stance: { label: "Stance", text: (stance) => STANCE_LABELS[stance as Stance] ?? String(stance) },
    personalWin: { label: "Personal win", text: (win) => (win as string) || "—" },
    approach: { label: "Our approach", text: (approach) => (approach as string) || "—" },
    relationshipOwnerId: {
      label: "Relationship owner",
      text: (id) => (id ? (memberName.get(id as string) ?? "a member") : "Nobody"),
    },
  });
}

function StakeholderForm({
  plan,
  person,
  members,
  onDone,
}: {
  plan: Plan;
  person: Person;
  members: Members;
  onDone: () => void;
}) {
  const trpc = useTRPC();
  const firstField = useRef<HTMLSelectElement>(null);
  const set = useMutation(trpc.planStakeholders.set.mutationOptions());
  const { base, version, value, setValue, save, discardMine } = useVersionedForm<
    StakeholderValue,
    Current,
    StakeholderPatch
  >({
    start: () => ({ base: valueOf(person), version: person.version }),
    valueOf,
    save: (from, patch) =>
      set.mutateAsync({
        planId: plan.id,
        contactId: person.contactId,
        version: from,
        ...patch,
      }),
    onDone,
    focus: () => firstField.current?.focus(),
  });
  const errors = fieldErrors(save.error);
  return (
    <form
      aria-label={`Stakeholder ${person.name}`}
      className="space-y-3 rounded-md bg-slate-50 p-3"
      onSubmit={(event) => {
        event.preventDefault();
        const patch = changes(base, value);
        if (version > 0 && Object.keys(patch).length === 0) onDone();
        else void save.submit(version, patch);
      }}
    >
      <SaveFeedback what="stakeholder" save={save} describe={describeStakeholder(members)} onDiscard={discardMine} />
      <div className="grid gap-3 sm:grid-cols-4">
        <Field label="Buying role">
          <Select
            ref={firstField}
            value={value.buyingRole ?? ""}
            onChange={(e) => setValue({ ...value, buyingRole: (e.target.value || null) as Person["buyingRole"] })}
          >
            <option value="">Not known</option>
            <Options values={BUYING_ROLES} label={(r) => ROLE_LABELS[r]} />
          </Select>
        </Field>
        <Field label="Influence (1–5)" error={errors.influence}>
          <Input
            type="number"
            min={1}
            max={5}
            value={value.influence}
            onChange={(e) => setValue({ ...value, influence: Number(e.target.value) })}
          />
        </Field>
        <Field label="Stance">
          <Select
            value={value.stance}
            onChange={(e) => setValue({ ...value, stance: e.target.value as Person["stance"] })}
          >
            <Options values={STANCES} label={(s) => STANCE_LABELS[s]} />
          </Select>
        </Field>
        <Field label="Relationship owner (our side)">
          <Select
            value={value.relationshipOwnerId ?? ""}
            onChange={(e) => setValue({ ...value, relationshipOwnerId: e.target.value || null })}
          >
            <option value="">Nobody</option>
            <Options values={members} id={(m) => m.userId} label={(m) => m.name} />
          </Select>
        </Field>
      </div>
      <div className="grid gap-3 sm:grid-cols-2">
        <Field label="Personal win" error={errors.personalWin} hint="What this person gains if the project succeeds.">
          <Input value={value.personalWin} onChange={(e) => setValue({ ...value, personalWin: e.target.value })} />
        </Field>
        <Field label="Our approach" error={errors.approach}>
          <Input value={value.approach} onChange={(e) => setValue({ ...value, approach: e.target.value })} />
        </Field>
      </div>
      <div className="flex gap-2">
        <Button type="submit" disabled={save.pending}>
          Save stakeholder
        </Button>
        <Button variant="ghost" onClick={onDone}>
          Cancel
        </Button>
      </div>
    </form>
  );
}

export function PlanStakeholders({ plan, canEdit, refresh, members }: PlanTabProps) {
  const trpc = useTRPC();
  const [editing, setEditing] = useState<string | null>(null);
  const reportsTo = useMutation(trpc.planStakeholders.setReportsTo.mutationOptions({ onSettled: refresh }));
  const moveUnder = (contactId: string, reportsToId: string | null) =>
    reportsTo.mutate({ planId: plan.id, contactId, reportsToId });
  const gapsOf = (contactId: string) => plan.gaps.filter((gap) => gap.contactId === contactId);
  return (
    <div className="space-y-6">
      <Card title="Coverage gaps">
        {plan.gaps.length === 0 ? (
          <p className="text-sm text-slate-600">No gaps: every key person is covered.</p>
        ) : (
          <ul className="list-inside list-disc space-y-1 text-sm text-red-800" aria-label="Coverage gaps">
            {plan.gaps.map((gap, index) => (
              <li key={index}>{gap.message}</li>
            ))}
          </ul>
        )}
      </Card>
      {reportsTo.error ? <Alert>{errorMessage(reportsTo.error)}</Alert> : null}
      {plan.contacts.length === 0 ? (
        <EmptyState title="No contacts on this account yet">Add the account’s contacts on the account page.</EmptyState>
      ) : (
        <>
          <Card title="Org chart">
            <StakeholderDiagram contacts={plan.contacts} gaps={plan.gaps} canEdit={canEdit} onMoveUnder={moveUnder} />
          </Card>
          <Card title="Stakeholders">
            <ul className="divide-y divide-slate-100" aria-label="Stakeholders">
              {plan.contacts.map((person) => (
                <li key={person.contactId} className="space-y-2 py-3">
                  <div className="flex flex-wrap items-start justify-between gap-3">
                    <div>
                      <p className="font-medium text-slate-900">
                        {person.name} {person.title ? <span className="text-slate-500">· {person.title}</span> : null}
                      </p>
                      {person.onMap ? (
                        <p className="flex flex-wrap gap-1 text-xs">
                          {person.buyingRole ? <Badge tone="brand">{ROLE_LABELS[person.buyingRole]}</Badge> : null}
                          <Badge>Influence {person.influence}/5</Badge>
                          <Badge
                            tone={
                              person.stance === "opponent" ? "red" : person.stance === "supporter" ? "green" : "slate"
                            }
                          >
                            {STANCE_LABELS[person.stance]}
                          </Badge>
                          <span className="text-slate-600">
                            Personal win: {person.personalWin || "unknown"} · Relationship:{" "}
                            {person.relationshipOwnerName ?? "nobody"}
                          </span>
                        </p>
                      ) : (
                        <p className="text-xs text-slate-500">Not on the map yet.</p>
                      )}
                      {gapsOf(person.contactId).map((gap) => (
                        <p key={gap.kind} className="text-xs font-medium text-red-700">
                          Gap: {gap.message}
                        </p>
                      ))}
                    </div>
                    <div className="flex items-end gap-2">
                      <Field label={`${person.name} reports to`}>
                        <Select
                          value={person.reportsToId ?? ""}
                          disabled={!canEdit || reportsTo.isPending}
                          onChange={(e) => moveUnder(person.contactId, e.target.value || null)}
                        >
                          <option value="">Nobody (top of the chart)</option>
                          {plan.contacts
                            .filter((other) => other.contactId !== person.contactId)
                            .map((other) => (
                              <option key={other.contactId} value={other.contactId}>
                                {other.name}
                              </option>
                            ))}
                        </Select>
                      </Field>
                      {canEdit && editing !== person.contactId ? (
                        <Button variant="secondary" onClick={() => setEditing(person.contactId)}>
                          {person.onMap ? "Edit" : "Add to map"}
                        </Button>
                      ) : null}
                    </div>
                  </div>
                  {editing === person.contactId ? (
                    <StakeholderForm
                      plan={plan}
                      person={person}
                      members={members}
                      onDone={() => {
                        setEditing(null);
                        refresh();
                      }}
                    />
                  ) : null}
                </li>
              ))}
            </ul>
          </Card>
        </>
      )}
    </div>
  );
}
