#!/usr/bin/env bash
# Runs every test: starts a local PostgreSQL when none is configured, builds, and runs each test project.
set -euo pipefail
cd "$(dirname "$0")"

echo "== PostgreSQL"
ECOMOPS_POSTGRES=$(scripts/postgres.sh start)
export ECOMOPS_POSTGRES

echo "== Chromium (browser tests)"
scripts/chromium.sh

echo "== building"
dotnet build Silo.sln -c Release -v quiet -nologo

log=$(mktemp)
status=0

echo "== RESTlet: type check and jest tests (restlet/)"
(
  cd restlet
  # Not "npm ci": npm 11 leaves other platforms' optional packages out of the lock file it writes, then refuses it.
  npm install --no-save --no-audit --no-fund --loglevel=error
  npx tsc -p jsconfig.json
  npx jest --ci
) 2>&1 | tee -a "$log" || status=$?

echo "== .NET tests"
dotnet test Silo.sln -c Release --no-build --nologo 2>&1 | tee -a "$log" || status=$?

# One summary line over every test run, .NET and jest.
awk '
  /^Tests: / {
    for (i = 2; i <= NF; i++) {
      if ($(i+1) ~ /^failed/) { v = $i; gsub(",", "", v); failed += v }
      if ($(i+1) ~ /^passed/) { v = $i; gsub(",", "", v); passed += v }
      if ($(i+1) ~ /^skipped/) { v = $i; gsub(",", "", v); skipped += v }
    }
  }
  /(Passed|Failed)!.*Failed:/ {
    for (i = 1; i <= NF; i++) {
      if ($i == "Failed:") { gsub(",", "", $(i+1)); failed += $(i+1) }
      if ($i == "Passed:") { gsub(",", "", $(i+1)); passed += $(i+1) }
      if ($i == "Skipped:") { gsub(",", "", $(i+1)); skipped += $(i+1) }
    }
  }
  END { printf "%d passed, %d failed, %d skipped\n", passed, failed, skipped }
' "$log"
rm -f "$log"
exit "$status"
