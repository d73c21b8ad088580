#!/usr/bin/env bash
# Checks the infrastructure: the Bicep compiler (build, build-params and lint; any error or
# warning is a finding), shellcheck on the scripts, the tests of deploy.sh's pure shell logic, and
# rules the compiler does not know (role allow-list, no secrets in outputs, no preview APIs).
# Prints one line per finding, FILE:LINE first, and exits 1 when there is any.
#   infra/lint.sh
# The bicep executable comes from the NuGet package Azure.Bicep.CommandLine.linux-x64 (version in
# Directory.Packages.props), restored once into the NuGet cache; BICEP=/path/to/bicep overrides it.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
INFRA=$PWD
ROOT=$(cd .. && pwd)

findings=0
finding() { printf 'infra/%s\n' "$*" >&2; findings=$((findings + 1)); }

# The built-in role definitions the templates may assign, from
# https://learn.microsoft.com/azure/role-based-access-control/built-in-roles
known_roles='
b7e6dc6d-f1e8-4753-8033-0f276bb0955b Storage Blob Data Owner
974c5e8b-45b9-4653-ba55-5f855dd0fb88 Storage Queue Data Contributor
0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3 Storage Table Data Contributor
3913510d-42f4-4e42-8a64-420c390055eb Monitoring Metrics Publisher
4633458b-17de-408a-b874-0445c86b69e6 Key Vault Secrets User
b86a8fe4-44ce-4948-aee5-eccb2c155cd7 Key Vault Secrets Officer
0ad04412-c4d5-4796-b79c-f76d14c8d402 Durable Task Data Contributor
f6c7c914-8db3-469d-8ca1-694a8f32e121 AzureML Data Scientist
673868aa-7521-48a0-acc6-0f60742d39f5 Data Factory Contributor
b9a307c4-5aa3-4b52-ba60-2b17c136cd7b Container Apps Jobs Operator'

# Prints the path of the bicep executable, restoring its package first when it is not there yet.
find_bicep() {
  if [ -n "${BICEP:-}" ]; then
    printf '%s\n' "$BICEP"
    return
  fi
  local package=azure.bicep.commandline.linux-x64 version cache exe
  version=$(sed -n 's/.*PackageVersion Include="Azure.Bicep.CommandLine.linux-x64" Version="\([^"]*\)".*/\1/p' \
    "$ROOT/Directory.Packages.props")
  [ -n "$version" ] || { echo "lint: no PackageVersion of Azure.Bicep.CommandLine.linux-x64 in Directory.Packages.props" >&2; return 1; }
  cache=${NUGET_PACKAGES:-$HOME/.nuget/packages}
  exe=$cache/$package/$version/tools/bicep
  if [ ! -f "$exe" ]; then
    echo "lint: restoring the Bicep compiler $version (once)" >&2
    dotnet restore "$INFRA/tools/Bicep.csproj" --nologo -v quiet >&2 || return 1
    # A nuget.config may move the cache: the restore wrote down where it put packages.
    cache=$(sed -n '/"packageFolders"/,/}/{s/^ *"\([^"]*\)": {}.*/\1/p;}' "$INFRA/tools/obj/project.assets.json" | head -n 1)
    exe=${cache%/}/$package/$version/tools/bicep
  fi
  [ -f "$exe" ] || { echo "lint: the package $package $version has no tools/bicep" >&2; return 1; }
  # NuGet does not keep the executable bit of files in a package.
  [ -x "$exe" ] || chmod +x "$exe"
  printf '%s\n' "$exe"
}

# Turns the compiler's "/abs/file.bicep(12,5) : Warning CODE: text [url]" into
# "infra/file.bicep:12:5: warning CODE: text", once per distinct finding.
bicep_findings() {
  sed -nE "s#^$INFRA/([^(]+)\(([0-9]+),([0-9]+)\) : (Error|Warning|Info) ([^:]+): (.*)\$#\1:\2:\3: \L\4\E \5: \6#p" |
    sed -E 's/ \[https:[^]]*\]$//' | awk '!seen[$0]++'
}

