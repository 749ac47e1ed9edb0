ALTER TABLE "review_actions" ADD COLUMN "due_soon_reminded_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "review_actions" ADD COLUMN "overdue_reminded_at" timestamp with time zone;