#!/usr/bin/env bash
# Runs the product locally: a PostgreSQL of its own (installed and started when needed) and one silo.
set -euo pipefail
cd "$(dirname "$0")"

echo "== PostgreSQL"
connection=$(scripts/postgres.sh start ecomops)

# The cluster secret is made once per checkout and kept out of git with the database files.
mkdir -p .data
if [ ! -s .data/cluster-secret ]; then
  echo "== creating a cluster secret in .data/cluster-secret"
  head -c 32 /dev/urandom | base64 | tr -d '\n=' > .data/cluster-secret
fi

echo "== building"
dotnet build src/Silo -c Release -v quiet -nologo

echo "== starting a silo on 127.0.0.1:${SILO_PORT:-11111} (Ctrl+C stops it gracefully)"
echo "   health:  curl --http2-prior-knowledge http://127.0.0.1:${SILO_PORT:-11111}/health/ready"
export DOTNET_ENVIRONMENT="${DOTNET_ENVIRONMENT:-Development}"
export Cluster__ConnectionString="$connection"
export Cluster__Secret="$(cat .data/cluster-secret)"
export Silo__Port="${SILO_PORT:-11111}"
exec dotnet src/Silo/bin/Release/net10.0/EcomOps.Silo.dll --contentRoot "$PWD/src/Silo/bin/Release/net10.0"
