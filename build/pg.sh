#!/usr/bin/env bash
# Project-local PostgreSQL 15 cluster for development and tests.
#
#   build/pg.sh [start|stop|status|env]      (default: start)
#
# Why: the app must be proven against real PostgreSQL row-level security, with a
# migration/owner role and an application role that owns nothing and cannot bypass
# RLS. A private cluster on a loopback port keeps that independent of any system
# cluster and of other checkouts on the same machine (pick GCCSAAS_PG_PORT).
#
# Layout (git-ignored):  <repo>/.pgdata/data             the cluster
#                        <repo>/.pgdata/run              unix socket directory
#                        <repo>/.pgdata/postgres.log     server log
#                        <repo>/.pgdata/credentials.env  generated passwords (0600)
#
# `env` (and the end of `start`) prints `export` lines on stdout, so callers can
# `eval "$(build/pg.sh env)"`; every message for humans goes to stderr.
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PORT="${GCCSAAS_PG_PORT:-55432}"
HOST=127.0.0.1
DB_NAME=gccsaas
OWNER_ROLE=gccsaas_owner
APP_ROLE=gccsaas_app

say() { printf 'pg.sh: %s\n' "$*" >&2; }
die() { printf 'pg.sh: error: %s\n' "$*" >&2; exit 1; }

[[ "$PORT" =~ ^[0-9]+$ ]] || die "GCCSAAS_PG_PORT must be a number, got '$PORT'"

# --- PostgreSQL binaries ----------------------------------------------------------
# Debian keeps server binaries in /usr/lib/postgresql/<major>/bin, outside PATH;
# prefer whatever PATH offers (resolved to its real directory), else the newest.
find_bindir() {
  local p d
  if p="$(command -v pg_ctl 2>/dev/null)" && [[ -n "$p" ]]; then
    d="$(dirname "$(readlink -f "$p")")"
    if [[ -x "$d/initdb" ]]; then printf '%s\n' "$d"; return 0; fi
  fi
  for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    if [[ -x "$d/initdb" && -x "$d/pg_ctl" ]]; then printf '%s\n' "$d"; return 0; fi
  done
  return 1
}
BINDIR="$(find_bindir)" || die "PostgreSQL server binaries (initdb, pg_ctl) not found in PATH or /usr/lib/postgresql/*/bin.
  Install them with: apt-get install -y postgresql   (build/test.sh does this on a fresh machine)"
tool() { # tool NAME -> path, preferring the server's own bin directory
  if [[ -x "$BINDIR/$1" ]]; then printf '%s\n' "$BINDIR/$1"; else command -v "$1" || die "$1 not found"; fi
}
INITDB="$BINDIR/initdb"; PG_CTL="$BINDIR/pg_ctl"
PSQL="$(tool psql)"; PG_ISREADY="$(tool pg_isready)"

# --- Who runs the server -----------------------------------------------------------
# PostgreSQL refuses to run as root, so root runs the server binaries as `postgres`.
AS_ROOT=false
if [[ "$(id -u)" -eq 0 ]]; then
  AS_ROOT=true
  id postgres >/dev/null 2>&1 || die "running as root but there is no 'postgres' user (install the postgresql package)"
  PG_OS_USER=postgres
  as_pg() { (cd / && runuser -u postgres -- "$@"); }   # cd /: postgres may not read the caller's cwd
else
  PG_OS_USER="$(id -un)"
  as_pg() { "$@"; }
fi
# initdb names the bootstrap superuser after the OS user; only it may use the socket (peer auth).
SUPERUSER="$PG_OS_USER"

