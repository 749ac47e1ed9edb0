DROP INDEX "deals_org_id_owner_id_stage_name_index";--> statement-breakpoint
DROP INDEX "deals_org_id_team_id_stage_name_index";--> statement-breakpoint
CREATE INDEX "deals_org_owner_stage_close_index" ON "deals" USING btree ("org_id","owner_id","stage_name","close_key","id");--> statement-breakpoint
CREATE INDEX "deals_org_team_stage_close_index" ON "deals" USING btree ("org_id","team_id","stage_name","close_key","id");