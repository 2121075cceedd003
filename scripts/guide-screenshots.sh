#!/usr/bin/env bash
# Regenerates the screenshots in docs/guide/images/ from the browser tests.
#   scripts/guide-screenshots.sh            builds, runs the browser tests against a private Azurite, copies the images
#   scripts/guide-screenshots.sh --no-run   only copies (and shrinks) what the last browser test run left behind
# The browser tests save a full-page PNG of every page they check in
# tests/Safeguarding.Workflows.Browser.Tests/bin/Release/net10.0/TestResults/screenshots/; this copies the few the
# guides show, cut to the top 1000 pixels (the pages are 1024 wide) so the files stay small.
set -uo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
project=tests/Safeguarding.Workflows.Browser.Tests
shots="$project/bin/Release/net10.0/TestResults/screenshots"
out=docs/guide/images

# Screenshot name in the tests -> file name in the guide.
chosen=(
  "dashboard:dashboard.png"
  "outcome-not-recorded:process-page.png"
  "emails:emails.png"
  "referral:referral-form.png"
  "agency-summary:agency-summary-form.png"
  "meeting-new:meeting-new-form.png"
  "meeting:meeting-page.png"
  "paper-upload:paper-upload-form.png"
  "attendance-confirmation:attendance-confirmation.png"
  "escalation-respond:escalation-respond-form.png"
  "annual-report:annual-report-form.png"
)

if [ "${1:-}" != "--no-run" ]; then
  scripts/install-tools.sh --tests || exit 1
  free_port() { node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"; }
  work="$(mktemp -d /tmp/sgw-shots.XXXXXX)"
  blob=$(free_port); queue=$(free_port); table=$(free_port)
  azurite_pid=$(scripts/azurite.sh "$work/azurite" "$blob" "$queue" "$table") || exit 1
  cleanup() {
    kill "$azurite_pid" 2>/dev/null
    for _ in $(seq 1 50); do kill -0 "$azurite_pid" 2>/dev/null || break; sleep 0.1; done
    rm -rf "$work" 2>/dev/null || true
  }
  trap cleanup EXIT
  export AZURITE_CONNECTION_STRING="$(scripts/connection-string.sh "$blob" "$queue" "$table")"
  export AZURITE_DATA_DIR="$work/azurite" AZURITE_PORTS="$blob,$queue,$table"
  rm -rf "$shots"
  dotnet build "$project" -c Release -nologo -v quiet || exit 1
  # A failing test still leaves the screenshots of the pages it reached; say so, but copy what is there.
  dotnet test "$project" -c Release --no-build -nologo --logger "console;verbosity=minimal" \
    || echo "Some browser tests failed; copying the screenshots they left." >&2
fi

mkdir -p "$out"
# Keeps the top rows of a non-interlaced PNG: each row is filtered only against the rows above it, so the first rows of
# the inflated data are a valid image on their own. Python's standard library only; no image tools needed.
crop() {
  python3 - "$1" "$2" 1000 <<'PY'
import struct, sys, zlib
src, dst, keep = sys.argv[1], sys.argv[2], int(sys.argv[3])
data = open(src, "rb").read()
assert data[:8] == b"\x89PNG\r\n\x1a\n", src
chunks, pos = [], 8
while pos < len(data):
    length, kind = struct.unpack(">I4s", data[pos:pos + 8])
    chunks.append((kind, data[pos + 8:pos + 8 + length])); pos += 12 + length
ihdr = chunks[0][1]
width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", ihdr)
assert interlace == 0, "interlaced PNG"
channels = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}[colour]
stride = 1 + (width * channels * depth + 7) // 8
rows = min(height, keep)
pixels = zlib.decompress(b"".join(body for kind, body in chunks if kind == b"IDAT"))[:rows * stride]
def chunk(kind, body):
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)
out = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">II", width, rows) + ihdr[8:])
out += b"".join(chunk(kind, body) for kind, body in chunks if kind in (b"PLTE", b"tRNS"))
out += chunk(b"IDAT", zlib.compress(pixels, 9)) + chunk(b"IEND", b"")
open(dst, "wb").write(out)
PY
}
missing=0
for pair in "${chosen[@]}"; do
  name="${pair%%:*}"; file="${pair#*:}"
  if [ ! -f "$shots/$name.png" ]; then echo "No screenshot $name.png in $shots" >&2; missing=1; continue; fi
  crop "$shots/$name.png" "$out/$file" || { echo "Could not copy $name.png" >&2; missing=1; continue; }
  echo "$out/$file"
done
exit $missing
