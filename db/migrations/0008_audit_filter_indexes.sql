DROP INDEX "audit_events_org_id_entity_type_entity_id_index";--> statement-breakpoint
CREATE INDEX "audit_events_org_id_entity_type_entity_id_at_index" ON "audit_events" USING btree ("org_id","entity_type","entity_id","at");--> statement-breakpoint
CREATE INDEX "audit_events_org_id_actor_id_at_index" ON "audit_events" USING btree ("org_id","actor_id","at");