#!/usr/bin/env bash
# Installs what running and testing need on a fresh machine. Safe to run repeatedly.
#   scripts/install-tools.sh          Azurite and GOV.UK Frontend (npm), for ./run.sh
#   scripts/install-tools.sh --tests  also chromium (Debian), for the browser tests
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
if [ ! -x node_modules/.bin/azurite ] || [ ! -f node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.css ] \
   || [ ! -f node_modules/axe-core/axe.min.js ]; then
  echo "Installing Azurite, GOV.UK Frontend and axe-core from the npm registry (package-lock.json)..."
  npm ci --no-audit --no-fund --loglevel=error
fi
if [ "${1:-}" = "--tests" ]; then
  missing=()
  # The browser tests drive Debian's Chromium through Playwright (never a downloaded browser).
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  if [ ${#missing[@]} -gt 0 ]; then
    echo "Installing ${missing[*]} from Debian..."
    sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
    $sudo_cmd apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
fi
