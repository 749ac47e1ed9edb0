CREATE TABLE "plan_problem_deals" (
	"org_id" uuid NOT NULL,
	"problem_id" uuid NOT NULL,
	"deal_id" uuid NOT NULL,
	CONSTRAINT "plan_problem_deals_org_id_problem_id_deal_id_pk" PRIMARY KEY("org_id","problem_id","deal_id")
);
--> statement-breakpoint
CREATE TABLE "plan_stakeholders" (
	"org_id" uuid NOT NULL,
	"plan_id" uuid NOT NULL,
	"contact_id" uuid NOT NULL,
	"buying_role" "buying_role",
	"influence" integer DEFAULT 3 NOT NULL,
	"stance" "stance" DEFAULT 'unknown' NOT NULL,
	"personal_win" text DEFAULT '' NOT NULL,
	"approach" text DEFAULT '' NOT NULL,
	"relationship_owner_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "plan_stakeholders_org_id_plan_id_contact_id_pk" PRIMARY KEY("org_id","plan_id","contact_id"),
	CONSTRAINT "plan_stakeholders_influence_check" CHECK ("plan_stakeholders"."influence" between 1 and 5)
);
--> statement-breakpoint
CREATE TABLE "plan_step_dependencies" (
	"org_id" uuid NOT NULL,
	"step_id" uuid NOT NULL,
	"depends_on_id" uuid NOT NULL,
	CONSTRAINT "plan_step_dependencies_org_id_step_id_depends_on_id_pk" PRIMARY KEY("org_id","step_id","depends_on_id"),
	CONSTRAINT "plan_step_dependencies_not_self" CHECK ("plan_step_dependencies"."step_id" <> "plan_step_dependencies"."depends_on_id")
);
--> statement-breakpoint
CREATE TABLE "plan_templates" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"steps" jsonb NOT NULL,
	"archived" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "plan_templates_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
ALTER TABLE "account_plans" ADD COLUMN "template_id" uuid;--> statement-breakpoint
ALTER TABLE "account_plans" ADD COLUMN "archived_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "plan_comments" ADD COLUMN "share_link_id" uuid;--> statement-breakpoint
ALTER TABLE "plan_comments" ADD COLUMN "subject_type" text DEFAULT 'plan' NOT NULL;--> statement-breakpoint
ALTER TABLE "plan_comments" ADD COLUMN "subject_id" uuid;--> statement-breakpoint
ALTER TABLE "plan_comments" ADD COLUMN "mentioned_user_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL;--> statement-breakpoint
ALTER TABLE "plan_problems" ADD COLUMN "customer_visible" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "plan_share_links" ADD COLUMN "customer_name" text;--> statement-breakpoint
ALTER TABLE "plan_share_links" ADD COLUMN "open_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "plan_share_links" ADD COLUMN "last_opened_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "plan_steps" ADD COLUMN "completed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "plan_steps" ADD COLUMN "completed_by_link_id" uuid;--> statement-breakpoint
ALTER TABLE "plan_problem_deals" ADD CONSTRAINT "plan_problem_deals_problem_fk" FOREIGN KEY ("org_id","problem_id") REFERENCES "public"."plan_problems"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_problem_deals" ADD CONSTRAINT "plan_problem_deals_deal_fk" FOREIGN KEY ("org_id","deal_id") REFERENCES "public"."deals"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_stakeholders" ADD CONSTRAINT "plan_stakeholders_plan_fk" FOREIGN KEY ("org_id","plan_id") REFERENCES "public"."account_plans"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_stakeholders" ADD CONSTRAINT "plan_stakeholders_contact_fk" FOREIGN KEY ("org_id","contact_id") REFERENCES "public"."contacts"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_stakeholders" ADD CONSTRAINT "plan_stakeholders_owner_fk" FOREIGN KEY ("org_id","relationship_owner_id") REFERENCES "public"."memberships"("org_id","user_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_step_dependencies" ADD CONSTRAINT "plan_step_dependencies_step_fk" FOREIGN KEY ("org_id","step_id") REFERENCES "public"."plan_steps"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_step_dependencies" ADD CONSTRAINT "plan_step_dependencies_depends_on_fk" FOREIGN KEY ("org_id","depends_on_id") REFERENCES "public"."plan_steps"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_templates" ADD CONSTRAINT "plan_templates_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "plan_problem_deals_org_id_deal_id_index" ON "plan_problem_deals" USING btree ("org_id","deal_id");--> statement-breakpoint
CREATE INDEX "plan_stakeholders_org_id_contact_id_index" ON "plan_stakeholders" USING btree ("org_id","contact_id");--> statement-breakpoint
CREATE INDEX "plan_step_dependencies_org_id_depends_on_id_index" ON "plan_step_dependencies" USING btree ("org_id","depends_on_id");--> statement-breakpoint
CREATE UNIQUE INDEX "plan_templates_name_unique" ON "plan_templates" USING btree ("org_id",lower("name"));--> statement-breakpoint
CREATE UNIQUE INDEX "account_plans_one_current_per_account" ON "account_plans" USING btree ("org_id","account_id") WHERE "account_plans"."status" <> 'archived';--> statement-breakpoint
CREATE INDEX "account_plans_org_id_updated_at_id_index" ON "account_plans" USING btree ("org_id","updated_at","id");