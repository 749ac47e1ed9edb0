"use client";
import { useRef, type ReactNode } from "react";
import { Button } from "./ui";

/**
 * A button that asks before doing something destructive. Uses the native <dialog>: focus is trapped,
 * Escape cancels, and the confirm button is focused first.
 */
export function ConfirmButton({
  label,
  title,
  children,
  confirmLabel,
  onConfirm,
  disabled,
  variant = "secondary",
}: {
  label: ReactNode;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  disabled?: boolean;
  variant?: "secondary" | "danger" | "ghost";
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  return (
    <>
      <Button variant={variant} disabled={disabled} onClick={() => dialog.current?.showModal()}>
        {label}
      </Button>
      <dialog ref={dialog} className="m-auto w-full max-w-md rounded-lg p-0 shadow-xl" aria-labelledby={undefined}>
        <form
          method="dialog"
          className="space-y-4 p-6"
          onSubmit={(event) => {
            if ((event.nativeEvent as SubmitEvent).submitter?.getAttribute("value") === "confirm") onConfirm();
          }}
        >
          <h2 className="text-lg font-semibold wrap-anywhere text-slate-900">{title}</h2>
          <div className="text-sm text-slate-600">{children}</div>
          <div className="flex justify-end gap-2">
            <Button type="submit" variant="secondary" value="cancel">
              Cancel
            </Button>
            <Button type="submit" variant="danger" value="confirm" autoFocus>
              {confirmLabel}
            </Button>
          </div>
        </form>
      </dialog>
    </>
  );
}
