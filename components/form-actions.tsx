import { Button } from "@/components/ui";

/** A form's submit button (disabled while saving) and its Cancel button, in that order. */
export function FormActions({
  saveLabel,
  disabled,
  onCancel,
}: {
  saveLabel: string;
  disabled: boolean;
  onCancel: () => void;
}) {
  return (
    <div className="flex gap-2">
      <Button type="submit" disabled={disabled}>
        {saveLabel}
      </Button>
      <Button variant="secondary" onClick={onCancel}>
        Cancel
      </Button>
    </div>
  );
}
