#!/usr/bin/env bash
# The whole test suite (`npm test`): static checks, unit tests, integration tests on embedded PGlite and —
# when DATABASE_URL is set — again on that Postgres server, then end-to-end tests in Chromium against a
# production build.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n=== %s ===\n' "$*"; }

# The type check and the linters side by side (each about a minute, one core each); the type check's output follows.
step "typecheck and lint"
typecheck_log="$(mktemp)"
npm run --silent typecheck >"$typecheck_log" 2>&1 &
typecheck_pid=$!
lint_status=0
npm run --silent lint || lint_status=$?
typecheck_status=0
wait "$typecheck_pid" || typecheck_status=$?
cat "$typecheck_log"
rm -f "$typecheck_log"
if [ "$typecheck_status" -ne 0 ] || [ "$lint_status" -ne 0 ]; then
  echo "typecheck exited $typecheck_status, lint $lint_status" >&2
  exit 1
fi
step "unit tests"; npx vitest run tests/unit
step "integration tests on PGlite"; DATABASE_URL= npx vitest run tests/integration
if [ -n "${DATABASE_URL:-}" ]; then
  step "integration tests on Postgres"; npx vitest run tests/integration
fi
step "production build"; npx next build
step "JavaScript budget"; npx tsx tests/budget/js-budget.ts
step "end-to-end tests"; npx playwright test
