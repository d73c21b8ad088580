#!/usr/bin/env bash
# The one entry point for building, testing and running DurableDags on a laptop or in CI.
#   ./build.sh run     the main job: a DAG server with the example DAGs on the folder store
#                      (http://127.0.0.1:7071, the web UI at /, the API under /api)
#   ./build.sh test    every test; the Functions app is built where its packages restore
#   ./build.sh bench   the benchmarks (results go to bench/results.md by hand)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
ROOT=$PWD
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

log() { printf '==> %s\n' "$*" >&2; }

# Azure.Storage.Blobs needs System.IO.Hashing. Where the configured package sources lack the
# version we pin, pack the genuine assembly that ships inside the .NET SDK under that version
# into packages/local (listed in nuget.config). Elsewhere this does nothing.
ensure_hashing_package() {
  local version=10.0.0
  local cache="${NUGET_PACKAGES:-$HOME/.nuget/packages}/system.io.hashing/$version"
  [ -d "$cache" ] && return 0
  compgen -G "packages/local/[Ss]ystem.[Ii][Oo].[Hh]ashing.$version.nupkg" >/dev/null && return 0
  local probe; probe=$(mktemp -d)
  cat > "$probe/probe.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup>
  <ItemGroup><PackageReference Include="System.IO.Hashing" Version="$version" /></ItemGroup>
</Project>
XML
  if dotnet restore "$probe/probe.csproj" >/dev/null 2>&1; then rm -rf "$probe"; return 0; fi
  local sdk dll
  sdk=$(dotnet --list-sdks | awk 'END { gsub(/[][]/, "", $2); print $2 "/" $1 }')
  dll="$sdk/Sdks/Microsoft.NET.Sdk/tools/net10.0/System.IO.Hashing.dll"
  [ -f "$dll" ] || { echo "error: System.IO.Hashing $version is in no package source and not at $dll" >&2; exit 1; }
  log "packing the SDK's System.IO.Hashing.dll as System.IO.Hashing $version into packages/local"
  cat > "$probe/probe.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
    <PackageId>System.IO.Hashing</PackageId>
    <Version>$version</Version>
    <Authors>Microsoft</Authors>
    <Description>The System.IO.Hashing assembly shipped with the .NET SDK, repacked for offline restore.</Description>
    <IncludeBuildOutput>false</IncludeBuildOutput>
    <SuppressDependenciesWhenPacking>true</SuppressDependenciesWhenPacking>
    <NoWarn>\$(NoWarn);NU5128</NoWarn>
  </PropertyGroup>
  <ItemGroup><None Include="$dll" Pack="true" PackagePath="lib/net10.0/" /></ItemGroup>
</Project>
XML
  dotnet pack "$probe/probe.csproj" -o "$ROOT/packages/local" >/dev/null
  rm -rf "$probe"
}

ensure_node_packages() {
  if [ ! -x node_modules/.bin/azurite ]; then
    log "installing npm packages (Azurite)"
    npm ci --no-audit --no-fund >/dev/null
  fi
}

# Projects whose packages cannot be restored here (the Azure Functions worker) are left out of
# the local solution filter, with one plain line saying so.
local_solution() {
  mkdir -p artifacts
  local skipped=() projects=()
  while IFS= read -r proj; do
    if [[ "$proj" == *DurableDags.Functions.csproj ]]; then
      local out
      if ! out=$(dotnet restore "$proj" 2>&1); then
        local missing
        missing=$(grep -oE "Unable to find package [A-Za-z0-9._-]+( with version \([^)]*\))?" <<<"$out" \
          | sed -E 's/Unable to find package //; s/\.$//; s/ with version \(>= ([^)]*)\)/ \1/' | sort -u | paste -sd, - | sed 's/,/, /g' || true)
        echo "SKIPPED: src/DurableDags.Functions (packages not available from the configured sources: ${missing:-see dotnet restore output})"
        skipped+=("$proj"); continue
      fi
    fi
    projects+=("$proj")
  done < <(dotnet sln Functions.sln list | tail -n +3)
  {
    printf '{\n  "solution": {\n    "path": "../Functions.sln",\n    "projects": [\n'
    local i
    for i in "${!projects[@]}"; do
      printf '      "%s"%s\n' "${projects[$i]}" "$([ "$i" -lt $((${#projects[@]} - 1)) ] && echo ,)"
    done
    printf '    ]\n  }\n}\n'
  } > artifacts/local.slnf
}

cmd_test() {
  ensure_hashing_package
  ensure_node_packages
  local_solution
  local out=artifacts/test-output.txt status=0
  log "checking the infrastructure templates and scripts"
  infra/lint.sh || status=$?
  dotnet test artifacts/local.slnf --nologo 2>&1 | tee "$out" || status=$?
  # One plain closing line for whoever reads the log.
  awk '/(Passed|Failed)! +- +Failed:/ {
         for (i = 1; i <= NF; i++) {
           if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1)
         } }
       END { printf "tests: %d passed, %d failed, %d skipped\n", p, f, s }' "$out" | tr -d ','\
    | sed -E 's/tests: ([0-9]+) passed ([0-9]+) failed ([0-9]+) skipped/tests: \1 passed, \2 failed, \3 skipped/'
  return "$status"
}

cmd_run() {
  ensure_hashing_package
  # The DAG server with the example DAGs on the embedded folder store, at http://127.0.0.1:7071.
  dotnet run --project src/DurableDags.Cli -- serve "$@"
}

cmd_bench() {
  ensure_hashing_package
  dotnet run -c Release --project bench/DurableDags.Benchmarks -- "$@"
}

case "${1:-}" in
  test) shift; cmd_test "$@" ;;
  run) shift; cmd_run "$@" ;;
  bench) shift; cmd_bench "$@" ;;
  *) echo "usage: ./build.sh run | test | bench [args]" >&2; exit 2 ;;
esac