# --- Where the cluster lives ---------------------------------------------------------
# Normally <repo>/.pgdata. If root's `postgres` user cannot reach the checkout (e.g. a
# clone under /root, mode 0700) or the socket path would exceed the unix limit, fall back
# to a per-checkout folder under /var/tmp rather than loosening the caller's permissions.
# GCCSAAS_PG_HOME picks another folder, so a second cluster (build/bench.sh's generated data) can live beside it.
PG_HOME="${GCCSAAS_PG_HOME:-$REPO_ROOT/.pgdata}"
fallback_home() { printf '/var/tmp/gccsaas-pgdata-%s\n' "$(printf '%s' "${GCCSAAS_PG_HOME:-$REPO_ROOT}" | cksum | cut -d' ' -f1)"; }
if [[ ! -d "$PG_HOME" ]] && [[ -d "$(fallback_home)" ]]; then
  PG_HOME="$(fallback_home)"   # chosen by an earlier run
elif $AS_ROOT && [[ ! -d "$PG_HOME/data" ]] && ! (cd / && runuser -u postgres -- test -x "$REPO_ROOT"); then
  PG_HOME="$(fallback_home)"
  say "user 'postgres' cannot reach $REPO_ROOT; using $PG_HOME for the cluster instead"
fi
if (( ${#PG_HOME} + ${#PORT} + 15 > 100 )); then   # <home>/run/.s.PGSQL.<port> must fit sun_path (107)
  PG_HOME="$(fallback_home)"
  say "checkout path too long for a unix socket; using $PG_HOME for the cluster instead"
fi
DATA_DIR="$PG_HOME/data"
SOCKET_DIR="$PG_HOME/run"
LOG_FILE="$PG_HOME/postgres.log"
CRED_FILE="$PG_HOME/credentials.env"

is_initialised() { [[ -f "$DATA_DIR/PG_VERSION" ]]; }
is_running() { is_initialised && as_pg "$PG_CTL" status -D "$DATA_DIR" >/dev/null 2>&1; }

# The port a running server actually listens on (line 4 of postmaster.pid), else the configured one.
current_port() {
  local p=""
  if is_running; then p="$(as_pg sed -n 4p "$DATA_DIR/postmaster.pid" 2>/dev/null || true)"; fi
  [[ "$p" =~ ^[0-9]+$ ]] && printf '%s\n' "$p" || printf '%s\n' "$PORT"
}

# Random hex password from the kernel, no openssl needed on a fresh machine.
random_password() { od -An -N24 -tx1 /dev/urandom | tr -d ' \n'; }

ensure_credentials() {
  if [[ -f "$CRED_FILE" ]]; then return 0; fi
  say "generating passwords in $CRED_FILE"
  ( umask 077
    { echo "# Generated by build/pg.sh on first init. Never commit this file."
      echo "GCCSAAS_OWNER_PASSWORD=$(random_password)"
      echo "GCCSAAS_APP_PASSWORD=$(random_password)"; } >"$CRED_FILE" )
  chmod 600 "$CRED_FILE"
}

load_credentials() {
  [[ -f "$CRED_FILE" ]] || die "no credentials at $CRED_FILE; run: build/pg.sh start"
  GCCSAAS_OWNER_PASSWORD="$(sed -n 's/^GCCSAAS_OWNER_PASSWORD=//p' "$CRED_FILE")"
  GCCSAAS_APP_PASSWORD="$(sed -n 's/^GCCSAAS_APP_PASSWORD=//p' "$CRED_FILE")"
  [[ -n "$GCCSAAS_OWNER_PASSWORD" && -n "$GCCSAAS_APP_PASSWORD" ]] || die "$CRED_FILE is incomplete; delete $PG_HOME to start over"
}

init_cluster() {
  say "initialising a new cluster in $DATA_DIR ($("$INITDB" --version))"
  mkdir -p "$PG_HOME"
  if $AS_ROOT; then chown postgres: "$PG_HOME"; fi
  as_pg mkdir -p "$DATA_DIR" "$SOCKET_DIR"
  as_pg chmod 700 "$DATA_DIR"
  # scram for TCP; the socket uses peer auth, which only the bootstrap superuser can pass.
  as_pg "$INITDB" -D "$DATA_DIR" -U "$SUPERUSER" --encoding=UTF8 --locale=C.UTF-8 \
      --auth-local=peer --auth-host=scram-sha-256 >"$PG_HOME/initdb.log.tmp" 2>&1 \
    || { cat "$PG_HOME/initdb.log.tmp" >&2; die "initdb failed (output above)"; }
  rm -f "$PG_HOME/initdb.log.tmp"
  # Tight pg_hba: superuser over the socket only; every role over loopback TCP with scram.
  as_pg tee "$DATA_DIR/pg_hba.conf" >/dev/null <<EOF
# Written by build/pg.sh
# TYPE  DATABASE  USER          ADDRESS        METHOD
local   all       $SUPERUSER                   peer
host    all       all           127.0.0.1/32   scram-sha-256
EOF
  # Loopback only, socket inside the data home. The port is passed at start so
  # GCCSAAS_PG_PORT can change between starts. synchronous_commit=off speeds tests up
  # without risking corruption (only the last moments of commits can be lost on a crash).
  as_pg tee -a "$DATA_DIR/postgresql.conf" >/dev/null <<EOF

# --- build/pg.sh ---
listen_addresses = '127.0.0.1'
unix_socket_directories = '$SOCKET_DIR'
password_encryption = 'scram-sha-256'
synchronous_commit = off
max_connections = 200
logging_collector = off
EOF
}

# Idempotent: safe on every start; also re-syncs passwords with credentials.env.
ensure_roles_and_database() {
  load_credentials
  local port; port="$(current_port)"
  local psql_su=("$PSQL" -X -q -v ON_ERROR_STOP=1 -h "$SOCKET_DIR" -p "$port" -U "$SUPERUSER")
  as_pg "${psql_su[@]}" -d postgres \
      -v owner_pw="$GCCSAAS_OWNER_PASSWORD" -v app_pw="$GCCSAAS_APP_PASSWORD" >/dev/null <<SQL
DO \$\$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '$OWNER_ROLE') THEN
    CREATE ROLE $OWNER_ROLE;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '$APP_ROLE') THEN
    CREATE ROLE $APP_ROLE;
  END IF;
END
\$\$;
-- Owner: owns the schemas and runs migrations; CREATEDB for throwaway test databases.
ALTER ROLE $OWNER_ROLE WITH LOGIN NOSUPERUSER NOBYPASSRLS CREATEDB NOCREATEROLE NOREPLICATION PASSWORD :'owner_pw';
-- Application: owns nothing and cannot bypass row-level security.
ALTER ROLE $APP_ROLE WITH LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE NOREPLICATION PASSWORD :'app_pw';
SELECT 'CREATE DATABASE $DB_NAME OWNER $OWNER_ROLE'
 WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = '$DB_NAME') \gexec
ALTER DATABASE $DB_NAME OWNER TO $OWNER_ROLE;
SQL
  # Nobody but owners creates objects in public (already PG15's default; made explicit),
  # in the app database and in template1, which the test fixtures' databases copy.
  local db
  for db in "$DB_NAME" template1; do
    as_pg "${psql_su[@]}" -d "$db" -c 'REVOKE CREATE ON SCHEMA public FROM PUBLIC;' >/dev/null
  done
}

