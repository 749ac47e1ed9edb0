"use client";
import { useRouter } from "next/navigation";
import { startTransition } from "react";
import { Button } from "./ui";

/**
 * What a page shows when rendering it failed. The server never sends the reason (it may hold internals);
 * the most common one — the database restarting — fixes itself, so the panel offers to try again.
 */
export function ErrorPanel({ reset }: { reset: () => void }) {
  const router = useRouter();
  return (
    <div role="alert" className="mx-auto max-w-lg rounded-lg bg-white p-8 text-center shadow-sm ring-1 ring-slate-200">
      <h1 className="text-lg font-semibold text-slate-900">This page could not be loaded</h1>
      <p className="mt-2 text-sm text-slate-600">
        Something went wrong on our side — often the database is briefly unavailable and back within seconds. Nothing
        you entered was lost.
      </p>
      <Button
        className="mt-6"
        onClick={() =>
          startTransition(() => {
            router.refresh();
            reset();
          })
        }
      >
        Try again
      </Button>
    </div>
  );
}
