#!/usr/bin/env bash
# Runs the product locally: a PostgreSQL of its own (installed and started when needed), a silo, and the web
# frontend, with a demo tenant. Ctrl+C stops both gracefully.
set -euo pipefail
cd "$(dirname "$0")"
web_port="${WEB_PORT:-5080}"
silo_port="${SILO_PORT:-11111}"

echo "== PostgreSQL"
connection=$(scripts/postgres.sh start ecomops)

# Secrets are made once per checkout and kept out of git with the database files.
mkdir -p .data
secret() {
  if [ ! -s ".data/$1" ]; then
    echo "== creating .data/$1" >&2
    head -c "$2" /dev/urandom | base64 | tr -d '\n' > ".data/$1"
  fi
  cat ".data/$1"
}
cluster_secret=$(secret cluster-secret 32)
jwt_key=$(secret jwt-key 48)
demo_password=$(secret demo-password 12 | tr -d '/+=')
secrets_key=$(secret secrets-key 32)

echo "== building"
dotnet build src/Silo -c Release -v quiet -nologo
dotnet build src/WebFrontend -c Release -v quiet -nologo

export DOTNET_ENVIRONMENT="${DOTNET_ENVIRONMENT:-Development}"
export ASPNETCORE_ENVIRONMENT="$DOTNET_ENVIRONMENT"
export Cluster__ConnectionString="$connection"
export Cluster__Secret="$cluster_secret"
silo_dir="$PWD/src/Silo/bin/Release/net10.0"
web_dir="$PWD/src/WebFrontend/bin/Release/net10.0"

echo "== starting a silo on 127.0.0.1:$silo_port (log: .data/silo.log)"
Silo__Port="$silo_port" Secrets__ActiveKeyId=local Secrets__Keys__local="$secrets_key" dotnet "$silo_dir/EcomOps.Silo.dll" --contentRoot "$silo_dir" > .data/silo.log 2>&1 &
silo_pid=$!
stop() {
  kill -TERM "$silo_pid" 2>/dev/null || true
  wait "$silo_pid" 2>/dev/null || true
}
trap stop EXIT
for _ in $(seq 1 120); do
  curl -sf --http2-prior-knowledge "http://127.0.0.1:$silo_port/health/ready" >/dev/null 2>&1 && break
  kill -0 "$silo_pid" 2>/dev/null || { echo "The silo stopped; see .data/silo.log"; tail -n 20 .data/silo.log; exit 1; }
  sleep 0.5
done

echo "== starting the web frontend on http://127.0.0.1:$web_port"
Auth__JwtSigningKey="$jwt_key" dotnet "$web_dir/EcomOps.WebFrontend.dll" --contentRoot "$web_dir" --urls "http://127.0.0.1:$web_port" &
web_pid=$!
trap 'kill -TERM "$web_pid" 2>/dev/null || true; wait "$web_pid" 2>/dev/null || true; stop' EXIT
for _ in $(seq 1 120); do
  curl -sf "http://127.0.0.1:$web_port/api/v1/health" >/dev/null 2>&1 && break
  kill -0 "$web_pid" 2>/dev/null || { echo "The web frontend stopped."; exit 1; }
  sleep 0.5
done

# The demo tenant is registered through the API the first time; later runs just sign in with the same login.
demo_email="demo@ecomops.local"
login=$(printf '{"email":"%s","password":"%s"}' "$demo_email" "$demo_password")
if ! curl -sf -H 'Content-Type: application/json' -d "$login" "http://127.0.0.1:$web_port/api/v1/auth/login" >/dev/null; then
  echo "== creating the demo tenant"
  curl -sf -H 'Content-Type: application/json' \
    -d "$(printf '{"tenantName":"Demo Co","email":"%s","displayName":"Demo Owner","password":"%s","timeZone":"UTC"}' "$demo_email" "$demo_password")" \
    "http://127.0.0.1:$web_port/api/v1/auth/register" >/dev/null
fi

cat <<MSG

  Ecom Ops Suite is running.
    Portal:   http://127.0.0.1:$web_port/
    API docs: http://127.0.0.1:$web_port/swagger
    Sign in:  $demo_email / $demo_password
  Ctrl+C stops the web frontend and the silo.

MSG
wait "$web_pid"
