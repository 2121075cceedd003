#!/usr/bin/env bash
# Installs what running and testing need on a fresh machine. Safe to run repeatedly.
#   scripts/install-tools.sh          Azurite (npm), for ./run.sh
#   scripts/install-tools.sh --tests  also redis-server (Debian), for the scale-out tests
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
if [ ! -x node_modules/.bin/azurite ]; then
  echo "Installing Azurite from the npm registry (package-lock.json)..."
  npm ci --no-audit --no-fund --loglevel=error
fi
if [ "${1:-}" = "--tests" ]; then
  missing=()
  command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
  if [ ${#missing[@]} -gt 0 ]; then
    echo "Installing ${missing[*]} from Debian..."
    sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
    $sudo_cmd apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
fi
