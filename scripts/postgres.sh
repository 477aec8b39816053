#!/usr/bin/env bash
# Gives a local PostgreSQL and prints its connection string on stdout (everything else goes to stderr).
#   scripts/postgres.sh start [DB]  use $ECOMOPS_POSTGRES if set; otherwise install Debian's postgresql when missing,
#                                   initdb .data/postgres (git-ignored) and start it on 127.0.0.1:$ECOMOPS_PG_PORT.
#                                   With DB, the database is created when missing and the string points at it.
#   scripts/postgres.sh stop    stop the server this script started
# ECOMOPS_PG_PORT defaults to 55432, away from a system server on 5432.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
port="${ECOMOPS_PG_PORT:-55432}"
port_fixed="${ECOMOPS_PG_PORT:+yes}"
data="${ECOMOPS_PG_DATA:-$root/.data/postgres}"
say() { echo "[postgres] $*" >&2; }

# The postgres user must reach the data folder; a checkout it cannot read (e.g. under /root) keeps its data elsewhere.
if [ "$(id -u)" = 0 ] && [ -z "${ECOMOPS_PG_DATA:-}" ] && id postgres >/dev/null 2>&1 && ! runuser -u postgres -- test -x "$root"; then
  data="/var/tmp/ecomops-postgres-$(printf '%s' "$root" | md5sum | cut -c1-12)"
  say "the postgres user cannot read this checkout; keeping the data in $data"
fi

as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

port_busy() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

pg_bin() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  [ -n "$dir" ] && [ -x "$dir/initdb" ] && echo "$dir"
}

install_postgres() {
  say "PostgreSQL server binaries not found: installing Debian's postgresql package"
  local sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq postgresql >&2
}

start() {
  if [ -n "${ECOMOPS_POSTGRES:-}" ]; then
    say "using the PostgreSQL configured in ECOMOPS_POSTGRES"
    echo "$ECOMOPS_POSTGRES"
    return
  fi

  local bin
  bin=$(pg_bin || true)
  if [ -z "$bin" ]; then
    install_postgres
    bin=$(pg_bin)
  fi

  if [ ! -f "$data/PG_VERSION" ]; then
    say "initialising a new cluster in $data"
    mkdir -p "$data"
    chmod 700 "$data"
    [ "$(id -u)" = 0 ] && chown -R postgres:postgres "$data"
    as_owner "$bin/initdb" -D "$data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
  fi

  if as_owner "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
    port=$(sed -n 4p "$data/postmaster.pid")
    say "already running on 127.0.0.1:$port ($data)"
  else
    while port_busy "$port"; do
      if [ -n "$port_fixed" ]; then
        say "port $port (ECOMOPS_PG_PORT) is taken by another program"
        exit 1
      fi
      say "port $port is taken; trying $((port + 1))"
      port=$((port + 1))
    done
    say "starting on 127.0.0.1:$port ($data)"
    if ! as_owner "$bin/pg_ctl" -D "$data" -l "$data/server.log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -p $port -k $data -c max_connections=400 -c shared_buffers=256MB -c synchronous_commit=off" start >/dev/null; then
      say "the server did not start; its log says:"
      tail -n 20 "$data/server.log" >&2
      exit 1
    fi
  fi

  local database="${1:-postgres}"
  if [ "$database" != postgres ] && [ -z "$("$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -d postgres -tAc "select 1 from pg_database where datname = '$database'")" ]; then
    say "creating database $database"
    "$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -d postgres -qc "create database \"$database\"" >&2
  fi

  echo "Host=127.0.0.1;Port=$port;Username=postgres;Database=$database"
}

stop() {
  local bin
  bin=$(pg_bin || true)
  if [ -n "$bin" ] && [ -f "$data/PG_VERSION" ]; then
    say "stopping ($data)"
    as_owner "$bin/pg_ctl" -D "$data" -m fast -w stop >/dev/null 2>&1 || true
  fi
}

case "${1:-start}" in
  start) start "${2:-}" ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
