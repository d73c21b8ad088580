#!/usr/bin/env bash
# The pure shell logic of deploy.sh, run with fake inputs by infra/lint.sh (no Azure, no az).
#   bash infra/tests/deploy_test.sh
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=../deploy.sh
source "$(dirname "${BASH_SOURCE[0]}")/../deploy.sh"

failures=0 checks=0
check() {
  local name=$1
  shift
  checks=$((checks + 1))
  "$@" || { printf 'infra/tests/deploy_test.sh: FAILED: %s\n' "$name" >&2; failures=$((failures + 1)); }
}
equals() { [ "$1" = "$2" ] || { printf '  expected "%s", got "%s"\n' "$2" "$1" >&2; return 1; }; }
not() { ! "$@"; }

# The az version gate.
check "equal versions pass" version_at_least 2.47.0 2.47.0
check "a newer patch passes" version_at_least 2.47.1 2.47.0
check "a newer minor passes, compared as numbers" version_at_least 2.100.0 2.47.0
check "a newer major passes" version_at_least 3.0.0 2.47.0
check "an older minor fails" not version_at_least 2.46.9 2.47.0
check "an older minor fails, compared as numbers" not version_at_least 2.9.0 2.47.0
check "an older patch fails" not version_at_least 2.47.0 2.47.1
check "a missing part counts as 0" version_at_least 2.47 2.47.0
check "a pre-release suffix is ignored" version_at_least 2.60.0b1 2.47.0
check "an unknown version fails" not version_at_least 0 "$MIN_AZ_VERSION"
check "the minimum is the first release that reads .bicepparam" equals "$MIN_AZ_VERSION" 2.47.0

# require_tools with a fake az that reports the version in fake_az_version: an old one is refused
# with the upgrade hint.
fake_az_version=''
az() { printf '%s\n' "$fake_az_version"; }
refuses_az() {
  local message
  fake_az_version=$1
  message=$(what_if=true && require_tools 2>&1) && return 1
  [[ $message == *"needs $MIN_AZ_VERSION or later"*"az upgrade"* ]]
}
accepts_az() { fake_az_version=$1; (what_if=true && require_tools); }
check "an az CLI that cannot read .bicepparam is refused" refuses_az 2.46.0
check "the first az CLI that reads .bicepparam is accepted" accepts_az 2.47.0

# Values read from parameter files.
params=$(mktemp)
trap 'rm -f "$params"' EXIT
cat >"$params" <<'BICEPPARAM'
using '../main.bicep'
// param enableEasyAuth = false
param durableBackend = 'DurableTaskScheduler' // the scheduler
param enableEasyAuth = true
param authClientId = readEnvironmentVariable('DURABLEDAGS_AUTH_CLIENT_ID', '')
  param maximumInstanceCount = 100
BICEPPARAM
check "a quoted value loses its quotes and comment" equals "$(param_value durableBackend "$params")" DurableTaskScheduler
check "a commented-out line is not a value" equals "$(param_value enableEasyAuth "$params")" true
check "an expression is not a literal value" equals "$(param_value authClientId "$params")" ""
check "an indented number is read" equals "$(param_value maximumInstanceCount "$params")" 100
check "a parameter that is not set is empty" equals "$(param_value storageSku "$params")" ""
check "dev leaves Easy Auth off" equals "$(param_value enableEasyAuth "$INFRA/env/dev.bicepparam")" false
check "prod turns Easy Auth on" equals "$(param_value enableEasyAuth "$INFRA/env/prod.bicepparam")" true

param_file=$params
check "the environment's backend is read from its file" equals "$(durable_backend)" DurableTaskScheduler
check "Easy Auth is on when the file says so" easy_auth_on
param_file=$INFRA/env/dev.bicepparam
check "the default backend is the storage account" equals "$(durable_backend)" AzureStorage
check "Easy Auth is off in dev" not easy_auth_on

# What the build and the zip deployment are given.
check "the scheduler backend adds the provider package" equals "$(publish_args DurableTaskScheduler)" -p:DurableBackend=Scheduler
check "the storage backend builds the default" equals "$(publish_args AzureStorage)" ""
check "retries wait longer each time" equals "$(retry_after 1) $(retry_after 2) $(retry_after 4)" "30 60 120"

echo "deploy_test: $((checks - failures)) passed, $failures failed" >&2
[ "$failures" -eq 0 ]
