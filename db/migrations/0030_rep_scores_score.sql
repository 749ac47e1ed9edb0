ALTER TABLE "rep_alignment_scores" ADD COLUMN "score" smallint;--> statement-breakpoint
ALTER TABLE "rep_alignment_scores" ADD COLUMN "weights" text;