-- Rate-limit buckets are rewritten on every request and worth nothing after a crash: no WAL for them.
-- The application role gets no privilege: the buckets are charged on the login connection before any tenant work.
ALTER TABLE request_rate_buckets SET UNLOGGED;
