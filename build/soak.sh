#!/usr/bin/env bash
# The generated tests at soak size, and the fault tests with many kills (issue 18).
#
#   bash build/soak.sh                       (any cwd; works with CI=true and no stdin)
#
# Size (environment):
#   GCCSAAS_SOAK_ROUNDS   rounds of the authorisation matrix's first phase, and hostile-value rounds per field in the
#                         two hostile batteries (default 25: > 50,000 matrix attempts, > 5,000 hostile inputs).
#                         build/test.sh leaves it unset: 1 round, the figures of docs/reliability.md's first table.
#   GCCSAAS_FAULT_KILLS   SIGKILLs of the host process during checkouts, acceptances and creations (default 20;
#                         build/test.sh: 3).
#   SOAK_NO_BUILD=1       use the existing Release build.
#
# Database: when ConnectionStrings__Default and GCCSAAS_PG_ADMIN_CS are already set (a developer ran
# `eval "$(bash build/pg.sh env)"`), that cluster is used and left alone; otherwise the project-local cluster is
# started as build/test.sh does, and stopped at the end if this run started it.
#
# Output: the test log, then the figures (artifacts/reliability/*.json) as the last lines.
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO_ROOT"
exec </dev/null

export GCCSAAS_SOAK_ROUNDS="${GCCSAAS_SOAK_ROUNDS:-25}"
export GCCSAAS_FAULT_KILLS="${GCCSAAS_FAULT_KILLS:-20}"
TIMEOUT="${GCCSAAS_SOAK_TIMEOUT:-7200}"
RESULTS_DIR="$REPO_ROOT/artifacts/soak-results"
REPORT_DIR="$REPO_ROOT/artifacts/reliability"

log() { printf '\n=== %s\n' "$*" >&2; }
die() { printf 'soak.sh: error: %s\n' "$*" >&2; exit 1; }
command -v dotnet >/dev/null 2>&1 || die "the .NET SDK (dotnet) is not installed"

PG_STARTED_HERE=false
if [[ -n "${ConnectionStrings__Default:-}" && -n "${GCCSAAS_PG_ADMIN_CS:-}" ]]; then
  log "using the database of the environment (ConnectionStrings__Default)"
else
  if ! bash build/pg.sh status >/dev/null 2>&1; then PG_STARTED_HERE=true; fi
  if $PG_STARTED_HERE && [[ -z "${GCCSAAS_PG_PORT:-}" ]]; then
    GCCSAAS_PG_PORT="$(bash build/pg.sh free-port)" || die "no free port for PostgreSQL; set GCCSAAS_PG_PORT"
    export GCCSAAS_PG_PORT
  fi
  log "starting PostgreSQL"
  bash build/pg.sh start >/dev/null
  eval "$(bash build/pg.sh env)"
fi
stop_pg() {
  if $PG_STARTED_HERE; then PG_STARTED_HERE=false; bash build/pg.sh stop >/dev/null 2>&1 || true; fi
}
trap stop_pg EXIT

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export MSBUILDDISABLENODEREUSE=1 DOTNET_CLI_USE_MSBUILD_SERVER=0

if [[ "${SOAK_NO_BUILD:-}" != 1 ]]; then
  log "dotnet build tests/GccSaaS.IntegrationTests -c Release"
  dotnet build tests/GccSaaS.IntegrationTests -c Release -nodeReuse:false -p:UseSharedCompilation=false
fi

rm -rf "$RESULTS_DIR" "$REPORT_DIR"
mkdir -p "$RESULTS_DIR"
filter="FullyQualifiedName~IntegrationTests.Security.AuthorizationMatrixTests|FullyQualifiedName~IntegrationTests.Security.HostileApiBodiesTests|FullyQualifiedName~IntegrationTests.Security.HostilePortalFormsTests|FullyQualifiedName~IntegrationTests.Reliability."
log "soak: GCCSAAS_SOAK_ROUNDS=$GCCSAAS_SOAK_ROUNDS GCCSAAS_FAULT_KILLS=$GCCSAAS_FAULT_KILLS (timeout ${TIMEOUT}s)"
started=$(date +%s)
rc=0
timeout --kill-after=30 "$TIMEOUT" \
  dotnet test tests/GccSaaS.IntegrationTests -c Release --no-build --filter "$filter" \
    --logger "trx;LogFileName=soak.trx" --logger "console;verbosity=normal" \
    --results-directory "$RESULTS_DIR" || rc=$?
elapsed=$(( $(date +%s) - started ))

stop_pg

# --- Figures ------------------------------------------------------------------------------------
printf '\nSoak figures (GCCSAAS_SOAK_ROUNDS=%s, GCCSAAS_FAULT_KILLS=%s, %ss):\n' "$GCCSAAS_SOAK_ROUNDS" "$GCCSAAS_FAULT_KILLS" "$elapsed"
if command -v python3 >/dev/null 2>&1; then
  python3 - "$REPORT_DIR" <<'PY'
import json, os, sys
d = sys.argv[1]
def load(name):
    p = os.path.join(d, name)
    return json.load(open(p)) if os.path.exists(p) else {}
s = load("summary.json")
m = s.get("authorizationMatrix", {})
a = s.get("hostileApiBodies", {})
f = s.get("hostilePortalForms", {})
print(f"  matrix: {m.get('attempts', '?')} attempts over {m.get('routesCovered', '?')} routes, {m.get('leaks', '?')} leaks, {m.get('serverErrors', '?')} 5xx, {m.get('policyMismatches', '?')} policy mismatches")
hi = (a.get('hostileInputs') or 0) + (f.get('hostileInputs') or 0)
he = (a.get('serverErrors') or 0) + (f.get('serverErrors') or 0)
print(f"  hostile inputs: {hi} ({a.get('hostileInputs', '?')} API bodies over {a.get('routesCovered', '?')} routes, {f.get('hostileInputs', '?')} portal forms over {f.get('routesCovered', '?')} handlers), {he} 5xx")
for name in ("concurrency.json", "faults.json"):
    for case, outcome in load(name).items():
        print(f"  {case}: {outcome}")
PY
else
  cat "$REPORT_DIR"/*.json 2>/dev/null || true
fi
trx="$RESULTS_DIR/soak.trx"
if [[ -f "$trx" ]]; then
  counters="$(grep -o '<Counters [^>]*>' "$trx" | head -n1)"
  passed="$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")"
  failed="$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")"
  printf '%s passed, %s failed\n' "${passed:-0}" "${failed:-0}"
else
  printf 'no TRX: the run crashed or timed out (exit %s)\n' "$rc"
fi
exit "$rc"
