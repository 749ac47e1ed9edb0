#!/usr/bin/env bash
# The whole test suite (`npm test`): static checks, unit tests, integration tests on embedded PGlite and —
# when DATABASE_URL is set — again on that Postgres server, then end-to-end tests in Chromium against a
# production build.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n=== %s ===\n' "$*"; }

step "typecheck"; npm run --silent typecheck
step "lint"; npm run --silent lint
step "unit tests"; npx vitest run tests/unit
step "integration tests on PGlite"; DATABASE_URL= npx vitest run tests/integration
if [ -n "${DATABASE_URL:-}" ]; then
  step "integration tests on Postgres"; npx vitest run tests/integration
fi
step "production build"; npx next build
step "JavaScript budget"; npx tsx tests/budget/js-budget.ts
step "end-to-end tests"; npx playwright test
