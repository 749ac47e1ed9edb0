-- Admins set how many days without a review make a rep overdue (reviews.setOverdueDays): the application role
-- may write that column of its organization (the policy organizations_update already pins the row).
GRANT UPDATE (review_overdue_days) ON organizations TO tandem_app;
--> statement-breakpoint
ALTER TABLE organizations ADD CONSTRAINT organizations_review_overdue_days_check
  CHECK (review_overdue_days BETWEEN 1 AND 3650);
