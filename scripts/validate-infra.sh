#!/usr/bin/env bash
# Compiles and lints every Bicep file under infra/ with the Bicep CLI from NuGet (Azure.Bicep.CommandLine.linux-x64,
# restored through infra/tools/bicep-cli.proj). Prints "ok <file>" or "FAILED <file>" (with the diagnostics) per
# file and ends with "N passed, N failed". A file passes only with no error and no warning: fix a warning, or
# suppress it at the line with `#disable-next-line <rule>` and a comment, and explain it in infra/README.md.
set -uo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

work="$(mktemp -d /tmp/sgw-infra.XXXXXX)"
trap 'rm -rf "$work"' EXIT
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

# The parameter files read the image name from the environment (as a deployment does); any value compiles.
export SGW_CONTAINER_IMAGE="${SGW_CONTAINER_IMAGE:-validate.invalid/safeguarding-workflows:validate}"

# Restore output goes to the temp dir too; only the package lands in the NuGet global packages folder.
if ! dotnet restore infra/tools/bicep-cli.proj -nologo -v quiet -p:MSBuildProjectExtensionsPath="$work/obj/" >"$work/restore.log" 2>&1; then
  echo "FAILED infra/tools/bicep-cli.proj (dotnet restore of the Bicep CLI)"
  sed 's/^/    /' "$work/restore.log"
  echo "0 passed, 1 failed"
  exit 1
fi
version=$(sed -nE 's/.*PackageDownload Include="Azure\.Bicep\.CommandLine\.linux-x64" Version="\[([^]]+)\]".*/\1/p' infra/tools/bicep-cli.proj)
packages=$(dotnet nuget locals global-packages --list | sed -nE 's/^global-packages: *//p')
bicep="${packages%/}/azure.bicep.commandline.linux-x64/${version}/tools/bicep"
if [ -z "$version" ] || [ ! -f "$bicep" ]; then
  echo "FAILED infra/tools/bicep-cli.proj (no bicep executable at ${bicep})"
  echo "0 passed, 1 failed"
  exit 1
fi
chmod +x "$bicep" 2>/dev/null || true

# One CLI process per step for all files (each start costs about a second), then each diagnostic is attributed to
# the file it names. Templates and parameter files are built to separate folders so their JSON cannot collide.
"$bicep" build --pattern 'infra/**/*.bicep' --outdir "$work/templates" >"$work/build.log" 2>&1
"$bicep" build-params --pattern 'infra/**/*.bicepparam' --outdir "$work/parameters" >"$work/build-params.log" 2>&1
"$bicep" lint --pattern 'infra/**/*.bicep' >"$work/lint.log" 2>&1
"$bicep" lint --pattern 'infra/**/*.bicepparam' >"$work/lint-params.log" 2>&1
cat "$work"/*.log >"$work/all-diagnostics"

passed=0; failed=0
mapfile -t files < <(find infra -type f \( -name '*.bicep' -o -name '*.bicepparam' \) | LC_ALL=C sort)
for file in "${files[@]}"; do
  relative="${file#infra/}"
  case "$file" in
    *.bicepparam) json="$work/parameters/${relative%.bicepparam}.json" ;;
    *) json="$work/templates/${relative%.bicep}.json" ;;
  esac
  # Build and lint report the same diagnostic more than once; one copy is enough.
  diagnostics=$(grep -F "$root/$file(" "$work/all-diagnostics" | grep -E ' : (Error|Warning) ' | awk '!seen[$0]++')
  if [ -z "$diagnostics" ] && [ -s "$json" ]; then
    echo "ok $file"; passed=$((passed + 1))
  else
    echo "FAILED $file"; failed=$((failed + 1))
    if [ -n "$diagnostics" ]; then
      echo "$diagnostics" | sed "s|$root/||; s/^/    /"
    else
      # Broken through another file (e.g. the template a parameter file uses) or the CLI itself: show everything.
      echo "    no ARM JSON was produced; the Bicep CLI said:"
      awk '!seen[$0]++' "$work/all-diagnostics" | sed "s|$root/||; s/^/    /"
    fi
  fi
done

# What the deployment promises, checked in the compiled ARM JSON (main.json embeds every module), so that a change
# which quietly weakens it fails here.
main_json="$work/templates/main.json"
has() { grep -qF -- "$1" "$main_json"; }
followed_by() { grep -A2 -F -- "$1" "$main_json" | grep -qF -- "$2"; }
policy() {
  local what="$1"; shift
  if [ -s "$main_json" ] && "$@"; then echo "ok policy: $what"; passed=$((passed + 1)); else echo "FAILED policy: $what"; failed=$((failed + 1)); fi
}
no_storage_keys() { ! grep -qE 'AccountKey=|Storage__ConnectionString|listKeys\([^)]*Microsoft\.Storage' "$main_json"; }
vault_protected() { has '"enableSoftDelete": true' && has '"enablePurgeProtection": true'; }
table_membership() { ! grep -qiF 'redis' "$main_json" && has "'Engine__Clustering', 'AzureStorage'"; }
outputs_present() { has '"appUrl": {' && has '"storageAccountName": {'; }
policy "storage blocks public blob access" has '"allowBlobPublicAccess": false'
policy "storage requires TLS 1.2" has '"minimumTlsVersion": "TLS1_2"'
policy "storage is HTTPS only" has '"supportsHttpsTrafficOnly": true'
policy "storage keeps deleted blobs (soft delete)" followed_by '"deleteRetentionPolicy": {' '"enabled": true'
policy "storage keeps deleted containers (soft delete)" followed_by '"containerDeleteRetentionPolicy": {' '"enabled": true'
policy "storage shared-key access is off by default" followed_by '"allowSharedKeyAccess": {' '"defaultValue": false'
policy "no storage account key reaches the app" no_storage_keys
policy "app identity gets Storage Blob Data Contributor" has 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'
policy "app identity gets Storage Queue Data Contributor" has '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
policy "app identity gets Storage Table Data Contributor" has '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
policy "Key Vault Secrets User for the secret references" has '4633458b-17de-408a-b874-0445c86b69e6'
policy "Key Vault uses RBAC" has '"enableRbacAuthorization": true'
policy "Key Vault soft delete and purge protection" vault_protected
policy "app has a system-assigned identity" has '"type": "SystemAssigned,UserAssigned"'
policy "app gets APPLICATIONINSIGHTS_CONNECTION_STRING" has "'APPLICATIONINSIGHTS_CONNECTION_STRING'"
policy "hosts cluster through table storage (no Redis)" table_membership
policy "outputs appUrl and storageAccountName" outputs_present

if [ "${#files[@]}" -eq 0 ]; then
  echo "FAILED infra (no .bicep or .bicepparam files found)"; failed=1
fi
echo "${passed} passed, ${failed} failed"
[ "$failed" -eq 0 ]
