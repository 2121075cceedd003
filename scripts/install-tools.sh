#!/usr/bin/env bash
# Installs what running and testing need on a fresh machine. Safe to run repeatedly.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
if [ ! -x node_modules/.bin/azurite ]; then
  echo "Installing Azurite from the npm registry (package-lock.json)..."
  npm ci --no-audit --no-fund --loglevel=error
fi
