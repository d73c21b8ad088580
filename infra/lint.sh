#!/usr/bin/env bash
# Checks what can be checked here without a Bicep compiler: shellcheck on the scripts, and the
# structural rules of the templates. Prints one line per finding and exits 1 when there is any.
#   infra/lint.sh
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

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
0ad04412-c4d5-4796-b79c-f76d14c8d402 Durable Task Data Contributor'

if command -v shellcheck >/dev/null 2>&1; then
  shellcheck -x ./*.sh || finding "*.sh: shellcheck reported the problems above"
else
  echo "lint: shellcheck is not installed; the shell scripts were not checked" >&2
fi

bicep_files=(main.bicep modules/*.bicep)

for file in "${bicep_files[@]}"; do
  # Every local module a template names exists next to it.
  while IFS=: read -r line path; do
    [ -f "$(dirname "$file")/$path" ] || finding "$file:$line: module '$path' does not exist"
  done < <(grep -n "^module " "$file" | sed -n "s/^\([0-9]*\):module [A-Za-z0-9_]* '\([^':]*\)'.*/\1:\2/p")

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

# Every parameter file targets main.bicep, sets only declared parameters and sets every required one.
declared=$(sed -n 's/^param \([A-Za-z_][A-Za-z0-9_]*\) .*/\1/p' main.bicep)
required=$(grep -E "^param [A-Za-z_][A-Za-z0-9_]* [^=]*$" main.bicep | awk '{ print $2 }')
for file in env/*.bicepparam; do
  grep -q "^using '../main.bicep'" "$file" || finding "$file:1: must start with using '../main.bicep'"
  while IFS=: read -r line name; do
    grep -qx "$name" <<<"$declared" || finding "$file:$line: param '$name' is not declared in main.bicep"
  done < <(grep -n "^param " "$file" | sed -n 's/^\([0-9]*\):param \([A-Za-z_][A-Za-z0-9_]*\).*/\1:\2/p')
  for name in $required; do
    grep -q "^param $name " "$file" || finding "$file: required param '$name' is not set"
  done
done

if [ "$findings" -gt 0 ]; then
  echo "lint: $findings finding(s)" >&2
  exit 1
fi
echo "lint: infra is clean" >&2
