-- deals.stage changes type in the next migration (enum → text, so that row-level security lets an index serve
-- `stage = …`). Postgres cannot change the type of a column that a view or a CHECK compares with an enum
-- literal: the live alignment views and the disqualification check are dropped here and recreated, unchanged,
-- by 0011_stored_alignment_triggers.
DROP VIEW deal_scores;
--> statement-breakpoint
DROP VIEW deal_objective_matches;
--> statement-breakpoint
ALTER TABLE "deals" DROP CONSTRAINT "deals_disqualified_reason_check";
