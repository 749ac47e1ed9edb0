import { Badge, Button } from "@/components/ui";
import { signOutAction } from "@/server/actions/sign-out";

export function UserMenu({
  name,
  email,
  role,
  compact,
}: {
  name: string;
  email: string;
  role: string;
  compact?: boolean;
}) {
  const signOutButton = (
    <form action={signOutAction}>
      <Button type="submit" variant="ghost" className="w-full justify-start">
        Sign out
      </Button>
    </form>
  );
  if (compact) return signOutButton;
  return (
    <div className="space-y-2">
      <div className="px-2">
        <p className="truncate text-sm font-medium text-slate-900">{name}</p>
        <p className="truncate text-xs text-slate-500">{email}</p>
        <div className="mt-1">
          <Badge tone="brand">{role}</Badge>
        </div>
      </div>
      {signOutButton}
    </div>
  );
}
