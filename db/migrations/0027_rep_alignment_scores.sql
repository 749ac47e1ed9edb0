CREATE TABLE "rep_alignment_inputs" (
	"org_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"version" bigint NOT NULL,
	CONSTRAINT "rep_alignment_inputs_org_id_user_id_pk" PRIMARY KEY("org_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "rep_alignment_scores" (
	"org_id" uuid NOT NULL,
	"strategy_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"user_version" bigint NOT NULL,
	"org_version" bigint NOT NULL,
	"figures" jsonb NOT NULL,
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "rep_alignment_scores_org_id_strategy_id_user_id_pk" PRIMARY KEY("org_id","strategy_id","user_id")
);
--> statement-breakpoint
ALTER TABLE "rep_alignment_inputs" ADD CONSTRAINT "rep_alignment_inputs_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rep_alignment_scores" ADD CONSTRAINT "rep_alignment_scores_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rep_alignment_scores" ADD CONSTRAINT "rep_alignment_scores_strategy_fk" FOREIGN KEY ("org_id","strategy_id") REFERENCES "public"."strategies"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rep_alignment_scores" ADD CONSTRAINT "rep_alignment_scores_member_fk" FOREIGN KEY ("org_id","user_id") REFERENCES "public"."memberships"("org_id","user_id") ON DELETE cascade ON UPDATE no action;