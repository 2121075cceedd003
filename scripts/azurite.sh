#!/usr/bin/env bash
# Starts Azurite (installed from the npm registry by package.json) in the background.
# Usage: scripts/azurite.sh DATA_DIR BLOB_PORT QUEUE_PORT TABLE_PORT  -> prints the PID; logs to DATA_DIR/azurite.log
# AZURITE_IN_MEMORY=1 keeps the data in memory only (lost when Azurite stops).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
data="$1"; blob="$2"; queue="$3"; table="$4"
mkdir -p "$data"
# Azurite refuses a data folder with --inMemoryPersistence.
if [ -n "${AZURITE_IN_MEMORY:-}" ]; then keep=(--inMemoryPersistence); else keep=(--location "$data"); fi
"$root/node_modules/.bin/azurite" --silent --skipApiVersionCheck --loose \
  "${keep[@]}" --blobHost 127.0.0.1 --queueHost 127.0.0.1 --tableHost 127.0.0.1 \
  --blobPort "$blob" --queuePort "$queue" --tablePort "$table" >"$data/azurite.log" 2>&1 &
pid=$!
# Wait until all three endpoints accept connections (Azurite needs a second or two to start).
for _ in $(seq 1 100); do
  if (exec 3<>"/dev/tcp/127.0.0.1/$blob") 2>/dev/null && (exec 3<>"/dev/tcp/127.0.0.1/$queue") 2>/dev/null \
     && (exec 3<>"/dev/tcp/127.0.0.1/$table") 2>/dev/null; then echo "$pid"; exit 0; fi
  kill -0 "$pid" 2>/dev/null || { cat "$data/azurite.log" >&2; exit 1; }
  sleep 0.2
done
echo "Azurite did not start; see $data/azurite.log" >&2; kill "$pid" 2>/dev/null; exit 1
