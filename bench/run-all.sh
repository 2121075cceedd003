#!/usr/bin/env bash
# Runs the headline benchmarks one after another, each on a fresh Azurite, and writes their output and one dated
# summary to bench/results/<date>.md. Run it on an otherwise idle machine; add the summary's rows to bench/README.md.
# Usage: bench/run-all.sh [--quick]   (--quick: tiny sizes, to check the script itself in a minute or two)
set -uo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
scripts/install-tools.sh >/dev/null || exit 1
dotnet build bench/Safeguarding.Workflows.Bench -c Release -nologo -v quiet >/dev/null || { echo "Build failed."; exit 1; }

if [ "${1:-}" = "--quick" ]; then
  runs=("starts --count 200 --warm-up 100" "deadlines --count 200 --spread 10 --no-delivery" "forms --rate 50 --duration 5" "pages --count 200 --requests 20" "memory --count 500")
else
  runs=("starts --count 4000" "deadlines --count 100000 --spread 600 --no-delivery" "forms" "pages --count 10000" "memory --count 100000")
fi

mkdir -p bench/results
out="bench/results/$(date -u +%Y-%m-%d-%H%M).md"
free_port() { node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"; }
{
  echo "# Benchmarks $(date -u '+%Y-%m-%d %H:%M') UTC"
  echo
  echo "Machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, load average at the start $(cut -d' ' -f1-3 /proc/loadavg), Azurite $(node_modules/.bin/azurite --version 2>/dev/null)."
} > "$out"

for run in "${runs[@]}"; do
  work="$(mktemp -d /tmp/sgw-bench.XXXXXX)"
  blob=$(free_port); queue=$(free_port); table=$(free_port)
  pid=$(scripts/azurite.sh "$work/azurite" "$blob" "$queue" "$table") || exit 1
  echo "== $run (load average $(cut -d' ' -f1-3 /proc/loadavg))"
  {
    echo; echo "## \`$run\`"; echo; echo '```'
    AZURITE_CONNECTION_STRING="$(scripts/connection-string.sh "$blob" "$queue" "$table")" \
      dotnet bench/Safeguarding.Workflows.Bench/bin/Release/net10.0/Safeguarding.Workflows.Bench.dll $run 2>&1
    echo '```'
  } | tee -a "$out"
  kill "$pid" 2>/dev/null; sleep 1; rm -rf "$work"
done
echo "Written: $out"