run_bicep() {
  local bicep out
  if ! bicep=$(find_bicep); then
    finding "tools/Bicep.csproj: the Bicep compiler could not be restored; the templates were not compiled"
    return
  fi
  out=$(mktemp -d)
  # One process per command over every file: the compiler's start-up is most of its time.
  {
    "$bicep" build --pattern '**/*.bicep' --outdir "$out/templates" 2>&1 || true
    "$bicep" build-params --pattern 'env/*.bicepparam' --outdir "$out/params" 2>&1 || true
    "$bicep" lint --pattern '**/*.bicep' 2>&1 || true
  } >"$out/diagnostics"
  while IFS= read -r line; do
    finding "$line"
  done < <(bicep_findings <"$out/diagnostics")
  # A diagnostic in a shape the parser above does not know must not pass unseen.
  if grep -Ev "^$INFRA/[^(]+\([0-9]+,[0-9]+\) : (Error|Warning|Info) " "$out/diagnostics" | grep -q .; then
    grep -Ev "^$INFRA/[^(]+\([0-9]+,[0-9]+\) : (Error|Warning|Info) " "$out/diagnostics" >&2
    finding "lint.sh: bicep printed the lines above"
  fi
  for file in main.bicep env/*.bicepparam; do
    local built=$out/templates/${file%.bicep}.json
    case $file in *.bicepparam) built=$out/params/$(basename "$file" .bicepparam).json ;; esac
    [ -s "$built" ] || finding "$file:1: bicep wrote no JSON for it"
  done
  rm -rf "$out"
}

if command -v shellcheck >/dev/null 2>&1; then
  while IFS= read -r line; do finding "$line"; done < <(shellcheck -x -f gcc ./*.sh tests/*.sh | sed 's#^\./##' || true)
else
  echo "lint: shellcheck is not installed; the shell scripts were not checked" >&2
fi

# deploy.sh's pure logic, exercised with fake inputs.
for test in tests/*_test.sh; do
  bash "$test" >&2 || finding "$test: failed"
done

run_bicep

for file in main.bicep modules/*.bicep; do
  # Every GUID is a documented built-in role, so a typo cannot grant an unknown role.
  while IFS=: read -r line guid; do
    grep -q "^$guid " <<<"$known_roles" || finding "$file:$line: '$guid' is not a known built-in role ID"
  done < <(grep -noE "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}" "$file" || true)

  # Secrets never leave a deployment: no list*() calls, no secure or secret-looking outputs.
  while IFS=: read -r line _; do
    finding "$file:$line: list*() reads keys or secrets into the deployment"
  done < <(grep -nE "\blist[A-Z][A-Za-z]*\(" "$file" || true)
  while IFS=: read -r line _; do
    finding "$file:$line: an output must not carry a key, secret or connection string"
  done < <(grep -nE "^output [A-Za-z_]*([Kk]ey|[Ss]ecret|[Pp]assword|[Cc]onnectionString|[Tt]oken)s? " "$file" || true)
  while IFS=- read -r line _; do
    finding "$file:$line: secure outputs are not allowed"
  done < <(grep -nB1 "^output " "$file" | grep -E "^[0-9]+-@secure\(\)" || true)

  # Only generally available API versions.
  while IFS=: read -r line _; do
    finding "$file:$line: preview API version"
  done < <(grep -nE "'[A-Za-z.]+/[A-Za-z/]+@[0-9-]+-preview'" "$file" || true)
done

# deploy.sh picks the parameter file by environment name and deploys it with main.bicep.
for file in env/*.bicepparam; do
  grep -q "^using '../main.bicep'" "$file" || finding "$file:1: must start with using '../main.bicep'"
done

if [ "$findings" -gt 0 ]; then
  echo "lint: $findings finding(s)" >&2
  exit 1
fi
echo "lint: infra is clean (bicep build, build-params and lint, shellcheck, deploy.sh tests, rules)" >&2
