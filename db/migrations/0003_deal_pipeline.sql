CREATE TABLE "disqualification_reasons" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"label" text NOT NULL,
	"suggested_for" text,
	"position" integer DEFAULT 0 NOT NULL,
	"archived" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "disqualification_reasons_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
ALTER TABLE "deals" ADD COLUMN "disqualified_reason_id" uuid;--> statement-breakpoint
ALTER TABLE "stakeholders" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "disqualification_reasons" ADD CONSTRAINT "disqualification_reasons_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "disqualification_reasons_label_unique" ON "disqualification_reasons" USING btree ("org_id",lower("label"));--> statement-breakpoint
CREATE INDEX "disqualification_reasons_org_id_position_index" ON "disqualification_reasons" USING btree ("org_id","position");--> statement-breakpoint
ALTER TABLE "deals" ADD CONSTRAINT "deals_disqualified_reason_fk" FOREIGN KEY ("org_id","disqualified_reason_id") REFERENCES "public"."disqualification_reasons"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deals" ADD CONSTRAINT "deals_currency_check" CHECK ("deals"."currency" ~ '^[A-Z]{3}$');--> statement-breakpoint
ALTER TABLE "deals" ADD CONSTRAINT "deals_disqualified_reason_check" CHECK ("deals"."stage" <> 'disqualified' or "deals"."disqualified_reason" is not null);--> statement-breakpoint
SELECT tandem_secure_tenant_tables();