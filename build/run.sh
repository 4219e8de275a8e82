#!/usr/bin/env bash
# Runs the product for a new user: local PostgreSQL (unless a connection string is given),
# a local mail inbox (smtp4dev, unless Smtp__Host is given), build, then the host, which
# migrates (as the owner role) and seeds a demo platform itself and prints the demo sign-ins
# once seeded. Stopping run.sh stops the host and the inbox; PostgreSQL keeps running.
#
#   bash build/run.sh                      http://127.0.0.1:5080, inbox http://127.0.0.1:5081
#   GCCSAAS_URL=http://0.0.0.0:8080 GCCSAAS_PUBLIC_URL=http://myhost:8080 bash build/run.sh
#   GCCSAAS_INBOX_SMTP_PORT / GCCSAAS_INBOX_WEB_PORT   the inbox's first-choice ports (2525, 5081)
set -euo pipefail
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO_ROOT"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

# An explicit connection string (e.g. a shared server) wins over the local cluster.
if [[ -z "${ConnectionStrings__Default:-}" ]]; then
  bash build/pg.sh start >/dev/null
  eval "$(bash build/pg.sh env)"
fi
# Migrations run as the owner role; the application role owns nothing and cannot migrate.
[[ -n "${ConnectionStrings__Migrations:-}" ]] \
  || echo "run.sh: warning: ConnectionStrings__Migrations is not set; the host needs the owner role's connection to migrate" >&2

HOST_PROJECT=src/Host/GccSaaS.Host
echo "run.sh: building $HOST_PROJECT (Release)" >&2
# No build servers left behind once the host stops.
dotnet build "$HOST_PROJECT" -c Release -nodeReuse:false -p:UseSharedCompilation=false -v quiet -nologo >&2
HOST_DLL="$(dotnet msbuild "$HOST_PROJECT" -nologo -p:Configuration=Release -getProperty:TargetPath)"
[[ -f "$HOST_DLL" ]] || { echo "run.sh: error: built host not found at '$HOST_DLL'" >&2; exit 1; }

URL="${GCCSAAS_URL:-http://127.0.0.1:5080}"
export ASPNETCORE_URLS="$URL"

# --- The demo's inbox: smtp4dev on loopback (a local dotnet tool, .config/dotnet-tools.json) ---------------
# Every mail the demo sends (notifications: invitation reminders, validation decisions, partnership removals…)
# lands there instead of leaving the machine. Its messages live in the git-ignored .run/smtp4dev/.
# An explicit Smtp__Host (a real server) wins, and no inbox is started.
INBOX_PID=""
HOST_PID=""
stop_all() {
  trap - EXIT INT TERM
  if [[ -n "$HOST_PID" ]] && kill -0 "$HOST_PID" 2>/dev/null; then
    kill -TERM "$HOST_PID" 2>/dev/null || true
    wait "$HOST_PID" 2>/dev/null || true
  fi
  if [[ -n "$INBOX_PID" ]] && kill -0 "$INBOX_PID" 2>/dev/null; then
    echo "run.sh: stopping the mail inbox (smtp4dev, pid $INBOX_PID)" >&2
    kill -TERM -- "-$INBOX_PID" 2>/dev/null || kill -TERM "$INBOX_PID" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$INBOX_PID" 2>/dev/null || break; sleep 0.1; done
    kill -KILL -- "-$INBOX_PID" 2>/dev/null || true
  fi
}
trap stop_all EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
# The first port from $1 on that nothing listens on and that is not the portal's.
free_port() {
  local p="$1" portal_port
  portal_port="$(printf '%s' "$URL" | sed -nE 's#^[a-z]+://[^/]*:([0-9]+).*#\1#p')"
  for _ in $(seq 1 100); do
    if [[ "$p" != "$portal_port" ]] && ! port_busy "$p"; then printf '%s\n' "$p"; return 0; fi
    p=$((p + 1))
  done
  return 1
}

