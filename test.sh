#!/usr/bin/env bash
# Builds, starts a private Azurite on free ports, runs every test project, and ends with "N passed, N failed".
set -uo pipefail
root="$(cd "$(dirname "$0")" && pwd)"
cd "$root"
scripts/install-tools.sh --tests || { echo "0 passed, 1 failed"; exit 1; }

free_port() { node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"; }
work="$(mktemp -d /tmp/sgw-test.XXXXXX)"
blob=$(free_port); queue=$(free_port); table=$(free_port)
# In memory: on disk Azurite rewrites its whole database every 5 s, and once the suites have filled it every call
# waits seconds on that (a test's read once took over 30 s). Tests that restart storage start their own Azurite.
azurite_pid=$(AZURITE_IN_MEMORY=1 scripts/azurite.sh "$work/azurite" "$blob" "$queue" "$table") || { echo "0 passed, 1 failed"; exit 1; }
cleanup() {
  # Azurite is not this shell's child (scripts/azurite.sh started it), so wait for it by polling before removing its data.
  kill "$azurite_pid" 2>/dev/null
  for _ in $(seq 1 50); do kill -0 "$azurite_pid" 2>/dev/null || break; sleep 0.1; done
  rm -rf "$work" 2>/dev/null || true
}
trap cleanup EXIT
export AZURITE_CONNECTION_STRING="$(scripts/connection-string.sh "$blob" "$queue" "$table")"
export AZURITE_DATA_DIR="$work/azurite" AZURITE_PORTS="$blob,$queue,$table"

if ! dotnet build Safeguarding.Workflows.sln -c Release -nologo -v quiet; then
  echo "Build failed."; echo "0 passed, 1 failed"; exit 1
fi

passed=0; failed=0; status=0
run_suite() { # runs one test project (or the part of it that filter $3 picks, named $2) into $work/<name>.log and .rc, and each test's time into TestResults/<name>.trx
  local name; name=${2:-$(basename "$1" .csproj)}
  dotnet test "$1" -c Release --no-build -nologo --logger "console;verbosity=minimal" ${3:+--filter "$3"} \
    --logger "trx;LogFileName=$name.trx" --results-directory "$root/TestResults" > "$work/$name.log" 2>&1
  echo $? > "$work/$name.rc"
}
tally_suite() { # prints a finished suite's failures and summary, and adds up its counts ($2: the name run_suite was given)
  local name log rc summary p f; name=${2:-$(basename "$1" .csproj)}; log="$work/$name.log"; rc=$(cat "$work/$name.rc" 2>/dev/null || echo 1)
  grep -A 4 -E "^\s*Failed |error |Failed!|Passed!" "$log" | grep -v -E "^\s*Stack Trace:|^\s+at |^--$"
  # VSTest ends each run with "Failed:  N, Passed:  N, Skipped: N, Total: N".
  summary=$(grep -E "Failed:\s+[0-9]+, Passed:\s+[0-9]+" "$log" | tail -n 1)
  p=$(echo "$summary" | sed -nE 's/.*Passed:\s+([0-9]+).*/\1/p'); f=$(echo "$summary" | sed -nE 's/.*Failed:\s+([0-9]+),.*/\1/p')
  p=${p:-0}; f=${f:-0}
  if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; echo "$1: test run failed without a test failure (see $log)"; tail -n 20 "$log"; fi
  passed=$((passed + p)); failed=$((failed + f)); { [ "$rc" -ne 0 ] || [ "$f" -gt 0 ]; } && status=1
}
# The host suite is the longest (most of its time is spent waiting on timers and storage, not on the CPU), so it runs
# in two processes beside the other suites: the restarts, clusters and benchmarks in one, the rest in the other.
# Together they keep ./test.sh within its 20 minutes on two cores.
long=tests/Safeguarding.Workflows.Host.Tests/Safeguarding.Workflows.Host.Tests.csproj
restarts="FullyQualifiedName~.Reliability.|FullyQualifiedName~.ScaleOut.|FullyQualifiedName~.Durable."
others="FullyQualifiedName!~.Reliability.&FullyQualifiedName!~.ScaleOut.&FullyQualifiedName!~.Durable."
run_suite "$long" Host.Tests.restarts "$restarts" & restarts_pid=$!
run_suite "$long" Host.Tests.others "$others" & others_pid=$!
for proj in tests/*/*.Tests.csproj; do
  [ "$proj" = "$long" ] && continue
  run_suite "$proj"; tally_suite "$proj"
done
# Infrastructure as code: bicep build + lint of every file (a suite of its own, with the same closing line).
out=$(scripts/validate-infra.sh 2>&1); rc=$?
echo "$out" | tail -n 5
last=$(echo "$out" | tail -n 1)
p=$(echo "$last" | sed -nE 's/^([0-9]+) passed, ([0-9]+) failed$/\1/p'); f=$(echo "$last" | sed -nE 's/^([0-9]+) passed, ([0-9]+) failed$/\2/p')
p=${p:-0}; f=${f:-0}; [ "$rc" -ne 0 ] && [ "$f" -eq 0 ] && f=1
passed=$((passed + p)); failed=$((failed + f)); [ "$rc" -ne 0 ] && status=1
wait "$restarts_pid"; tally_suite "$long" Host.Tests.restarts
wait "$others_pid"; tally_suite "$long" Host.Tests.others

echo "${passed} passed, ${failed} failed"
exit $status
