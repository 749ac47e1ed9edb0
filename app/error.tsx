"use client";
import { ErrorPanel } from "@/components/error-panel";

export default function RootError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main className="px-4 py-24">
      <ErrorPanel reset={reset} />
    </main>
  );
}
