#!/usr/bin/env bash
# What CI runs (via .ci/run) on a fresh Debian machine, and what a developer runs before pushing.
#
#   bash build/test.sh          (any cwd; works with CI=true and no stdin)
#
# Why each step:
#  - install only what is missing (PostgreSQL server, Chromium, fonts), so a fresh machine works
#    and a prepared one skips apt entirely;
#  - start the project-local PostgreSQL (build/pg.sh), because integration tests prove RLS for real;
#  - install the pinned OpenAPI linter (npm ci in build/lint, skipped when already installed), because
#    OpenApiLintTests lints the served /openapi/v1.json with it (GCCSAAS_SPECTRAL);
#  - build the solution once, then run every tests/*/*.csproj with --no-build, one after another
#    (2 cores), each under a timeout, carrying on past a failing project;
#  - count results from the TRX files, print `N passed, N failed, N skipped` as the LAST line,
#    and exit non-zero on any failure, any crashed/timed-out project, or when no test ran at all.
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO_ROOT"
exec </dev/null   # nothing here may wait for input

RESULTS_DIR="$REPO_ROOT/artifacts/test-results"
PROJECT_TIMEOUT="${GCCSAAS_TEST_TIMEOUT:-1500}"   # seconds per test project
CHROMIUM=/usr/bin/chromium

log() { printf '\n=== %s\n' "$*" >&2; }
die() { printf 'test.sh: error: %s\n' "$*" >&2; exit 1; }

