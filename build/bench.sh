#!/usr/bin/env bash
# The benchmark of issue 19 (docs/benchmarks.md). Not part of build/test.sh or CI: it measures, it does not pass/fail.
#
#   build/bench.sh generate [--scale 1]      two databases in a separate cluster (.pgdata-bench, port 55480):
#                                            gccsaas (the large tenant at --scale, plus 99 small tenants) and
#                                            gccsaas_growth (the same at --scale x 0.01: 10,000 customers at scale 1)
#   build/bench.sh run [--duration 10] [--concurrency 8] [--sets "gccsaas gccsaas_growth"]
#                                            the host (Release, Production) and the baseline (build/Bench) against each
#                                            set; hey over loopback; writes artifacts/bench/results.md
#   build/bench.sh scaleout [db] [--duration 10] [--concurrency 8]
#                                            PgBouncer (transaction pooling, loopback) in front of the bench cluster and
#                                            three hosts (each a job server) through it; /v1/customers loaded on 1, 2, 3
#                                            hosts together; writes artifacts/bench/scaleout-<db>.md
#   build/bench.sh jobs [db]                 the invitation sweeps over 100,000 due invitations (topped up with one
#                                            INSERT … SELECT), with the statements they issue (pg_stat_statements)
#
# Why a separate cluster: the generated data (gigabytes at scale 1) must never land in the cluster the tests use.
# Everything runs on loopback only; every load is bounded in time (hey -z).
set -euo pipefail
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO_ROOT"
exec </dev/null
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 MSBUILDDISABLENODEREUSE=1 DOTNET_CLI_USE_MSBUILD_SERVER=0
export GCCSAAS_PG_PORT="${GCCSAAS_BENCH_PG_PORT:-55480}"
export GCCSAAS_PG_HOME="${GCCSAAS_BENCH_PG_HOME:-$REPO_ROOT/.pgdata-bench}"
OUT="$REPO_ROOT/artifacts/bench"
HOST_PORT="${GCCSAAS_BENCH_HOST_PORT:-5190}"
BASELINE_PORT="${GCCSAAS_BENCH_BASELINE_PORT:-5191}"
TENANT=contoso-distribution
mkdir -p "$OUT"

say() { printf 'bench.sh: %s\n' "$*" >&2; }
die() { printf 'bench.sh: error: %s\n' "$*" >&2; exit 1; }

