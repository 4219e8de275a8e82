#!/usr/bin/env bash
# Runs the product for a new user: local PostgreSQL (unless a connection string is given),
# build, then the host, which migrates (as the owner role) and seeds a demo platform itself
# and prints the demo sign-ins once seeded.
#
#   bash build/run.sh                      http://127.0.0.1:5080
#   GCCSAAS_URL=http://0.0.0.0:8080 GCCSAAS_PUBLIC_URL=http://myhost:8080 bash build/run.sh
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
# Every absolute link (invitations, mails) is built from this, never from a request's Host (ADR 0016).
# Default: the URL served, with a wildcard listen address (0.0.0.0, [::], +, *) read as 127.0.0.1;
# set GCCSAAS_PUBLIC_URL to the address others reach this host at.
PUBLIC_URL="${GCCSAAS_PUBLIC_URL:-$(printf '%s' "$URL" | sed -E 's#://(0\.0\.0\.0|\[::\]|\+|\*)(:|/|$)#://127.0.0.1\2#')}"
export Portal__PublicBaseUrl="${PUBLIC_URL%/}/"
export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"
export Database__MigrateOnStartup=true
export Demo__Seed=true

cat >&2 <<BANNER

  GccSaaS is starting ($ASPNETCORE_ENVIRONMENT)
    portal:   $URL/
    links:    $Portal__PublicBaseUrl  (Portal:PublicBaseUrl, GCCSAAS_PUBLIC_URL)
    health:   $URL/health/ready
    OpenAPI:  $URL/openapi/v1.json
  The host migrates the database and seeds the demo, then prints the demo sign-ins.
  Stop with Ctrl-C. (PostgreSQL keeps running: bash build/pg.sh stop)

BANNER
# Content root = project folder (as `dotnet run` does), so appsettings and wwwroot are found.
cd "$HOST_PROJECT"
exec dotnet "$HOST_DLL"