# --- 1. Install what a fresh machine lacks --------------------------------------------------
have_pg_server() {
  command -v initdb >/dev/null 2>&1 || compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null
}
missing=()
have_pg_server || missing+=(postgresql)
[[ -x "$CHROMIUM" ]] || missing+=(chromium)
dpkg-query -W -f='${Status}' fonts-liberation 2>/dev/null | grep -q 'ok installed' || missing+=(fonts-liberation)
command -v npm >/dev/null 2>&1 || missing+=(nodejs npm)
# Issue 19: Tenancy/PgBouncerTests runs the application role through PgBouncer in transaction pooling mode.
command -v pgbouncer >/dev/null 2>&1 || [[ -x /usr/sbin/pgbouncer ]] || missing+=(pgbouncer)
if ((${#missing[@]})); then
  log "installing missing packages: ${missing[*]}"
  SUDO=()
  if [[ "$(id -u)" -ne 0 ]]; then
    command -v sudo >/dev/null 2>&1 || die "need root (or sudo) to install: ${missing[*]}"
    SUDO=(sudo -n)
  fi
  export DEBIAN_FRONTEND=noninteractive
  "${SUDO[@]}" apt-get -o DPkg::Lock::Timeout=300 update -q
  "${SUDO[@]}" apt-get -o DPkg::Lock::Timeout=300 install -y -q --no-install-recommends "${missing[@]}"
fi
command -v dotnet >/dev/null 2>&1 || die "the .NET SDK (dotnet) is not installed"

# --- 2. PostgreSQL ----------------------------------------------------------------------------
# Stop it at the end only if this run started it (a developer's running cluster stays up).
PG_STARTED_HERE=false
if ! bash build/pg.sh status >/dev/null 2>&1; then PG_STARTED_HERE=true; fi
stop_pg() {
  if $PG_STARTED_HERE; then PG_STARTED_HERE=false; bash build/pg.sh stop >/dev/null 2>&1 || true; fi
}
trap stop_pg EXIT
# CI runs a fresh clone on a machine where a developer's cluster (another checkout) may
# still hold the default port: when no port was chosen, take the first free one.
if $PG_STARTED_HERE && [[ -z "${GCCSAAS_PG_PORT:-}" ]]; then
  GCCSAAS_PG_PORT="$(bash build/pg.sh free-port)" || die "no free port for PostgreSQL; set GCCSAAS_PG_PORT"
  export GCCSAAS_PG_PORT
fi
log "starting PostgreSQL"
bash build/pg.sh start >/dev/null
eval "$(bash build/pg.sh env)"

# --- 3. Environment for the test projects --------------------------------------------------------
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
# No MSBuild nodes or compiler servers left running after CI.
export MSBUILDDISABLENODEREUSE=1 DOTNET_CLI_USE_MSBUILD_SERVER=0
# Browser tests use Debian's Chromium; Playwright must never download a browser.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
export PLAYWRIGHT_CHROMIUM_EXECUTABLE="$CHROMIUM" GCCSAAS_CHROMIUM="$CHROMIUM"

# --- 3b. The OpenAPI linter (build/lint: package.json + package-lock.json pin @stoplight/spectral-cli and the OWASP ruleset)
# npm ci into the git-ignored build/lint/node_modules, only when the lock file changed since the last install. No install
# scripts run (none is needed; one would only send telemetry). If it fails, OpenApiLintTests fails under CI and says why.
LINT_DIR="$REPO_ROOT/build/lint"
export GCCSAAS_SPECTRAL="$LINT_DIR/node_modules/.bin/spectral"
lint_stamp="$LINT_DIR/node_modules/.gccsaas-lock.sha256"
lint_lock="$(sha256sum "$LINT_DIR/package-lock.json" | cut -d' ' -f1)"
if [[ -x "$GCCSAAS_SPECTRAL" && -f "$lint_stamp" && "$(cat "$lint_stamp")" == "$lint_lock" ]]; then
  log "OpenAPI linter: installed (build/lint)"
else
  log "OpenAPI linter: npm ci in build/lint"
  if SCARF_ANALYTICS=false timeout 300 npm ci --prefix "$LINT_DIR" --ignore-scripts --prefer-offline --no-audit --no-fund --loglevel=error; then
    printf '%s\n' "$lint_lock" >"$lint_stamp"
  else
    printf 'test.sh: npm ci in build/lint failed; OpenApiLintTests will fail\n' >&2
  fi
fi

# --- 4. Build once --------------------------------------------------------------------------------
shopt -s nullglob; projects=(tests/*/*.csproj); shopt -u nullglob   # glob order is sorted
((${#projects[@]})) || die "no test projects under tests/*/*.csproj"
rm -rf "$RESULTS_DIR"
mkdir -p "$RESULTS_DIR"

log "dotnet build GccSaaS.sln -c Release"
build_ok=true
dotnet build GccSaaS.sln -c Release -nodeReuse:false -p:UseSharedCompilation=false || build_ok=false

# --- 5. Run each test project -----------------------------------------------------------------
declare -A rc_of=()
if $build_ok; then
  for proj in "${projects[@]}"; do
    name="$(basename "$proj" .csproj)"
    log "dotnet test $name (timeout ${PROJECT_TIMEOUT}s)"
    rc=0
    timeout --kill-after=30 "$PROJECT_TIMEOUT" \
      dotnet test "$proj" -c Release --no-build \
        --logger "trx;LogFileName=$name.trx" \
        --results-directory "$RESULTS_DIR" || rc=$?
    ((rc == 124 || rc == 137)) && printf 'test.sh: %s timed out after %ss\n' "$name" "$PROJECT_TIMEOUT" >&2
    rc_of[$name]=$rc
  done
fi

# --- 6. Count results from the TRX files -------------------------------------------------------
# <Counters total=".." executed=".." passed=".." failed=".." error=".." timeout=".." aborted=".."
#           notExecuted=".." .../>
counter() { # counter FILE ATTR -> number (0 when absent)
  local v
  v="$(grep -o '<Counters [^>]*>' "$1" | head -n1 | sed -n "s/.* $2=\"\([0-9]*\)\".*/\1/p")"
  printf '%s\n' "${v:-0}"
}

stop_pg   # before the summary, so the counts line stays the last line of output

total_passed=0 total_failed=0 total_skipped=0 total_executed=0
printf '\nTest results (TRX in %s):\n' "${RESULTS_DIR#"$REPO_ROOT"/}"
for proj in "${projects[@]}"; do
  name="$(basename "$proj" .csproj)"
  trx="$RESULTS_DIR/$name.trx"
  if ! $build_ok; then
    printf '  %-28s build failed, not run (counted as 1 failed)\n' "$name"
    total_failed=$((total_failed + 1)); continue
  fi
  rc="${rc_of[$name]}"
  if [[ ! -f "$trx" ]]; then
    printf '  %-28s no TRX: crashed or timed out, exit %s (counted as 1 failed)\n' "$name" "$rc"
    total_failed=$((total_failed + 1)); continue
  fi
  p="$(counter "$trx" passed)"; e="$(counter "$trx" executed)"
  f=$(( $(counter "$trx" failed) + $(counter "$trx" error) + $(counter "$trx" timeout) + $(counter "$trx" aborted) ))
  # xunit's skipped tests show up as total - executed (notExecuted stays 0 in VSTest's TRX).
  t="$(counter "$trx" total)"; s=$((t - e)); ((s >= 0)) || s=0
  note=""
  if ((rc != 0 && f == 0)); then
    f=1; note="  exit $rc with no failed test: run aborted (counted as 1 failed)"
  elif ((e == 0 && f == 0)); then
    note="  ran no tests"
  fi
  printf '  %-28s passed=%s failed=%s skipped=%s executed=%s%s\n' "$name" "$p" "$f" "$s" "$e" "$note"
  total_passed=$((total_passed + p)); total_failed=$((total_failed + f))
  total_skipped=$((total_skipped + s)); total_executed=$((total_executed + e))
done

status=0
if ((total_failed > 0)); then
  status=1
elif ((total_executed == 0)); then
  printf 'test.sh: FAILED: ran no tests (every test project executed 0 tests)\n'
  status=1
fi
printf '%s passed, %s failed, %s skipped\n' "$total_passed" "$total_failed" "$total_skipped"
exit "$status"