ensure_tools() {
  local missing=()
  command -v hey >/dev/null 2>&1 || missing+=(hey)
  command -v wrk >/dev/null 2>&1 || missing+=(wrk)
  [[ -x /usr/sbin/pgbouncer ]] || missing+=(pgbouncer)
  command -v curl >/dev/null 2>&1 || missing+=(curl)
  command -v psql >/dev/null 2>&1 || missing+=(postgresql-client)
  if ((${#missing[@]})); then
    say "installing ${missing[*]}"
    DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 update -q >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y -q --no-install-recommends "${missing[@]}" >/dev/null
  fi
}

start_cluster() {
  bash build/pg.sh start >/dev/null
  eval "$(bash build/pg.sh env)"
  # pg_stat_statements counts what the sweeps and requests issue (bench.sh jobs); loaded once, restart if newly set.
  local conf; conf="$(psql_admin postgres -Atc 'SHOW config_file')"
  if ! psql_admin postgres -Atc 'SHOW shared_preload_libraries' | grep -q pg_stat_statements; then
    say "enabling pg_stat_statements on the bench cluster (restart)"
    runuser -u postgres -- tee -a "$conf" >/dev/null <<'EOF'
shared_preload_libraries = 'pg_stat_statements'
shared_buffers = '1GB'
work_mem = '16MB'
maintenance_work_mem = '512MB'
max_wal_size = '4GB'
checkpoint_timeout = '15min'
EOF
    bash build/pg.sh stop >/dev/null
    bash build/pg.sh start >/dev/null
  fi
}

# psql as the cluster's bootstrap superuser over its socket (peer auth), e.g. psql_admin DB -c SQL.
psql_admin() {
  local db="$1"; shift
  local home="$GCCSAAS_PG_HOME"
  [[ -d "$home/run" ]] || home="/var/tmp/gccsaas-pgdata-$(printf '%s' "$GCCSAAS_PG_HOME" | cksum | cut -d' ' -f1)"
  (cd / && runuser -u postgres -- psql -X -q -h "$home/run" -p "$GCCSAAS_PG_PORT" -U postgres -d "$db" "$@")
}

# The connection strings of pg.sh env with another database name.
with_db() { sed -E "s/Database=[^;]*/Database=$2/" <<<"$1"; }

build_all() {
  if [[ "${GCCSAAS_BENCH_NO_BUILD:-}" != 1 ]]; then
    say "building the host and the bench tool (Release)"
    dotnet build src/Host/GccSaaS.Host -c Release -nodeReuse:false -v quiet -nologo >&2
    dotnet build build/Bench -c Release -nodeReuse:false -v quiet -nologo >&2
  fi
  HOST_DLL="${GCCSAAS_BENCH_HOST_DLL:-$(dotnet msbuild src/Host/GccSaaS.Host -nologo -p:Configuration=Release -getProperty:TargetPath)}"
  BENCH_DLL="$(dotnet msbuild build/Bench -nologo -p:Configuration=Release -getProperty:TargetPath)"
}

HOST_PID=""
BASELINE_PID=""
stop_processes() {
  local pid
  for pid in "$HOST_PID" "$BASELINE_PID"; do
    if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then kill -TERM "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  done
  HOST_PID=""; BASELINE_PID=""
}
trap stop_processes EXIT

wait_for() { # URL SECONDS
  local i
  for i in $(seq 1 "$2"); do
    curl -fsS -o /dev/null "$1" 2>/dev/null && return 0
    sleep 1
  done
  return 1
}

# start_host DB [extra env assignments...]: the product's host in Release and Production on HOST_PORT.
start_host() {
  local db="$1"; shift
  (
    cd src/Host/GccSaaS.Host
    export ConnectionStrings__Default="$(with_db "$ConnectionStrings__Default" "$db")"
    export ConnectionStrings__Migrations="$(with_db "$ConnectionStrings__Migrations" "$db")"
    export ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS="http://127.0.0.1:$HOST_PORT"
    export Portal__PublicBaseUrl="http://127.0.0.1:$HOST_PORT/"
    export Jobs__Enabled=false RateLimiting__PermitsPerMinute=100000000
    # Production refuses an unencrypted key ring (issue 18): a self-signed certificate of the bench's own, beside its results.
    export DataProtection__GenerateCertificate=true DataProtection__GeneratedCertificatePath="$OUT/data-protection.pfx"
    export Logging__LogLevel__Default=Warning
    for assignment in "$@"; do export "${assignment?}"; done
    exec dotnet "$HOST_DLL"
  ) >"$OUT/host-$db-$HOST_PORT.log" 2>&1 &
  HOST_PID=$!
  wait_for "http://127.0.0.1:$HOST_PORT/health/live" 600 || { tail -n 30 "$OUT/host-$db-$HOST_PORT.log" >&2; die "the host did not start"; }
}

start_baseline() {
  local db="$1" tenant_id="$2"
  ConnectionStrings__Default="$(with_db "$ConnectionStrings__Default" "$db")" BENCH_TENANT_ID="$tenant_id" \
    dotnet "$BENCH_DLL" baseline --urls "http://127.0.0.1:$BASELINE_PORT" >"$OUT/baseline-$db.log" 2>&1 &
  BASELINE_PID=$!
  wait_for "http://127.0.0.1:$BASELINE_PORT/baseline/resellers" 120 || { tail -n 30 "$OUT/baseline-$db.log" >&2; die "the baseline did not start"; }
}

generate() {
  local scale=1
  while (($#)); do case "$1" in --scale) scale="$2"; shift 2 ;; *) die "unknown option $1" ;; esac; done
  ensure_tools; start_cluster; build_all
  local growth; growth="$(awk -v s="$scale" 'BEGIN { printf "%.6f", s * 0.01 }')"
  local set db s
  for set in "gccsaas:$scale" "gccsaas_growth:$growth"; do
    db="${set%%:*}"; s="${set#*:}"
    say "$db: fresh database, migrated and demo-seeded by the host itself"
    psql_admin postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "CREATE DATABASE $db OWNER gccsaas_owner" >/dev/null
    psql_admin "$db" -c 'REVOKE CREATE ON SCHEMA public FROM PUBLIC' -c 'CREATE EXTENSION IF NOT EXISTS pg_stat_statements' >/dev/null
    start_host "$db" Database__MigrateOnStartup=true Demo__Seed=true
    stop_processes
    say "$db: loading scale $s through binary COPY"
    ConnectionStrings__Migrations="$(with_db "$ConnectionStrings__Migrations" "$db")" \
      dotnet "$BENCH_DLL" generate --scale "$s" --out "$OUT/$db.env" >&2
    psql_admin "$db" -c 'VACUUM ANALYZE' >/dev/null
    psql_admin "$db" -Atc "SELECT pg_size_pretty(pg_database_size('$db'))" | sed "s/^/bench.sh: $db size: /" >&2
  done
}

rss_mb() { awk '/VmRSS/ { printf "%d", $2 / 1024 }' "/proc/$1/status" 2>/dev/null || echo 0; }

# load NAME URL [AUTH]: hey for DURATION seconds at CONCURRENCY; prints "rps p50ms p99ms".
load() {
  local url="$2" auth="${3:-}" file="$OUT/hey-$CURRENT_SET-$1.txt"
  local args=(-z "${DURATION}s" -c "$CONCURRENCY")
  [[ -n "$auth" ]] && args+=(-H "Authorization: Bearer $auth")
  hey "${args[@]}" "$url" >"$file" 2>&1 || true
  local non200; non200="$(awk '/Status code distribution/ { on = 1; next } on && /\[[0-9]+\]/ && !/\[200\]/ { n += $2 } END { print n + 0 }' "$file")"
  ((non200 == 0)) || say "warning: $1 answered $non200 non-200 responses (see $file)"
  awk '/Requests\/sec/ { rps = $2 } /Slowest/ { slow = $2 * 1000 } /50%+ in/ { p50 = $3 * 1000 } /99%+ in/ { p99 = $3 * 1000 }
       END { if (p99 == 0) p99 = slow; printf "%.0f %.1f %.1f\n", rps, p50, p99 }' "$file"
}

# The product's continuation token some pages into the customers list (keyset paging: depth should not matter).
deep_token() {
  local token="" i body
  for i in $(seq 1 "${DEEP_PAGES:-20}"); do
    body="$(curl -fsS -H "Authorization: Bearer $BENCH_API_KEY" \
      "http://127.0.0.1:$HOST_PORT/v1/customers?size=500${token:+&continuationToken=$token}")"
    token="$(python3 -c 'import json,sys,urllib.parse; d=json.load(sys.stdin); print(urllib.parse.quote(d.get("continuationToken") or "", safe=""))' <<<"$body")"
    [[ -n "$token" ]] || break
  done
  printf '%s\n' "$token"
}

# A portal session of the demo global admin (cookie jar in $1).
sign_in() {
  local jar="$1" page token
  page="$(curl -fsS -c "$jar" -b "$jar" "http://127.0.0.1:$HOST_PORT/account/sign-in")"
  token="$(sed -n 's/.*name="__RequestVerificationToken" type="hidden" value="\([^"]*\)".*/\1/p' <<<"$page" | head -n1)"
  curl -fsS -o /dev/null -c "$jar" -b "$jar" -X POST "http://127.0.0.1:$HOST_PORT/account/sign-in" \
    --data-urlencode "Email=global.admin@contoso.demo" --data-urlencode "Password=GccSaaS-Demo-2026!" \
    --data-urlencode "__RequestVerificationToken=$token"
}

# Checkout of a one-line cart with a fresh request id each time (issue 19). Before the timed phase, CHECKOUT_CARTS
# (default 3000) one-line carts are created through the API for customers of the large tenant that have orders, each
# with one commercial offer of the catalogue (quantity 1, a term and cycle it prices); then wrk
# (build/bench/checkout.lua) checks them out for DURATION seconds, each with a fresh MS-RequestId. Prints
# "rps p50ms p99ms statuses"; 201 is a checkout, 200 a cart checked out before (when the carts ran out).
checkout_load() {
  local h="$1" n="${CHECKOUT_CARTS:-3000}" list="$OUT/carts-$CURRENT_SET.txt"
  : >"$list"
  # One commercial offer the catalogue sells (any term and cycle it prices), for customers that already have orders.
  psql_admin "$CURRENT_SET" -AtF' ' -c "WITH offer AS (
        SELECT o.id, p.term_duration, p.billing_cycle FROM ordering.offers o JOIN ordering.offer_prices p ON p.offer_id = o.id
         WHERE o.segment = 'Commercial' AND NOT o.retired AND o.minimum_quantity = 1 AND o.country = 'US' ORDER BY o.id LIMIT 1)
      SELECT c.customer_id, offer.id, offer.term_duration, offer.billing_cycle
        FROM (SELECT DISTINCT customer_id FROM ordering.subscriptions WHERE tenant_id = '$BENCH_TENANT_ID' AND status = 'Active' LIMIT $n) c, offer" |
    BENCH_API_KEY="$BENCH_API_KEY" xargs -P 4 -L 1 bash -c '
      body="{\"lineItems\":[{\"catalogItemId\":\"$1\",\"quantity\":1,\"termDuration\":\"$2\",\"billingCycle\":\"$3\"}],\"partnerOnRecordAttestationAccepted\":true}"
      cart="$(curl -fsS -X POST -H "Authorization: Bearer $BENCH_API_KEY" -H "MS-RequestId: $(cat /proc/sys/kernel/random/uuid)" \
        -H "Content-Type: application/json" --data "$body" "'"$h"'/v1/customers/$0/carts" |
        grep -o "\"id\":\"[0-9a-f-]*\"" | head -n1 | cut -d"\"" -f4)" && [[ -n "$cart" ]] && echo "$0 $cart"' >>"$list" || true
  local carts; carts="$(wc -l <"$list")"
  ((carts > 0)) || { say "warning: no cart could be created for the checkout scenario"; echo "0 0 0 none"; return; }
  say "$CURRENT_SET: $carts one-line carts ready for the checkout scenario"
  local result
  result="$(CARTS_FILE="$list" WRK_THREADS=2 BENCH_API_KEY="$BENCH_API_KEY" \
    wrk -t 2 -c "$CONCURRENCY" -d "${DURATION}s" --latency -s build/bench/checkout.lua "$h" 2>&1 | tee "$OUT/wrk-$CURRENT_SET-checkout.txt" | awk '/^CHECKOUT/ { print $2, $3, $4, $5 }')"
  echo "${result:-0 0 0 none}"
}

run_set() {
  local db="$1"
  CURRENT_SET="$db"
  [[ -f "$OUT/$db.env" ]] || die "no generated data for $db: run build/bench.sh generate first"
  # shellcheck disable=SC1090
  source "$OUT/$db.env"
  start_host "$db"
  start_baseline "$db" "$BENCH_TENANT_ID"
  local h="http://127.0.0.1:$HOST_PORT" b="http://127.0.0.1:$BASELINE_PORT/baseline"
  local idle; idle="$(rss_mb "$HOST_PID")"
  local deep; deep="$(deep_token)"
  local deep_after; deep_after="$(psql_admin "$db" -Atc "SELECT sort_name FROM customers.customers WHERE tenant_id = '$BENCH_TENANT_ID' ORDER BY sort_name, customer_tenant_id OFFSET $((${DEEP_PAGES:-20} * 500)) LIMIT 1")"
  local word="alpine"
  # name | product URL | product key | baseline URL
  local scenarios=(
    "health (framework floor)|$h/health/live||"
    "profiles/me (API key only)|$h/v1/profiles/me|$BENCH_API_KEY|"
    "customers: first page|$h/v1/customers|$BENCH_API_KEY|$b/customers"
    "customers: deep page|$h/v1/customers?continuationToken=$deep|$BENCH_API_KEY|$b/customers?after=$(python3 -c 'import sys,urllib.parse; print(urllib.parse.quote(sys.argv[1]))' "$deep_after")"
    "customers: search by name|$h/v1/customers?search=$word|$BENCH_API_KEY|$b/customers?search=$word"
    "customers: by reseller|$h/v1/customers?resellerId=$BENCH_RESELLER_ID|$BENCH_API_KEY|$b/customers?reseller=$BENCH_RESELLER_ORG_ID"
    "customer account|$h/v1/customers/$BENCH_CUSTOMER_ID|$BENCH_API_KEY|$b/customers/$BENCH_CUSTOMER_ID"
    "customer's subscriptions|$h/v1/customers/$BENCH_CUSTOMER_ID/subscriptions|$BENCH_API_KEY|$b/customers/$BENCH_CUSTOMER_ID/subscriptions"
    "provider-wide subscriptions|$h/v1/subscriptions|$BENCH_API_KEY|$b/subscriptions"
    "indirect resellers|$h/v1/relationships?relationship_type=IsIndirectCloudSolutionProviderOf|$BENCH_API_KEY|$b/resellers"
    "validation queue|$h/v1/platform/validationcases|$BENCH_PLATFORM_KEY|$b/validationqueue"
  )
  local line name url key base p bl peak=0 rss
  for line in "${scenarios[@]}"; do
    IFS='|' read -r name url key base <<<"$line"
    # SCENARIOS="profiles|first page" measures only the matching ones (e.g. before/after a change).
    [[ -z "${SCENARIOS:-}" ]] || grep -Eq "$SCENARIOS" <<<"$name" || continue
    # warm up (JIT, plans, caches), then measure
    DURATION=2 CONCURRENCY=2 load "warmup" "$url" "$key" >/dev/null
    p="$(load "$(tr -c 'a-z0-9' '-' <<<"$name")" "$url" "$key")"
    rss="$(rss_mb "$HOST_PID")"; ((rss > peak)) && peak="$rss"
    if [[ -n "$base" ]]; then
      DURATION=2 CONCURRENCY=2 load "warmup" "$base" >/dev/null
      bl="$(load "baseline-$(tr -c 'a-z0-9' '-' <<<"$name")" "$base")"
    else
      bl="- - -"
    fi
    printf '%s|%s|%s\n' "$name" "$p" "$bl" >>"$OUT/raw-$db.txt"
    say "$db: $name: product $p, baseline $bl"
  done

  # Checkout of a one-line cart (a write: no baseline; the target is 200 per second).
  if [[ -z "${SCENARIOS:-}" ]] || grep -Eq "$SCENARIOS" <<<"checkout"; then
    local co; co="$(checkout_load "$h")"
    echo "checkout|$co" >>"$OUT/raw-$db.txt"
    say "$db: checkout of a one-line cart: $co (req/s p50 p99 statuses)"
  fi

  if [[ -n "${SCENARIOS:-}" ]]; then echo "idle|$idle" >>"$OUT/raw-$db.txt"; echo "peak_under_load|$peak" >>"$OUT/raw-$db.txt"; stop_processes; return; fi
  # CSV export of every customer through the portal, with the host's peak memory while it streams.
  local jar="$OUT/cookies-$db.txt"; rm -f "$jar"; sign_in "$jar"
  local before; before="$(rss_mb "$HOST_PID")"
  local csv_peak="$before" start end
  start=$(date +%s.%N)
  curl -fsS -b "$jar" -o "$OUT/export-$db.csv" "$h/$TENANT/customers/export.csv" &
  local curl_pid=$!
  while kill -0 "$curl_pid" 2>/dev/null; do
    rss="$(rss_mb "$HOST_PID")"; ((rss > csv_peak)) && csv_peak="$rss"; sleep 0.2
  done
  wait "$curl_pid" || say "warning: the CSV export failed"
  end=$(date +%s.%N)
  local rows; rows="$(($(wc -l <"$OUT/export-$db.csv") - 1))"
  start_b=$(date +%s.%N)
  curl -fsS -o "$OUT/export-baseline-$db.csv" "$b/customers.csv"
  end_b=$(date +%s.%N)

  # Signing in and loading the dashboard, sequentially (an interactive user's path, antiforgery and all).
  local n="${SIGNIN_ROUNDS:-20}" t0 t1 times=()
  for _ in $(seq 1 "$n"); do
    t0=$(date +%s%N); rm -f "$jar.s"; sign_in "$jar.s"
    curl -fsS -o /dev/null -b "$jar.s" "$h/$TENANT/"; t1=$(date +%s%N)
    times+=("$(((t1 - t0) / 1000000))")
  done
  local sorted; sorted="$(printf '%s\n' "${times[@]}" | sort -n)"
  local s50 s99; s50="$(sed -n "$(((n + 1) / 2))p" <<<"$sorted")"; s99="$(tail -n1 <<<"$sorted")"

  {
    echo "idle|$idle"; echo "peak_under_load|$peak"
    echo "csv|$rows|$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.1f", b - a }')|$before|$csv_peak|$(awk -v a="$start_b" -v b="$end_b" 'BEGIN { printf "%.1f", b - a }')"
    echo "signin|$n|$s50|$s99"
  } >>"$OUT/raw-$db.txt"
  stop_processes
}

report() {
  local file="$OUT/results.md" db
  {
    echo "# Benchmark results ($(date -u +%Y-%m-%dT%H:%MZ))"
    echo
    echo "$(nproc) cores, $(free -g | awk '/Mem:/ { print $2 }') GiB; hey -z ${DURATION}s -c $CONCURRENCY over loopback; host in Release, Production; PostgreSQL $(psql_admin postgres -Atc 'SHOW server_version' | cut -d' ' -f1)."
    for db in $SETS; do
      [[ -f "$OUT/raw-$db.txt" ]] || continue
      # shellcheck disable=SC1090
      source "$OUT/$db.env"
      echo
      echo "## $db ($BENCH_CUSTOMERS customers in the large tenant)"
      echo
      echo "| scenario | product req/s | p50 ms | p99 ms | baseline req/s | p50 ms | p99 ms | throughput ratio |"
      echo "|---|---:|---:|---:|---:|---:|---:|---:|"
      awk -F'|' 'NF == 3 && $1 != "checkout" { split($2, p, " "); split($3, b, " ");
          ratio = (b[1] == "-" || b[1] == 0) ? "-" : sprintf("%.2f", p[1] / b[1]);
          printf "| %s | %s | %s | %s | %s | %s | %s | %s |\n", $1, p[1], p[2], p[3], b[1], b[2], b[3], ratio }' "$OUT/raw-$db.txt"
      echo
      awk -F'|' -v conc="$CONCURRENCY" '$1 == "idle" { print "- host memory idle: " $2 " MB" }
                 $1 == "peak_under_load" { print "- host memory under load (peak of samples after each scenario): " $2 " MB" }
                 $1 == "csv" { print "- CSV export of " $2 " customers: " $3 " s, host memory " $4 " MB before, " $5 " MB peak (" $5 - $4 " MB over); baseline " $6 " s" }
                 $1 == "checkout" { split($2, c, " "); print "- checkout of a one-line cart, fresh MS-RequestId each (wrk -c " conc "): " c[1] " req/s, p50 " c[2] " ms, p99 " c[3] " ms (statuses " c[4] "; target 200 req/s)" }
                 $1 == "signin" { print "- sign in + dashboard, " $2 " rounds one after another: p50 " $3 " ms, max " $4 " ms" }' "$OUT/raw-$db.txt"
    done
  } >"$file"
  cat "$file"
}

run() {
  DURATION=10; CONCURRENCY=8; SETS="gccsaas gccsaas_growth"
  while (($#)); do case "$1" in
    --duration) DURATION="$2"; shift 2 ;;
    --concurrency) CONCURRENCY="$2"; shift 2 ;;
    --sets) SETS="$2"; shift 2 ;;
    *) die "unknown option $1" ;;
  esac; done
  ensure_tools; start_cluster; build_all
  local db
  for db in $SETS; do rm -f "$OUT/raw-$db.txt"; run_set "$db"; done
  report
}

# The invitation sweeps (R-REL-7) over the generated due invitations of the large tenant: the host with its job
# server on, the statements PostgreSQL saw (pg_stat_statements, reset first) and Hangfire's own performance duration.
jobs() {
  local db="${1:-gccsaas}"
  ensure_tools; start_cluster; build_all
  # shellcheck disable=SC1090
  source "$OUT/$db.env"
  # Top the large tenant up to GCCSAAS_BENCH_DUE (default 100,000) due invitations, whatever the scale, with the
  # tenant set as every tenant write is (one set-based INSERT), so the sweep has the issue's amount of work.
  local want="${GCCSAAS_BENCH_DUE:-100000}"
  psql_admin "$db" -v ON_ERROR_STOP=1 -q <<SQL >/dev/null
BEGIN;
SELECT set_config('app.tenant_id', '$BENCH_TENANT_ID', true);
INSERT INTO relationships.invitations (tenant_id, id, kind, status, token_hash, invited_email, created_by_user_id, created_by_name,
    culture, created_at, expires_at, send_count)
SELECT '$BENCH_TENANT_ID', gen_random_uuid(), 'Partnership', 'Pending', sha256(convert_to(g::text || clock_timestamp()::text, 'UTF8')),
       'due' || g || '@reseller.example.com', '00000000-0000-4000-8000-000000000019', 'Bench Loader', 'en',
       now() - interval '40 days', now() - interval '10 days' - g * interval '1 second', 1
  FROM generate_series(1, greatest(0, $want - (SELECT count(*) FROM relationships.invitations
       WHERE tenant_id = '$BENCH_TENANT_ID' AND status = 'Pending' AND expires_at <= now()))) AS g;
COMMIT;
SQL
  local due; due="$(psql_admin "$db" -Atc "SELECT count(*) FROM relationships.invitations WHERE tenant_id = '$BENCH_TENANT_ID' AND status = 'Pending' AND expires_at <= now()")"
  say "$db: $due due invitations in the large tenant; starting the host with its job server"
  psql_admin "$db" -c 'SELECT pg_stat_statements_reset()' >/dev/null
  start_host "$db" Jobs__Enabled=true Relationships__SweepInterval=00:01:00
  local i left="$due" started; started=$(date +%s)
  for i in $(seq 1 300); do
    left="$(psql_admin "$db" -Atc "SELECT count(*) FROM relationships.invitations WHERE tenant_id = '$BENCH_TENANT_ID' AND status = 'Pending' AND expires_at <= now()")"
    ((left == 0)) && break
    sleep 2
  done
  local committed=$(($(date +%s) - started))
  # The outbox dispatch of the notifications the expiry wrote (after its commit, 50 per claim), up to
  # GCCSAAS_BENCH_DISPATCH_WAIT seconds (default 600).
  for i in $(seq 1 $((${GCCSAAS_BENCH_DISPATCH_WAIT:-600} / 2))); do
    [[ "$(psql_admin "$db" -Atc "SELECT count(*) FROM relationships.outbox_messages WHERE processed_at IS NULL")" == 0 ]] && break
    sleep 2
  done
  local dispatched=$(($(date +%s) - started))
  sleep 5   # let the reminder sweep of the same minute finish too
  stop_processes
  local file="$OUT/jobs-$db.md"
  {
    echo "## Invitation sweeps on $db ($due due invitations in the large tenant, $left left after the run)"
    echo
    echo "From the host's start (the sweep runs within its first minute): expiry committed after ${committed} s; $(psql_admin "$db" -Atc "SELECT count(*) FROM relationships.outbox_messages WHERE processed_at IS NULL") outbox messages still undispatched after ${dispatched} s."
    echo
    echo "Hangfire's performance duration of each sweep run (ms):"
    echo
    echo '```'
    psql_admin "$db" -Atc "SELECT j.invocationdata->>'Arguments' AS job, s.data::jsonb->>'PerformanceDuration' AS ms
      FROM hangfire.state s JOIN hangfire.job j ON j.id = s.jobid
     WHERE s.name = 'Succeeded' AND j.invocationdata::text LIKE '%invitation-%' ORDER BY s.createdat"
    echo '```'
    echo
    echo "Statements with the most calls during the run (pg_stat_statements):"
    echo
    echo '```'
    psql_admin "$db" -Atc "SELECT calls, rows, round(total_exec_time)::text || ' ms', left(regexp_replace(query, '\s+', ' ', 'g'), 150)
      FROM pg_stat_statements WHERE query ILIKE '%invitation%' OR query ILIKE '%outbox%' OR query ILIKE '%notifications.%' OR query ILIKE '%webhook%' ORDER BY calls DESC LIMIT 16"
    echo '```'
  } >"$file"
  cat "$file"
}

# Three hosts behind PgBouncer in transaction pooling mode (issue 19, docs/scale-out.md). PgBouncer listens on
# loopback (PGBOUNCER_PORT, default 55481) in front of the bench cluster; each host is a job server with its own port
# and reaches PostgreSQL only through PgBouncer (No Reset On Close: the tenant setting is transaction-local, so there is
# no session state to reset). The load is the customers list's first page, CONCURRENCY clients split over 1, 2, then
# 3 hosts at once; on the same 2 cores this measures the overhead per host, not a speed-up.
PGB_PID_FILE=""
SCALEOUT_PIDS=()
scaleout() {
  local db="gccsaas"; DURATION=10; CONCURRENCY=8
  while (($#)); do case "$1" in
    --duration) DURATION="$2"; shift 2 ;;
    --concurrency) CONCURRENCY="$2"; shift 2 ;;
    --*) die "unknown option $1" ;;
    *) db="$1"; shift ;;
  esac; done
  ensure_tools; start_cluster; build_all
  [[ -f "$OUT/$db.env" ]] || die "no generated data for $db: run build/bench.sh generate first"
  # shellcheck disable=SC1090
  source "$OUT/$db.env"
  local app; app="$(with_db "$ConnectionStrings__Default" "$db")"
  local user pass; user="$(sed -nE 's/.*Username=([^;]*).*/\1/p' <<<"$app")"; pass="$(sed -nE 's/.*Password=([^;]*).*/\1/p' <<<"$app")"
  local pg_host; pg_host="$(sed -nE 's/.*Host=([^;]*).*/\1/p' <<<"$app")"
  local pgb_port="${PGBOUNCER_PORT:-55481}" dir="$OUT/pgbouncer"
  mkdir -p "$dir"; chmod 0777 "$dir"
  printf '"%s" "%s"\n' "$user" "$pass" >"$dir/userlist.txt"
  cat >"$dir/pgbouncer.ini" <<INI
