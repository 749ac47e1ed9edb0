"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { ConfirmButton } from "@/components/confirm-button";
import { errorMessage, fieldErrors } from "@/components/trpc/errors";
import { useTRPC } from "@/components/trpc/provider";
import { Alert, Badge, Button, Card, EmptyState, Field, Input } from "@/components/ui";

function Rename({ id, label, onDone }: { id: string; label: string; onDone: () => void }) {
  const trpc = useTRPC();
  const [value, setValue] = useState(label);
  const rename = useMutation(trpc.reasons.rename.mutationOptions({ onSuccess: onDone }));
  return (
    <form
      className="flex flex-wrap items-start gap-2"
      onSubmit={(event) => {
        event.preventDefault();
        rename.mutate({ reasonId: id, label: value });
      }}
    >
      <Input
        aria-label={`New label for ${label}`}
        value={value}
        onChange={(event) => setValue(event.target.value)}
        maxLength={120}
        autoFocus
      />
      <Button type="submit" disabled={rename.isPending}>
        Save
      </Button>
      <Button variant="ghost" onClick={onDone}>
        Cancel
      </Button>
      {rename.error ? <p className="w-full text-sm text-red-600">{errorMessage(rename.error)}</p> : null}
    </form>
  );
}

export function ReasonsManager({ canManage }: { canManage: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const reasons = useQuery(trpc.reasons.list.queryOptions({ includeArchived: canManage }));
  const refresh = () =>
    queryClient
      .invalidateQueries({ queryKey: trpc.reasons.pathKey() })
      .then(() => queryClient.invalidateQueries({ queryKey: trpc.deals.options.pathKey() }));
  const [label, setLabel] = useState("");
  const [renaming, setRenaming] = useState<string | null>(null);
  const create = useMutation(
    trpc.reasons.create.mutationOptions({
      onSuccess: () => {
        setLabel("");
        void refresh();
      },
    }),
  );
  const archive = useMutation(trpc.reasons.setArchived.mutationOptions({ onSuccess: () => void refresh() }));
  return (
    <div className="space-y-6">
      {canManage ? (
        <Card title="Add a reason">
          <form
            className="flex flex-wrap items-end gap-2"
            onSubmit={(event) => {
              event.preventDefault();
              create.mutate({ label });
            }}
          >
            <div className="min-w-64 flex-1">
              <Field
                label="Label"
                error={fieldErrors(create.error).label ?? (create.error ? errorMessage(create.error) : undefined)}
              >
                <Input value={label} onChange={(event) => setLabel(event.target.value)} maxLength={120} required />
              </Field>
            </div>
            <Button type="submit" disabled={create.isPending}>
              Add reason
            </Button>
          </form>
        </Card>
      ) : null}
      <Card title="Reasons">
        {archive.error ? <Alert>{errorMessage(archive.error)}</Alert> : null}
        {reasons.isPending ? (
          <p className="text-sm text-slate-500" role="status">
            Loading…
          </p>
        ) : reasons.isError ? (
          <Alert>{errorMessage(reasons.error)}</Alert>
        ) : reasons.data.length === 0 ? (
          <EmptyState title="No reasons yet" />
        ) : (
          <ul className="divide-y divide-slate-100">
            {reasons.data.map((reason) => (
              <li key={reason.id} className="flex flex-wrap items-center justify-between gap-3 py-3 text-sm">
                {renaming === reason.id ? (
                  <Rename
                    id={reason.id}
                    label={reason.label}
                    onDone={() => {
                      setRenaming(null);
                      void refresh();
                    }}
                  />
                ) : (
                  <>
                    <span className={reason.archived ? "text-slate-400 line-through" : "font-medium text-slate-900"}>
                      {reason.label}{" "}
                      {reason.suggestedFor === "DISQUALIFY" ? (
                        <Badge tone="red">suggested when there is no problem we can solve</Badge>
                      ) : null}
                      {reason.archived ? <Badge>archived</Badge> : null}
                    </span>
                    <span className="flex items-center gap-2 text-slate-500">
                      {reason.deals} {reason.deals === 1 ? "deal" : "deals"}
                      {canManage ? (
                        <>
                          <Button variant="ghost" onClick={() => setRenaming(reason.id)}>
                            Rename
                          </Button>
                          {reason.archived ? (
                            <Button
                              variant="secondary"
                              onClick={() => archive.mutate({ reasonId: reason.id, archived: false })}
                            >
                              Restore
                            </Button>
                          ) : (
                            <ConfirmButton
                              label="Archive"
                              title={`Archive “${reason.label}”?`}
                              confirmLabel="Archive"
                              onConfirm={() => archive.mutate({ reasonId: reason.id, archived: true })}
                            >
                              It will no longer be offered when disqualifying. The {reason.deals} deals disqualified
                              with it keep it.
                            </ConfirmButton>
                          )}
                        </>
                      ) : null}
                    </span>
                  </>
                )}
              </li>
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}
