#!/usr/bin/env bash
# Runs one benchmark: bench/run.sh NAME. Its last line is "NAME: key=value ...".
set -euo pipefail
cd "$(dirname "$0")/.."
name="${1:?usage: bench/run.sh NAME (runtime, sync)}"

echo "== PostgreSQL" >&2
ECOMOPS_POSTGRES=$(scripts/postgres.sh start)
export ECOMOPS_POSTGRES

echo "== building the benchmark and the silo (Release)" >&2
dotnet build bench/Bench -c Release -v quiet -nologo >&2
dotnet build src/Silo -c Release -v quiet -nologo >&2
export ECOMOPS_SILO_DLL="$PWD/src/Silo/bin/Release/net10.0/EcomOps.Silo.dll"

echo "== running $name" >&2
exec dotnet bench/Bench/bin/Release/net10.0/EcomOps.Bench.dll "$name"