[databases]
$db = host=$pg_host port=$GCCSAAS_PG_PORT dbname=$db

[pgbouncer]
listen_addr = 127.0.0.1
listen_port = $pgb_port
unix_socket_dir =
auth_type = trust
auth_file = $dir/userlist.txt
pool_mode = transaction
default_pool_size = ${PGBOUNCER_POOL_SIZE:-20}
max_client_conn = 1000
server_reset_query =
ignore_startup_parameters = extra_float_digits
logfile = $dir/pgbouncer.log
pidfile = $dir/pgbouncer.pid
INI
  chmod 0644 "$dir"/*
  PGB_PID_FILE="$dir/pgbouncer.pid"
  runuser -u postgres -- /usr/sbin/pgbouncer -d "$dir/pgbouncer.ini"
  trap 'stop_processes; stop_scaleout' EXIT
  wait_port "$pgb_port" 30 || die "PgBouncer did not start (see $dir/pgbouncer.log)"
  local through="Host=127.0.0.1;Port=$pgb_port;Database=$db;Username=$user;Password=$pass;No Reset On Close=true"
  local ports=("$HOST_PORT" "$((HOST_PORT + 2))" "$((HOST_PORT + 3))") port pids=()
  for port in "${ports[@]}"; do
    HOST_PORT="$port" start_host "$db" "ConnectionStrings__Default=$through" Jobs__Enabled=true
    pids+=("$HOST_PID"); SCALEOUT_PIDS+=("$HOST_PID"); HOST_PID=""
  done
  HOST_PID=""
  local file="$OUT/scaleout-$db.md" k i total per
  {
    echo "## Three hosts behind PgBouncer (transaction pooling) on $db, $(date -u +%Y-%m-%dT%H:%MZ)"
    echo
    echo "$(nproc) cores; uptime: $(uptime | sed 's/.*load average/load average/'); /v1/customers first page; hey -z ${DURATION}s, $CONCURRENCY clients split over the hosts; PgBouncer pool ${PGBOUNCER_POOL_SIZE:-20} server connections."
    echo
    echo "| hosts | total req/s | per host req/s (p50 / p99 ms) |"
    echo "|---:|---:|---|"
  } >"$file"
  for k in 1 2 3; do
    local c=$((CONCURRENCY / k)); ((c > 0)) || c=1
    for i in $(seq 0 $((k - 1))); do
      DURATION=2 CONCURRENCY=1 CURRENT_SET="$db-warm$i" load "warmup" "http://127.0.0.1:${ports[$i]}/v1/customers" "$BENCH_API_KEY" >/dev/null
    done
    local outs=()
    for i in $(seq 0 $((k - 1))); do
      (CURRENT_SET="$db-scaleout$k" CONCURRENCY="$c" load "host$i" "http://127.0.0.1:${ports[$i]}/v1/customers" "$BENCH_API_KEY" >"$OUT/scaleout-$k-$i.txt") &
      outs+=("$!")
    done
    wait "${outs[@]}"
    total=0; per=""
    for i in $(seq 0 $((k - 1))); do
      read -r rps p50 p99 <"$OUT/scaleout-$k-$i.txt"
      total=$((total + rps)); per+="${per:+, }$rps ($p50 / $p99)"
    done
    echo "| $k | $total | $per |" >>"$file"
    say "scaleout: $k host(s): $total req/s in all ($per)"
  done
  for port in "${pids[@]}"; do HOST_PID="$port"; stop_processes; done
  stop_scaleout
  cat "$file"
}

stop_scaleout() {
  local pid
  for pid in "${SCALEOUT_PIDS[@]}"; do
    if kill -0 "$pid" 2>/dev/null; then kill -TERM "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  done
  SCALEOUT_PIDS=()
  if [[ -n "$PGB_PID_FILE" && -f "$PGB_PID_FILE" ]]; then
    kill -TERM "$(cat "$PGB_PID_FILE")" 2>/dev/null || true
  fi
  PGB_PID_FILE=""
}

wait_port() { # PORT SECONDS
  local i
  for i in $(seq 1 "$2"); do
    (echo >"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
    sleep 1
  done
  return 1
}

case "${1:-}" in
  generate) shift; generate "$@" ;;
  run) shift; run "$@" ;;
  jobs) shift; jobs "$@" ;;
  scaleout) shift; scaleout "$@" ;;
  *) die "usage: build/bench.sh generate [--scale 1] | run [--duration 10] [--concurrency 8] [--sets \"gccsaas gccsaas_growth\"] | jobs [db] | scaleout [db]" ;;
esac