start() {
  if ! is_initialised; then
    if [[ -d "$DATA_DIR" ]] && [[ -n "$(ls -A "$DATA_DIR" 2>/dev/null)" ]]; then
      die "$DATA_DIR exists but holds no cluster; remove $PG_HOME to start over"
    fi
    init_cluster
  fi
  ensure_credentials
  if $AS_ROOT; then chown -R postgres: "$DATA_DIR"; chown postgres: "$PG_HOME"; fi

  local cluster_major bin_major
  cluster_major="$(cat "$DATA_DIR/PG_VERSION")"
  bin_major="$("$PG_CTL" --version | sed -E 's/.* ([0-9]+)(\.[0-9]+)?.*/\1/')"
  [[ "$cluster_major" == "$bin_major" ]] \
    || die "cluster in $DATA_DIR is PostgreSQL $cluster_major but binaries in $BINDIR are $bin_major"

  if is_running; then
    say "already running on $HOST:$(current_port) (data $DATA_DIR)"
  else
    # Something else on our port (another checkout's cluster?) would make start fail obscurely.
    if "$PG_ISREADY" -q -h "$HOST" -p "$PORT" -t 2 >/dev/null 2>&1; then
      die "another server already listens on $HOST:$PORT; set GCCSAAS_PG_PORT to a free port"
    fi
    as_pg mkdir -p "$SOCKET_DIR"
    if $AS_ROOT; then touch "$LOG_FILE"; chown postgres: "$LOG_FILE"; fi
    say "starting PostgreSQL on $HOST:$PORT (log $LOG_FILE)"
    # -l sends the server's output to the log, so `eval "$(pg.sh start)"` never hangs on it.
    local out
    if ! out="$(as_pg "$PG_CTL" start -D "$DATA_DIR" -l "$LOG_FILE" -w -t 60 -o "-p $PORT" 2>&1)"; then
      printf '%s\n' "$out" >&2
      say "PostgreSQL did not start; last lines of $LOG_FILE:"
      tail -n 25 "$LOG_FILE" >&2 || true
      die "start failed; see $LOG_FILE"
    fi
  fi

  # pg_ctl -w waits for the socket; also wait until TCP on loopback accepts connections.
  local port i; port="$(current_port)"
  for i in $(seq 1 60); do
    "$PG_ISREADY" -q -h "$HOST" -p "$port" -t 1 >/dev/null 2>&1 && break
    (( i == 60 )) && die "PostgreSQL not ready on $HOST:$port after 60s; see $LOG_FILE"
    sleep 1
  done

  ensure_roles_and_database || die "creating roles/database failed; see $LOG_FILE"
  say "ready: database $DB_NAME on $HOST:$port (roles $OWNER_ROLE, $APP_ROLE)"
  print_env
}

