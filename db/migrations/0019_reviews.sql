ALTER TABLE "organizations" ADD COLUMN "review_overdue_days" integer DEFAULT 90 NOT NULL;--> statement-breakpoint
ALTER TABLE "review_actions" ADD COLUMN "owner_role" text DEFAULT 'rep' NOT NULL;--> statement-breakpoint
ALTER TABLE "review_actions" ADD COLUMN "done_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "review_actions" ADD COLUMN "goal_id" uuid;--> statement-breakpoint
ALTER TABLE "review_actions" ADD COLUMN "deal_id" uuid;--> statement-breakpoint
ALTER TABLE "review_actions" ADD COLUMN "link_label" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "review_actions" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "review_actions" ADD COLUMN "updated_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "reviews" ADD COLUMN "score" integer;--> statement-breakpoint
ALTER TABLE "reviews" ADD COLUMN "section_notes" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
CREATE INDEX "review_actions_open_by_owner_idx" ON "review_actions" USING btree ("org_id","owner_id","due_on") WHERE not "review_actions"."done";--> statement-breakpoint
CREATE INDEX "reviews_org_id_created_at_id_index" ON "reviews" USING btree ("org_id","created_at","id");--> statement-breakpoint
ALTER TABLE "review_actions" ADD CONSTRAINT "review_actions_owner_role_check" CHECK ("review_actions"."owner_role" in ('manager', 'rep'));--> statement-breakpoint
ALTER TABLE "reviews" ADD CONSTRAINT "reviews_score_check" CHECK ("reviews"."score" is null or "reviews"."score" between 0 and 100);