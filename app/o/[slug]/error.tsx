"use client";
import { ErrorPanel } from "@/components/error-panel";

/** Inside the organization's shell: the navigation stays usable when one page fails. */
export default function OrgPageError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <ErrorPanel reset={reset} />;
}
