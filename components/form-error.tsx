import { errorMessage, fieldErrors } from "./trpc/errors";
import { Alert } from "./ui";

/**
 * A form's error that belongs to no single field (field errors show next to their fields instead):
 * e.g. "This person is already a member".
 */
export function FormError({ error, className }: { error: unknown; className?: string }) {
  if (!error || Object.keys(fieldErrors(error)).length > 0) return null;
  return (
    <div className={className}>
      <Alert>{errorMessage(error)}</Alert>
    </div>
  );
}
