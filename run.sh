#!/usr/bin/env bash
# Runs the product locally: a PostgreSQL of its own (installed and started when needed), the NetSuite sandbox, a
# silo, and the web frontend, with a demo tenant whose NetSuite connection points at the sandbox. Ctrl+C stops them.
set -euo pipefail
cd "$(dirname "$0")"
web_port="${WEB_PORT:-5080}"
silo_port="${SILO_PORT:-11111}"
sandbox_port="${SANDBOX_PORT:-5090}"

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
# The sandbox's TBA integration and token: made up here, known to the sandbox and to the demo connection only.
sandbox_consumer_secret=$(secret sandbox-consumer-secret 24 | tr -d '/+=')
sandbox_token_secret=$(secret sandbox-token-secret 24 | tr -d '/+=')

echo "== building"
dotnet build src/Silo -c Release -v quiet -nologo
dotnet build src/WebFrontend -c Release -v quiet -nologo
dotnet build sandboxes/NetSuiteSandbox -c Release -v quiet -nologo

export DOTNET_ENVIRONMENT="${DOTNET_ENVIRONMENT:-Development}"
export ASPNETCORE_ENVIRONMENT="$DOTNET_ENVIRONMENT"
export Cluster__ConnectionString="$connection"
export Cluster__Secret="$cluster_secret"
silo_dir="$PWD/src/Silo/bin/Release/net10.0"
web_dir="$PWD/src/WebFrontend/bin/Release/net10.0"

sandbox_dir="$PWD/sandboxes/NetSuiteSandbox/bin/Release/net10.0"

echo "== starting the NetSuite sandbox on 127.0.0.1:$sandbox_port (log: .data/sandbox.log)"
SANDBOX_PORT="$sandbox_port" SANDBOX_ROWS="${SANDBOX_ROWS:-25000}" SANDBOX_ACCOUNT=1234567_SB1 \
  SANDBOX_CONSUMER_KEY=demo-consumer SANDBOX_CONSUMER_SECRET="$sandbox_consumer_secret" \
  SANDBOX_TOKEN_ID=demo-token SANDBOX_TOKEN_SECRET="$sandbox_token_secret" \
  dotnet "$sandbox_dir/EcomOps.NetSuiteSandbox.dll" > .data/sandbox.log 2>&1 &
sandbox_pid=$!

echo "== starting a silo on 127.0.0.1:$silo_port (log: .data/silo.log)"
Silo__Port="$silo_port" Secrets__ActiveKeyId=local Secrets__Keys__local="$secrets_key" dotnet "$silo_dir/EcomOps.Silo.dll" --contentRoot "$silo_dir" > .data/silo.log 2>&1 &
silo_pid=$!
stop() {
  kill -TERM "$silo_pid" "$sandbox_pid" 2>/dev/null || true
  wait "$silo_pid" "$sandbox_pid" 2>/dev/null || true
}
trap stop EXIT
for _ in $(seq 1 120); do
  curl -sf --http2-prior-knowledge "http://127.0.0.1:$silo_port/health/ready" >/dev/null 2>&1 && break
  kill -0 "$silo_pid" 2>/dev/null || { echo "The silo stopped; see .data/silo.log"; tail -n 20 .data/silo.log; exit 1; }
  sleep 0.5
done
# The sandbox prints its addresses once it listens; a taken port makes it exit instead.
for _ in $(seq 1 60); do
  grep -q "^NetSuite sandbox:" .data/sandbox.log 2>/dev/null && break
  kill -0 "$sandbox_pid" 2>/dev/null || { echo "The NetSuite sandbox stopped (is port $sandbox_port taken? SANDBOX_PORT picks another); see .data/sandbox.log"; tail -n 20 .data/sandbox.log; exit 1; }
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

# The demo tenant is registered through the API the first time, and given a NetSuite connection to the sandbox
# when it has none; later runs just sign in with the same login.
demo_email="demo@ecomops.local"
login=$(printf '{"email":"%s","password":"%s"}' "$demo_email" "$demo_password")
access_token() { sed -E 's/.*"accessToken":"([^"]+)".*/\1/'; }
if ! token=$(curl -sf -H 'Content-Type: application/json' -d "$login" "http://127.0.0.1:$web_port/api/v1/auth/login" | access_token); then
  echo "== creating the demo tenant"
  token=$(curl -sf -H 'Content-Type: application/json' \
    -d "$(printf '{"tenantName":"Demo Co","email":"%s","displayName":"Demo Owner","password":"%s","timeZone":"UTC"}' "$demo_email" "$demo_password")" \
    "http://127.0.0.1:$web_port/api/v1/auth/register" | access_token)
fi
api() { curl -sf -X "$1" -H "Authorization: Bearer $token" -H 'Content-Type: application/json' ${3:+-d "$3"} "http://127.0.0.1:$web_port/api/v1/$2"; }
if [ "$(api GET connections)" = "[]" ]; then
  echo "== connecting the demo tenant to the NetSuite sandbox, with two synced searches"
  restlet="http://127.0.0.1:$sandbox_port/app/site/hosting/restlet.nl?script=customscript_ecomops_search&deploy=customdeploy_ecomops_search"
  connection_id=$(api POST connections "$(printf '{"name":"NetSuite sandbox","accountId":"1234567_SB1","restletUrl":"%s","authMethod":"Tba","tba":{"consumerKey":"demo-consumer","consumerSecret":"%s","tokenId":"demo-token","tokenSecret":"%s"}}' \
    "$restlet" "$sandbox_consumer_secret" "$sandbox_token_secret")" | sed -E 's/.*"connectionId":"([^"]+)".*/\1/')
  api PUT "connections/$connection_id/searches/customsearch_ecomops_customers" '{"name":"Customers","mode":"Incremental","schedule":{"kind":"Interval","everyMinutes":60}}' >/dev/null
  api PUT "connections/$connection_id/searches/customsearch_ecomops_salesorders" '{"name":"Sales orders","mode":"Full","schedule":{"kind":"Daily","dailyAt":"02:00"}}' >/dev/null
  api POST "connections/$connection_id/searches/customsearch_ecomops_salesorders/run" '{}' >/dev/null
fi

cat <<MSG

  Ecom Ops Suite is running.
    Portal:   http://127.0.0.1:$web_port/
    API docs: http://127.0.0.1:$web_port/swagger
    Sign in:  $demo_email / $demo_password
    NetSuite: the demo tenant's connection points at the sandbox on 127.0.0.1:$sandbox_port
  Ctrl+C stops the web frontend, the silo and the sandbox.

MSG
wait "$web_pid"
