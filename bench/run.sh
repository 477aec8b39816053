#!/usr/bin/env bash
# Runs one benchmark: bench/run.sh NAME. Its last line is "NAME: key=value ...".
set -euo pipefail
cd "$(dirname "$0")/.."
name="${1:?usage: bench/run.sh NAME (runtime)}"

echo "== PostgreSQL" >&2
ECOMOPS_POSTGRES=$(scripts/postgres.sh start)
export ECOMOPS_POSTGRES

echo "== building the benchmark (Release)" >&2
dotnet build bench/Bench -c Release -v quiet -nologo >&2

echo "== running $name" >&2
exec dotnet bench/Bench/bin/Release/net10.0/EcomOps.Bench.dll "$name"
