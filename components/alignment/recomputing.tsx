/**
 * What readers show while a strategy change is being worked off in the background (server/services/alignment-queue.ts):
 * a notice over the figures, and a mark on each deal whose stored score is from before the change.
 */
import { Alert } from "@/components/ui";

export function RecomputingNotice({ recomputing }: { recomputing: boolean | undefined }) {
  if (!recomputing) return null;
  return (
    <Alert tone="amber">
      Scores are being recomputed after a strategy change: for a minute or two, some are from before it.
    </Alert>
  );
}

/** Next to a deal's score: the score shown is from before the strategy change. */
export function RecomputingMark({ recomputing }: { recomputing: boolean }) {
  if (!recomputing) return null;
  return (
    <span className="ml-1 text-xs text-amber-800">
      updating…<span className="sr-only"> (score from before the strategy change)</span>
    </span>
  );
}
