ALTER TABLE "rep_alignment_scores" ADD COLUMN "pipeline_objective_ids" uuid[];--> statement-breakpoint
ALTER TABLE "rep_alignment_scores" ADD COLUMN "pipeline_amounts" numeric[];--> statement-breakpoint
ALTER TABLE "rep_alignment_scores" ADD COLUMN "pipeline_total" numeric;