INBOX_LINE=""
if [[ -z "${Smtp__Host:-}" ]]; then
  INBOX_DIR="$REPO_ROOT/.run/smtp4dev"
  mkdir -p "$INBOX_DIR"
  echo "run.sh: restoring the local tools (.config/dotnet-tools.json: smtp4dev)" >&2
  dotnet tool restore >"$INBOX_DIR/tool-restore.log" 2>&1 \
    || { cat "$INBOX_DIR/tool-restore.log" >&2; echo "run.sh: error: dotnet tool restore failed" >&2; exit 1; }
  INBOX_SMTP_PORT="$(free_port "${GCCSAAS_INBOX_SMTP_PORT:-2525}")" || { echo "run.sh: error: no free port for the inbox's SMTP" >&2; exit 1; }
  INBOX_WEB_PORT="$(free_port "${GCCSAAS_INBOX_WEB_PORT:-5081}")" || { echo "run.sh: error: no free port for the inbox's web UI" >&2; exit 1; }
  INBOX_URL="http://127.0.0.1:$INBOX_WEB_PORT/"
  # Its own session (setsid), so stopping it reaches every process it started; IMAP and POP3 off.
  setsid dotnet tool run smtp4dev -- \
      --bindaddress=127.0.0.1 --hostname=localhost --smtpport="$INBOX_SMTP_PORT" --urls="http://127.0.0.1:$INBOX_WEB_PORT" \
      --imapport= --pop3port= --tlsmode=None --baseappdatapath="$INBOX_DIR" --db="$INBOX_DIR/smtp4dev.db" --nousersettings \
      </dev/null >"$INBOX_DIR/smtp4dev.log" 2>&1 &
  INBOX_PID=$!
  for i in $(seq 1 120); do
    if port_busy "$INBOX_SMTP_PORT" && curl -fsS -o /dev/null "${INBOX_URL}api/messages" 2>/dev/null; then break; fi
    if ! kill -0 "$INBOX_PID" 2>/dev/null || (( i == 120 )); then
      tail -n 20 "$INBOX_DIR/smtp4dev.log" >&2 || true
      echo "run.sh: error: the mail inbox (smtp4dev) did not start; see $INBOX_DIR/smtp4dev.log" >&2
      exit 1
    fi
    sleep 0.5
  done
  export Smtp__Host=127.0.0.1 Smtp__Port="$INBOX_SMTP_PORT" Smtp__Security=None
  export Smtp__From="${Smtp__From:-GccSaaS demo <portal@gccsaas.demo>}"
  INBOX_LINE="    inbox:    $INBOX_URL  (smtp4dev: every mail the demo sends; SMTP 127.0.0.1:$INBOX_SMTP_PORT)"
else
  INBOX_LINE="    mail:     SMTP ${Smtp__Host}:${Smtp__Port:-25} (Smtp__Host is set; no local inbox)"
fi
# Every absolute link (invitations, mails) is built from this, never from a request's Host (ADR 0016).
# Default: the URL served, with a wildcard listen address (0.0.0.0, [::], +, *) read as 127.0.0.1;
# set GCCSAAS_PUBLIC_URL to the address others reach this host at.
PUBLIC_URL="${GCCSAAS_PUBLIC_URL:-$(printf '%s' "$URL" | sed -E 's#://(0\.0\.0\.0|\[::\]|\+|\*)(:|/|$)#://127.0.0.1\2#')}"
export Portal__PublicBaseUrl="${PUBLIC_URL%/}/"
export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"
export Database__MigrateOnStartup=true
export Demo__Seed=true
# Webhooks to loopback (and plain http there) for the demo only, so build/webhook-receiver.py can watch deliveries
# (docs/webhooks.md). Off by default everywhere else; never set it in production.
export Webhooks__AllowLoopback="${Webhooks__AllowLoopback:-true}"

cat >&2 <<BANNER

  GccSaaS is starting ($ASPNETCORE_ENVIRONMENT)
    portal:   $URL/
$INBOX_LINE
    links:    $Portal__PublicBaseUrl  (Portal:PublicBaseUrl, GCCSAAS_PUBLIC_URL)
    health:   $URL/health/ready
    OpenAPI:  $URL/openapi/v1.json
  The host migrates the database and seeds the demo, then prints the demo sign-ins.
  Stop with Ctrl-C (the inbox stops too; PostgreSQL keeps running: bash build/pg.sh stop)

BANNER
# Content root = project folder (as `dotnet run` does), so appsettings and wwwroot are found.
# Not exec'd: run.sh stays to stop the inbox when the host ends, and stops the host when it is stopped.
cd "$HOST_PROJECT"
dotnet "$HOST_DLL" &
HOST_PID=$!
set +e
wait "$HOST_PID"
status=$?
HOST_PID=""
exit "$status"
