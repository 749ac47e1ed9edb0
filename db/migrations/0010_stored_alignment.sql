CREATE TABLE "alignment_clock" (
	"org_id" uuid PRIMARY KEY NOT NULL,
	"as_of" date NOT NULL,
	"fallback_strategy_id" uuid,
	"valid_from" date NOT NULL,
	"valid_until" date NOT NULL
);
--> statement-breakpoint
CREATE TABLE "alignment_pending" (
	"org_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"target_id" uuid NOT NULL,
	CONSTRAINT "alignment_pending_org_id_kind_target_id_pk" PRIMARY KEY("org_id","kind","target_id")
);
--> statement-breakpoint
CREATE TABLE "alignment_stale" (
	"org_id" uuid NOT NULL,
	"deal_id" uuid NOT NULL,
	"rematch" boolean NOT NULL,
	"queued_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "alignment_stale_org_id_deal_id_pk" PRIMARY KEY("org_id","deal_id")
);
--> statement-breakpoint
CREATE TABLE "deal_alignment" (
	"org_id" uuid NOT NULL,
	"deal_id" uuid NOT NULL,
	"owner_id" uuid NOT NULL,
	"team_id" uuid,
	"stage" "deal_stage" NOT NULL,
	"currency" char(3) NOT NULL,
	"amount" numeric(14, 2) NOT NULL,
	"strategy_id" uuid,
	"customer" double precision NOT NULL,
	"company" double precision NOT NULL,
	"rep" double precision NOT NULL,
	"score" integer NOT NULL,
	"flags" text[] NOT NULL,
	CONSTRAINT "deal_alignment_org_id_deal_id_pk" PRIMARY KEY("org_id","deal_id")
);
--> statement-breakpoint
CREATE TABLE "deal_objective_match" (
	"org_id" uuid NOT NULL,
	"deal_id" uuid NOT NULL,
	"objective_id" uuid NOT NULL,
	"strategy_id" uuid NOT NULL,
	"explicit" boolean NOT NULL,
	"lead" boolean NOT NULL,
	"owner_id" uuid NOT NULL,
	"team_id" uuid,
	"stage" "deal_stage" NOT NULL,
	"currency" char(3) NOT NULL,
	"amount" numeric(14, 2) NOT NULL,
	"share" numeric NOT NULL,
	CONSTRAINT "deal_objective_match_org_id_deal_id_objective_id_pk" PRIMARY KEY("org_id","deal_id","objective_id")
);
--> statement-breakpoint
CREATE TABLE "deal_objective_rollup" (
	"org_id" uuid NOT NULL,
	"objective_id" uuid NOT NULL,
	"strategy_id" uuid NOT NULL,
	"owner_id" uuid NOT NULL,
	"team_id" uuid,
	"stage" "deal_stage" NOT NULL,
	"currency" char(3) NOT NULL,
	"deals" integer NOT NULL,
	"amount" numeric NOT NULL,
	"share" numeric NOT NULL,
	"lead_deals" integer NOT NULL,
	"lead_amount" numeric NOT NULL,
	CONSTRAINT "deal_objective_rollup_key" UNIQUE NULLS NOT DISTINCT("org_id","objective_id","strategy_id","owner_id","team_id","stage","currency")
);
--> statement-breakpoint
CREATE TABLE "deal_rollup" (
	"org_id" uuid NOT NULL,
	"owner_id" uuid NOT NULL,
	"team_id" uuid,
	"stage" "deal_stage" NOT NULL,
	"currency" char(3) NOT NULL,
	"deals" integer NOT NULL,
	"amount" numeric NOT NULL,
	"score_sum" bigint NOT NULL,
	CONSTRAINT "deal_rollup_key" UNIQUE NULLS NOT DISTINCT("org_id","owner_id","team_id","stage","currency")
);
--> statement-breakpoint
CREATE TABLE "deal_search_terms" (
	"org_id" uuid NOT NULL,
	"deal_id" uuid NOT NULL,
	"term" text NOT NULL,
	CONSTRAINT "deal_search_terms_org_id_deal_id_term_pk" PRIMARY KEY("org_id","deal_id","term")
);
--> statement-breakpoint
DROP INDEX "deals_org_id_owner_id_stage_index";--> statement-breakpoint
DROP INDEX "deals_org_id_team_id_stage_index";--> statement-breakpoint
DROP INDEX "deals_org_id_stage_close_date_index";--> statement-breakpoint
ALTER TABLE "deals" ADD COLUMN "amount_cents" bigint GENERATED ALWAYS AS ((amount * 100)::bigint) STORED;--> statement-breakpoint
ALTER TABLE "deals" ADD COLUMN "stage_name" text GENERATED ALWAYS AS (case stage when 'prospecting' then 'prospecting' when 'qualification' then 'qualification' when 'discovery' then 'discovery' when 'proposal' then 'proposal' when 'negotiation' then 'negotiation' when 'closed_won' then 'closed_won' when 'closed_lost' then 'closed_lost' when 'disqualified' then 'disqualified' end) STORED;--> statement-breakpoint
ALTER TABLE "deals" ADD COLUMN "close_key" date GENERATED ALWAYS AS (coalesce(close_date, '9999-12-31'::date)) STORED;--> statement-breakpoint
ALTER TABLE "alignment_clock" ADD CONSTRAINT "alignment_clock_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alignment_stale" ADD CONSTRAINT "alignment_stale_deal_fk" FOREIGN KEY ("org_id","deal_id") REFERENCES "public"."deals"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deal_alignment" ADD CONSTRAINT "deal_alignment_deal_fk" FOREIGN KEY ("org_id","deal_id") REFERENCES "public"."deals"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deal_objective_match" ADD CONSTRAINT "deal_objective_match_deal_fk" FOREIGN KEY ("org_id","deal_id") REFERENCES "public"."deals"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deal_search_terms" ADD CONSTRAINT "deal_search_terms_deal_fk" FOREIGN KEY ("org_id","deal_id") REFERENCES "public"."deals"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "deal_alignment_org_id_score_deal_id_index" ON "deal_alignment" USING btree ("org_id","score","deal_id");--> statement-breakpoint
CREATE INDEX "deal_alignment_org_id_team_id_score_deal_id_index" ON "deal_alignment" USING btree ("org_id","team_id","score","deal_id");--> statement-breakpoint
CREATE INDEX "deal_alignment_org_id_owner_id_strategy_id_index" ON "deal_alignment" USING btree ("org_id","owner_id","strategy_id");--> statement-breakpoint
CREATE INDEX "deal_alignment_org_id_strategy_id_index" ON "deal_alignment" USING btree ("org_id","strategy_id");--> statement-breakpoint
CREATE INDEX "deal_objective_match_org_id_objective_id_deal_id_index" ON "deal_objective_match" USING btree ("org_id","objective_id","deal_id");--> statement-breakpoint
CREATE INDEX "deal_objective_rollup_org_id_strategy_id_owner_id_index" ON "deal_objective_rollup" USING btree ("org_id","strategy_id","owner_id");--> statement-breakpoint
CREATE INDEX "deal_rollup_org_id_team_id_index" ON "deal_rollup" USING btree ("org_id","team_id");--> statement-breakpoint
CREATE INDEX "deal_search_terms_org_id_term_deal_id_index" ON "deal_search_terms" USING btree ("org_id","term" text_pattern_ops,"deal_id");--> statement-breakpoint
CREATE INDEX "deals_org_id_owner_id_stage_name_index" ON "deals" USING btree ("org_id","owner_id","stage_name");--> statement-breakpoint
CREATE INDEX "deals_org_id_team_id_stage_name_index" ON "deals" USING btree ("org_id","team_id","stage_name");--> statement-breakpoint
CREATE INDEX "deals_org_id_stage_name_close_key_id_index" ON "deals" USING btree ("org_id","stage_name","close_key","id");--> statement-breakpoint
CREATE INDEX "deals_org_id_close_key_id_index" ON "deals" USING btree ("org_id","close_key","id");--> statement-breakpoint
CREATE INDEX "deals_org_id_amount_cents_id_index" ON "deals" USING btree ("org_id","amount_cents","id");--> statement-breakpoint
CREATE INDEX "deals_org_id_name_id_index" ON "deals" USING btree ("org_id","name","id");--> statement-breakpoint
CREATE INDEX "deals_org_id_updated_at_id_index" ON "deals" USING btree ("org_id","updated_at","id");--> statement-breakpoint
CREATE INDEX "deals_org_id_team_id_close_key_id_index" ON "deals" USING btree ("org_id","team_id","close_key","id");--> statement-breakpoint
CREATE INDEX "deals_org_id_team_id_amount_cents_id_index" ON "deals" USING btree ("org_id","team_id","amount_cents","id");--> statement-breakpoint
CREATE INDEX "deals_org_id_team_id_name_id_index" ON "deals" USING btree ("org_id","team_id","name","id");--> statement-breakpoint
CREATE INDEX "deals_org_id_team_id_updated_at_id_index" ON "deals" USING btree ("org_id","team_id","updated_at","id");