stop() {
  if is_running; then
    say "stopping PostgreSQL (data $DATA_DIR)"
    as_pg "$PG_CTL" stop -D "$DATA_DIR" -m fast -w -t 60 >/dev/null \
      || die "stop failed; see $LOG_FILE"
  else
    say "not running"
  fi
}

status() {
  if ! is_initialised; then say "no cluster yet in $DATA_DIR (run: build/pg.sh start)"; return 3; fi
  if is_running; then
    say "running on $HOST:$(current_port) (data $DATA_DIR, log $LOG_FILE)"
  else
    say "stopped (data $DATA_DIR)"; return 3
  fi
}

print_env() {
  load_credentials
  is_running || say "warning: PostgreSQL is not running (run: build/pg.sh start)"
  local port; port="$(current_port)"
  local base="Host=$HOST;Port=$port"
  # Passwords are hex, so single quotes are safe.
  printf "export ConnectionStrings__Default='%s'\n" \
    "$base;Database=$DB_NAME;Username=$APP_ROLE;Password=$GCCSAAS_APP_PASSWORD"
  printf "export ConnectionStrings__Migrations='%s'\n" \
    "$base;Database=$DB_NAME;Username=$OWNER_ROLE;Password=$GCCSAAS_OWNER_PASSWORD"
  printf "export GCCSAAS_PG_ADMIN_CS='%s'\n" \
    "$base;Database=postgres;Username=$OWNER_ROLE;Password=$GCCSAAS_OWNER_PASSWORD"
}

# The first free port from 55432: a fresh clone in CI may meet a developer's cluster (another checkout) on the
# default port. build/test.sh and build/soak.sh use it when no GCCSAAS_PG_PORT was chosen.
free_port() {
  local port=55432
  while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do
    port=$((port + 1)); ((port < 55532)) || die "no free port in 55432-55531; set GCCSAAS_PG_PORT"
  done
  echo "$port"
}

case "${1:-start}" in
  start)     start ;;
  stop)      stop ;;
  status)    status ;;
  env)       print_env ;;
  free-port) free_port ;;
  *) die "usage: build/pg.sh [start|stop|status|env|free-port]" ;;
esac
