CREATE TYPE "public"."buying_role" AS ENUM('economic_buyer', 'decision_maker', 'champion', 'influencer', 'technical_buyer', 'user', 'blocker');--> statement-breakpoint
CREATE TYPE "public"."deal_stage" AS ENUM('prospecting', 'qualification', 'discovery', 'proposal', 'negotiation', 'closed_won', 'closed_lost', 'disqualified');--> statement-breakpoint
CREATE TYPE "public"."focus_dimension" AS ENUM('industry', 'segment', 'region', 'product');--> statement-breakpoint
CREATE TYPE "public"."goal_category" AS ENUM('quota', 'commission', 'promotion', 'skill', 'account', 'other');--> statement-breakpoint
CREATE TYPE "public"."goal_visibility" AS ENUM('private', 'manager', 'team');--> statement-breakpoint
CREATE TYPE "public"."membership_status" AS ENUM('active', 'deactivated');--> statement-breakpoint
CREATE TYPE "public"."plan_access" AS ENUM('owner', 'editor', 'viewer');--> statement-breakpoint
CREATE TYPE "public"."plan_problem_status" AS ENUM('open', 'addressed', 'parked');--> statement-breakpoint
CREATE TYPE "public"."plan_side" AS ENUM('us', 'customer');--> statement-breakpoint
CREATE TYPE "public"."plan_status" AS ENUM('draft', 'active', 'archived');--> statement-breakpoint
CREATE TYPE "public"."plan_step_status" AS ENUM('open', 'done');--> statement-breakpoint
CREATE TYPE "public"."problem_fit" AS ENUM('yes', 'partly', 'no', 'unknown');--> statement-breakpoint
CREATE TYPE "public"."review_status" AS ENUM('draft', 'shared', 'acknowledged', 'closed');--> statement-breakpoint
CREATE TYPE "public"."role" AS ENUM('admin', 'manager', 'rep', 'viewer');--> statement-breakpoint
CREATE TYPE "public"."stance" AS ENUM('supporter', 'neutral', 'skeptic', 'opponent', 'unknown');--> statement-breakpoint
CREATE TYPE "public"."strategy_status" AS ENUM('draft', 'active', 'archived');--> statement-breakpoint
CREATE TABLE "account_plans" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"title" text NOT NULL,
	"customer_objectives" text DEFAULT '' NOT NULL,
	"status" "plan_status" DEFAULT 'draft' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "account_plans_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "accounts" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"name" text NOT NULL,
	"domain" text,
	"industry" text,
	"segment" text,
	"region" text,
	"owner_id" uuid,
	"team_id" uuid,
	"external_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "accounts_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "audit_events" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"actor_id" uuid,
	"action" text NOT NULL,
	"entity_type" text NOT NULL,
	"entity_id" uuid,
	"before" jsonb,
	"after" jsonb,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "audit_events_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "contacts" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"name" text NOT NULL,
	"title" text,
	"email" text,
	"reports_to_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "contacts_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "deal_goals" (
	"org_id" uuid NOT NULL,
	"deal_id" uuid NOT NULL,
	"goal_id" uuid NOT NULL,
	CONSTRAINT "deal_goals_org_id_deal_id_goal_id_pk" PRIMARY KEY("org_id","deal_id","goal_id")
);
--> statement-breakpoint
CREATE TABLE "deal_objectives" (
	"org_id" uuid NOT NULL,
	"deal_id" uuid NOT NULL,
	"objective_id" uuid NOT NULL,
	CONSTRAINT "deal_objectives_org_id_deal_id_objective_id_pk" PRIMARY KEY("org_id","deal_id","objective_id")
);
--> statement-breakpoint
CREATE TABLE "deals" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"name" text NOT NULL,
	"amount" numeric(14, 2) DEFAULT '0' NOT NULL,
	"currency" char(3) DEFAULT 'USD' NOT NULL,
	"stage" "deal_stage" DEFAULT 'prospecting' NOT NULL,
	"close_date" date,
	"owner_id" uuid NOT NULL,
	"team_id" uuid,
	"product" text,
	"customer_problem" text DEFAULT '' NOT NULL,
	"problem_fit" "problem_fit" DEFAULT 'unknown' NOT NULL,
	"disqualified_reason" text,
	"disqualified_note" text,
	"external_id" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "deals_org_id_id_pk" PRIMARY KEY("org_id","id"),
	CONSTRAINT "deals_amount_check" CHECK ("deals"."amount" >= 0)
);
--> statement-breakpoint
CREATE TABLE "goal_objective_links" (
	"org_id" uuid NOT NULL,
	"goal_id" uuid NOT NULL,
	"objective_id" uuid NOT NULL,
	"strength" integer NOT NULL,
	CONSTRAINT "goal_objective_links_org_id_goal_id_objective_id_pk" PRIMARY KEY("org_id","goal_id","objective_id"),
	CONSTRAINT "goal_links_strength_check" CHECK ("goal_objective_links"."strength" between 1 and 3)
);
--> statement-breakpoint
CREATE TABLE "goals" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"strategy_id" uuid NOT NULL,
	"category" "goal_category" NOT NULL,
	"title" text NOT NULL,
	"target" numeric(14, 2),
	"unit" text DEFAULT '' NOT NULL,
	"current_value" numeric(14, 2) DEFAULT '0' NOT NULL,
	"importance" integer DEFAULT 2 NOT NULL,
	"visibility" "goal_visibility" DEFAULT 'manager' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "goals_org_id_id_pk" PRIMARY KEY("org_id","id"),
	CONSTRAINT "goals_importance_check" CHECK ("goals"."importance" between 1 and 3),
	CONSTRAINT "goals_target_check" CHECK ("goals"."target" is null or "goals"."target" >= 0)
);
--> statement-breakpoint
CREATE TABLE "invitations" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"email" text NOT NULL,
	"role" "role" NOT NULL,
	"team_id" uuid,
	"token_hash" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"accepted_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	"invited_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "invitations_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "memberships" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"role" "role" NOT NULL,
	"status" "membership_status" DEFAULT 'active' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "memberships_org_id_id_pk" PRIMARY KEY("org_id","id"),
	CONSTRAINT "memberships_org_user_unique" UNIQUE("org_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "objective_focus" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"objective_id" uuid NOT NULL,
	"dimension" "focus_dimension" NOT NULL,
	"value" text NOT NULL,
	CONSTRAINT "objective_focus_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "objectives" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"strategy_id" uuid NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"weight" integer NOT NULL,
	"owner_id" uuid,
	"position" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "objectives_org_id_id_pk" PRIMARY KEY("org_id","id"),
	CONSTRAINT "objectives_weight_check" CHECK ("objectives"."weight" between 0 and 100)
);
--> statement-breakpoint
CREATE TABLE "organizations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"slug" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "organizations_slug_unique" UNIQUE("slug")
);
--> statement-breakpoint
CREATE TABLE "plan_collaborators" (
	"org_id" uuid NOT NULL,
	"plan_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"access" "plan_access" NOT NULL,
	CONSTRAINT "plan_collaborators_org_id_plan_id_user_id_pk" PRIMARY KEY("org_id","plan_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "plan_comments" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"plan_id" uuid NOT NULL,
	"author_id" uuid,
	"guest_name" text,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "plan_comments_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "plan_problems" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"plan_id" uuid NOT NULL,
	"problem" text NOT NULL,
	"solution" text DEFAULT '' NOT NULL,
	"impact" text DEFAULT '' NOT NULL,
	"status" "plan_problem_status" DEFAULT 'open' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "plan_problems_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "plan_share_links" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"plan_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "plan_share_links_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "plan_steps" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"plan_id" uuid NOT NULL,
	"title" text NOT NULL,
	"side" "plan_side" NOT NULL,
	"owner_name" text DEFAULT '' NOT NULL,
	"due_on" date,
	"status" "plan_step_status" DEFAULT 'open' NOT NULL,
	"customer_visible" boolean DEFAULT true NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "plan_steps_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "review_actions" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"review_id" uuid NOT NULL,
	"text" text NOT NULL,
	"owner_id" uuid,
	"due_on" date,
	"done" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "review_actions_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "reviews" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"subject_id" uuid NOT NULL,
	"reviewer_id" uuid NOT NULL,
	"strategy_id" uuid NOT NULL,
	"status" "review_status" DEFAULT 'draft' NOT NULL,
	"snapshot" jsonb,
	"manager_notes" text DEFAULT '' NOT NULL,
	"rep_notes" text DEFAULT '' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"shared_at" timestamp with time zone,
	"acknowledged_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reviews_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "sign_in_failures" (
	"id" uuid PRIMARY KEY NOT NULL,
	"key" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stakeholders" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"deal_id" uuid NOT NULL,
	"contact_id" uuid NOT NULL,
	"buying_role" "buying_role" NOT NULL,
	"influence" integer DEFAULT 3 NOT NULL,
	"stance" "stance" DEFAULT 'unknown' NOT NULL,
	"personal_win" text DEFAULT '' NOT NULL,
	"business_goal" text DEFAULT '' NOT NULL,
	"how_we_serve_it" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "stakeholders_org_id_id_pk" PRIMARY KEY("org_id","id"),
	CONSTRAINT "stakeholders_deal_contact_unique" UNIQUE("org_id","deal_id","contact_id"),
	CONSTRAINT "stakeholders_influence_check" CHECK ("stakeholders"."influence" between 1 and 5)
);
--> statement-breakpoint
CREATE TABLE "strategies" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"name" text NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"status" "strategy_status" DEFAULT 'draft' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "strategies_org_id_id_pk" PRIMARY KEY("org_id","id"),
	CONSTRAINT "strategies_period_check" CHECK ("strategies"."ends_on" >= "strategies"."starts_on")
);
--> statement-breakpoint
CREATE TABLE "team_members" (
	"org_id" uuid NOT NULL,
	"team_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"is_manager" boolean DEFAULT false NOT NULL,
	CONSTRAINT "team_members_org_id_team_id_user_id_pk" PRIMARY KEY("org_id","team_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "teams" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"name" text NOT NULL,
	"parent_team_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "teams_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY NOT NULL,
	"email" text NOT NULL,
	"name" text NOT NULL,
	"password_hash" text NOT NULL,
	"session_version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_email_unique" UNIQUE("email")
);
--> statement-breakpoint
ALTER TABLE "account_plans" ADD CONSTRAINT "account_plans_account_fk" FOREIGN KEY ("org_id","account_id") REFERENCES "public"."accounts"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "accounts" ADD CONSTRAINT "accounts_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "accounts" ADD CONSTRAINT "accounts_owner_fk" FOREIGN KEY ("org_id","owner_id") REFERENCES "public"."memberships"("org_id","user_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "accounts" ADD CONSTRAINT "accounts_team_fk" FOREIGN KEY ("org_id","team_id") REFERENCES "public"."teams"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_events" ADD CONSTRAINT "audit_events_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_account_fk" FOREIGN KEY ("org_id","account_id") REFERENCES "public"."accounts"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_reports_to_fk" FOREIGN KEY ("org_id","reports_to_id") REFERENCES "public"."contacts"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deal_goals" ADD CONSTRAINT "deal_goals_deal_fk" FOREIGN KEY ("org_id","deal_id") REFERENCES "public"."deals"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deal_goals" ADD CONSTRAINT "deal_goals_goal_fk" FOREIGN KEY ("org_id","goal_id") REFERENCES "public"."goals"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deal_objectives" ADD CONSTRAINT "deal_objectives_deal_fk" FOREIGN KEY ("org_id","deal_id") REFERENCES "public"."deals"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deal_objectives" ADD CONSTRAINT "deal_objectives_objective_fk" FOREIGN KEY ("org_id","objective_id") REFERENCES "public"."objectives"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deals" ADD CONSTRAINT "deals_account_fk" FOREIGN KEY ("org_id","account_id") REFERENCES "public"."accounts"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deals" ADD CONSTRAINT "deals_owner_fk" FOREIGN KEY ("org_id","owner_id") REFERENCES "public"."memberships"("org_id","user_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deals" ADD CONSTRAINT "deals_team_fk" FOREIGN KEY ("org_id","team_id") REFERENCES "public"."teams"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "goal_objective_links" ADD CONSTRAINT "goal_links_goal_fk" FOREIGN KEY ("org_id","goal_id") REFERENCES "public"."goals"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "goal_objective_links" ADD CONSTRAINT "goal_links_objective_fk" FOREIGN KEY ("org_id","objective_id") REFERENCES "public"."objectives"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "goals" ADD CONSTRAINT "goals_user_fk" FOREIGN KEY ("org_id","user_id") REFERENCES "public"."memberships"("org_id","user_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "goals" ADD CONSTRAINT "goals_strategy_fk" FOREIGN KEY ("org_id","strategy_id") REFERENCES "public"."strategies"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_org_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_team_fk" FOREIGN KEY ("org_id","team_id") REFERENCES "public"."teams"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_inviter_fk" FOREIGN KEY ("org_id","invited_by") REFERENCES "public"."memberships"("org_id","user_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "objective_focus" ADD CONSTRAINT "objective_focus_objective_fk" FOREIGN KEY ("org_id","objective_id") REFERENCES "public"."objectives"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "objectives" ADD CONSTRAINT "objectives_strategy_fk" FOREIGN KEY ("org_id","strategy_id") REFERENCES "public"."strategies"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "objectives" ADD CONSTRAINT "objectives_owner_fk" FOREIGN KEY ("org_id","owner_id") REFERENCES "public"."memberships"("org_id","user_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_collaborators" ADD CONSTRAINT "plan_collaborators_plan_fk" FOREIGN KEY ("org_id","plan_id") REFERENCES "public"."account_plans"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_collaborators" ADD CONSTRAINT "plan_collaborators_user_fk" FOREIGN KEY ("org_id","user_id") REFERENCES "public"."memberships"("org_id","user_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_comments" ADD CONSTRAINT "plan_comments_plan_fk" FOREIGN KEY ("org_id","plan_id") REFERENCES "public"."account_plans"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_comments" ADD CONSTRAINT "plan_comments_author_fk" FOREIGN KEY ("org_id","author_id") REFERENCES "public"."memberships"("org_id","user_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_problems" ADD CONSTRAINT "plan_problems_plan_fk" FOREIGN KEY ("org_id","plan_id") REFERENCES "public"."account_plans"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_share_links" ADD CONSTRAINT "plan_share_links_plan_fk" FOREIGN KEY ("org_id","plan_id") REFERENCES "public"."account_plans"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_share_links" ADD CONSTRAINT "plan_share_links_creator_fk" FOREIGN KEY ("org_id","created_by") REFERENCES "public"."memberships"("org_id","user_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_steps" ADD CONSTRAINT "plan_steps_plan_fk" FOREIGN KEY ("org_id","plan_id") REFERENCES "public"."account_plans"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_actions" ADD CONSTRAINT "review_actions_review_fk" FOREIGN KEY ("org_id","review_id") REFERENCES "public"."reviews"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_actions" ADD CONSTRAINT "review_actions_owner_fk" FOREIGN KEY ("org_id","owner_id") REFERENCES "public"."memberships"("org_id","user_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reviews" ADD CONSTRAINT "reviews_subject_fk" FOREIGN KEY ("org_id","subject_id") REFERENCES "public"."memberships"("org_id","user_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reviews" ADD CONSTRAINT "reviews_reviewer_fk" FOREIGN KEY ("org_id","reviewer_id") REFERENCES "public"."memberships"("org_id","user_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reviews" ADD CONSTRAINT "reviews_strategy_fk" FOREIGN KEY ("org_id","strategy_id") REFERENCES "public"."strategies"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stakeholders" ADD CONSTRAINT "stakeholders_deal_fk" FOREIGN KEY ("org_id","deal_id") REFERENCES "public"."deals"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stakeholders" ADD CONSTRAINT "stakeholders_contact_fk" FOREIGN KEY ("org_id","contact_id") REFERENCES "public"."contacts"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "strategies" ADD CONSTRAINT "strategies_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_members" ADD CONSTRAINT "team_members_team_fk" FOREIGN KEY ("org_id","team_id") REFERENCES "public"."teams"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_members" ADD CONSTRAINT "team_members_member_fk" FOREIGN KEY ("org_id","user_id") REFERENCES "public"."memberships"("org_id","user_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "teams" ADD CONSTRAINT "teams_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "teams" ADD CONSTRAINT "teams_parent_fk" FOREIGN KEY ("org_id","parent_team_id") REFERENCES "public"."teams"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "account_plans_org_id_account_id_index" ON "account_plans" USING btree ("org_id","account_id");--> statement-breakpoint
CREATE INDEX "accounts_org_id_name_index" ON "accounts" USING btree ("org_id","name");--> statement-breakpoint
CREATE INDEX "accounts_org_id_owner_id_index" ON "accounts" USING btree ("org_id","owner_id");--> statement-breakpoint
CREATE UNIQUE INDEX "accounts_org_id_external_id_index" ON "accounts" USING btree ("org_id","external_id");--> statement-breakpoint
CREATE INDEX "audit_events_org_id_at_index" ON "audit_events" USING btree ("org_id","at");--> statement-breakpoint
CREATE INDEX "audit_events_org_id_entity_type_entity_id_index" ON "audit_events" USING btree ("org_id","entity_type","entity_id");--> statement-breakpoint
CREATE INDEX "contacts_org_id_account_id_index" ON "contacts" USING btree ("org_id","account_id");--> statement-breakpoint
CREATE INDEX "deal_goals_org_id_goal_id_index" ON "deal_goals" USING btree ("org_id","goal_id");--> statement-breakpoint
CREATE INDEX "deal_objectives_org_id_objective_id_index" ON "deal_objectives" USING btree ("org_id","objective_id");--> statement-breakpoint
CREATE INDEX "deals_org_id_owner_id_stage_index" ON "deals" USING btree ("org_id","owner_id","stage");--> statement-breakpoint
CREATE INDEX "deals_org_id_team_id_stage_index" ON "deals" USING btree ("org_id","team_id","stage");--> statement-breakpoint
CREATE INDEX "deals_org_id_stage_close_date_index" ON "deals" USING btree ("org_id","stage","close_date");--> statement-breakpoint
CREATE INDEX "deals_org_id_account_id_index" ON "deals" USING btree ("org_id","account_id");--> statement-breakpoint
CREATE UNIQUE INDEX "deals_org_id_external_id_index" ON "deals" USING btree ("org_id","external_id");--> statement-breakpoint
CREATE INDEX "goal_objective_links_org_id_objective_id_index" ON "goal_objective_links" USING btree ("org_id","objective_id");--> statement-breakpoint
CREATE INDEX "goals_org_id_user_id_strategy_id_index" ON "goals" USING btree ("org_id","user_id","strategy_id");--> statement-breakpoint
CREATE UNIQUE INDEX "invitations_token_hash_index" ON "invitations" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "invitations_org_id_created_at_index" ON "invitations" USING btree ("org_id","created_at");--> statement-breakpoint
CREATE INDEX "memberships_user_id_index" ON "memberships" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "objective_focus_org_id_dimension_value_index" ON "objective_focus" USING btree ("org_id","dimension","value");--> statement-breakpoint
CREATE INDEX "objective_focus_org_id_objective_id_index" ON "objective_focus" USING btree ("org_id","objective_id");--> statement-breakpoint
CREATE INDEX "objectives_org_id_strategy_id_index" ON "objectives" USING btree ("org_id","strategy_id");--> statement-breakpoint
CREATE INDEX "plan_collaborators_org_id_user_id_index" ON "plan_collaborators" USING btree ("org_id","user_id");--> statement-breakpoint
CREATE INDEX "plan_comments_org_id_plan_id_created_at_index" ON "plan_comments" USING btree ("org_id","plan_id","created_at");--> statement-breakpoint
CREATE INDEX "plan_problems_org_id_plan_id_index" ON "plan_problems" USING btree ("org_id","plan_id");--> statement-breakpoint
CREATE UNIQUE INDEX "plan_share_links_token_hash_index" ON "plan_share_links" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "plan_share_links_org_id_plan_id_index" ON "plan_share_links" USING btree ("org_id","plan_id");--> statement-breakpoint
CREATE INDEX "plan_steps_org_id_plan_id_index" ON "plan_steps" USING btree ("org_id","plan_id");--> statement-breakpoint
CREATE INDEX "review_actions_org_id_review_id_index" ON "review_actions" USING btree ("org_id","review_id");--> statement-breakpoint
CREATE INDEX "reviews_org_id_subject_id_created_at_index" ON "reviews" USING btree ("org_id","subject_id","created_at");--> statement-breakpoint
CREATE INDEX "reviews_org_id_reviewer_id_created_at_index" ON "reviews" USING btree ("org_id","reviewer_id","created_at");--> statement-breakpoint
CREATE INDEX "sign_in_failures_key_at_index" ON "sign_in_failures" USING btree ("key","at");--> statement-breakpoint
CREATE INDEX "stakeholders_org_id_contact_id_index" ON "stakeholders" USING btree ("org_id","contact_id");--> statement-breakpoint
CREATE INDEX "strategies_org_id_status_starts_on_index" ON "strategies" USING btree ("org_id","status","starts_on");--> statement-breakpoint
CREATE INDEX "team_members_org_id_user_id_index" ON "team_members" USING btree ("org_id","user_id");--> statement-breakpoint
CREATE INDEX "teams_org_id_parent_team_id_index" ON "teams" USING btree ("org_id","parent_team_id");