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

echo "== .NET tests"
log=$(mktemp)
status=0
dotnet test Silo.sln -c Release --no-build --nologo 2>&1 | tee "$log" || status=$?

# One summary line over every test project.
awk '
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
