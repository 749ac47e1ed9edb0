-- The application role checks, on every request, whether the signed-in user's own session was revoked;
-- it sees only that user's rows and cannot write any (sign-out records them on the privileged connection).
ALTER TABLE revoked_sessions ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY revoked_sessions_own_read ON revoked_sessions FOR SELECT USING (user_id = app_user_id());
--> statement-breakpoint
GRANT SELECT ON revoked_sessions TO tandem_app;
