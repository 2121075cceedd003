#!/usr/bin/env bash
# Starts Azurite (data under .data/azurite) and the service on http://localhost:${PORT:-7071}. Ctrl-C stops both.
set -euo pipefail
root="$(cd "$(dirname "$0")" && pwd)"
cd "$root"
scripts/install-tools.sh
azurite_pid=""
if [ -z "${Storage__ConnectionString:-}" ]; then
  azurite_pid=$(scripts/azurite.sh "$root/.data/azurite" 10000 10001 10002)
  export Storage__ConnectionString="UseDevelopmentStorage=true"
fi
trap '[ -n "$azurite_pid" ] && kill "$azurite_pid" 2>/dev/null; true' EXIT INT TERM
export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"
export Email__Provider="${Email__Provider:-Outbox}"
# No sign-in locally: requests without credentials act as local-user, a business-unit user of every partnership.
# Refused outside the Development environment; set Auth__Mode=EntraId to try real tokens.
export Auth__Mode="${Auth__Mode:-Development}"
dotnet run --project src/Safeguarding.Workflows.Host -c Release --urls "http://localhost:${PORT:-7071}"
