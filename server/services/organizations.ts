import { and, asc, eq, inArray, like, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { memberships, organizations } from "@/db/schema";
import { AppError } from "@/server/domain/errors";

/** Which of `userIds` are active members of the organization. */
export async function activeMemberIds(db: Database, orgId: string, userIds: string[]): Promise<Set<string>> {
  const rows = await db
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.orgId, orgId), eq(memberships.status, "active"), inArray(memberships.userId, userIds)));
  return new Set(rows.map((row) => row.userId));
}

export function slugify(name: string): string {
  const slug = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40);
  return slug || "org";
}

/**
 * A slug not yet taken: `acme`, else `acme-2`, `acme-3`, … (privileged connection: sees every org).
 * Call it inside the transaction that inserts the organization: it locks the base slug until that
 * transaction ends, so two sign-ups with the same name never pick the same slug.
 */
export async function uniqueSlug(db: Database, name: string): Promise<string> {
  const base = slugify(name);
  await db.execute(sql`select pg_advisory_xact_lock(hashtext(${`org-slug:${base}`}))`);
  const taken = new Set(
    (
      await db
        .select({ slug: organizations.slug })
        .from(organizations)
        .where(like(organizations.slug, `${base}%`))
    ).map((row) => row.slug),
  );
  if (!taken.has(base)) return base;
  let n = 2;
  while (taken.has(`${base}-${n}`)) n++;
  return `${base}-${n}`;
}

/**
 * An organization must always keep one active admin, or nobody could manage it any more. The active admins'
 * rows are locked (in a fixed order, so no deadlock) until the change commits: otherwise two admins demoting
 * or deactivating each other at the same moment would both see the other one still active.
 */
export async function assertAnotherActiveAdmin(
  db: Database,
  orgId: string,
  userId: string,
  message = "The organization needs at least one active admin.",
) {
  const admins = await db
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.orgId, orgId), eq(memberships.role, "admin"), eq(memberships.status, "active")))
    .orderBy(asc(memberships.userId))
    .for("update");
  if (!admins.some((admin) => admin.userId !== userId)) throw new AppError("CONFLICT", message);
}
