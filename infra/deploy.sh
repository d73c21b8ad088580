#!/usr/bin/env bash
# Deploys DurableDags to Azure with the az CLI: the resource group, the infrastructure
# (infra/main.bicep with infra/env/ENV.bicepparam), the Functions app, and a folder of DAGs.
#   infra/deploy.sh ENV [--what-if] [--dags DIR] [--location REGION] [--resource-group NAME]
#                       [--no-user-access]
# --what-if shows what the deployment would change and stops. Defaults: region
# $DURABLEDAGS_LOCATION or eastus2 (an existing resource group keeps its own), resource group
# rg-durabledags-ENV. Needs the Azure CLI 2.47.0 or later. See docs/deploy.md.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
INFRA=$ROOT/infra

env_name='' what_if=false dags_dir='' user_access=true
location=${DURABLEDAGS_LOCATION:-eastus2} location_given=false resource_group=''
param_file='' deployment='' work='' function_key='' token='' api_base=''

# The first Azure CLI release whose az deployment reads .bicepparam files (2.47.0, April 2023:
# "az deployment group create: Support deployment with bicepparam files"). Older ones fail on
# infra/env/*.bicepparam with an unhelpful parameter-parsing error.
MIN_AZ_VERSION=2.47.0
# The longest one zip deployment may take before it is tried again.
ZIP_DEPLOY_TIMEOUT=${DURABLEDAGS_ZIP_DEPLOY_TIMEOUT:-600}

log() { printf '==> %s\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }
usage() { sed -n '2,8s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"; }

# version_at_least HAVE MIN: true when the dotted version HAVE is MIN or newer. Missing parts
# count as 0 and a suffix such as "-beta" is ignored (2.47 = 2.47.0; 2.60.0b1 = 2.60.0).
version_at_least() {
  local -a have want
  IFS=. read -r -a have <<<"${1%%[!0-9.]*}"
  IFS=. read -r -a want <<<"${2%%[!0-9.]*}"
  local i h w
  for i in 0 1 2 3; do
    h=$((10#${have[i]:-0})) w=$((10#${want[i]:-0}))
    [ "$h" -eq "$w" ] || { [ "$h" -gt "$w" ]; return; }
  done
}

# param_value NAME FILE: the literal value a .bicepparam file gives NAME, without quotes; empty
# when the file does not set it. Enough for the flat values deploy.sh branches on.
param_value() {
  sed -nE "s/^[[:space:]]*param[[:space:]]+$1[[:space:]]*=[[:space:]]*'?([^'\/]*[^'\/[:space:]])'?[[:space:]]*(\/\/.*)?\$/\1/p" "$2" | tail -n 1
}

# publish_args BACKEND: the dotnet publish properties the Durable backend needs. The Durable Task
# Scheduler's provider package is opt-in (src/DurableDags.Functions/DurableDags.Functions.csproj).
publish_args() {
  [ "$1" != DurableTaskScheduler ] || printf '%s\n' -p:DurableBackend=Scheduler
}

# retry_after ATTEMPT: seconds to wait before attempt ATTEMPT+1 of the zip deployment (30, 60,
# 90, ...): role assignments made by the deployment take minutes to reach the storage service.
retry_after() { printf '%s\n' $((30 * $1)); }

# shellcheck source-path=SCRIPTDIR source=app-registration.sh
source "$INFRA/app-registration.sh"

parse_args() {
  while [ $# -gt 0 ]; do
    case $1 in
      --what-if) what_if=true ;;
      --no-user-access) user_access=false ;;
      --dags | --location | --resource-group)
        [ $# -ge 2 ] || die "$1 needs a value"
        case $1 in
          --dags) dags_dir=$2 ;;
          --location) location=$2 location_given=true ;;
          --resource-group) resource_group=$2 ;;
        esac
        shift ;;
      -h | --help) usage; exit 0 ;;
      -*) die "unknown option '$1' (see --help)" ;;
      *) [ -z "$env_name" ] || die "give one environment, not '$env_name' and '$1'"; env_name=$1 ;;
    esac
    shift
  done
  [ -n "$env_name" ] || { usage >&2; die "name an environment, e.g. dev or prod"; }
  param_file=$INFRA/env/$env_name.bicepparam
  if [ ! -f "$param_file" ]; then
    local known='' file
    for file in "$INFRA"/env/*.bicepparam; do known+=" $(basename "$file" .bicepparam)"; done
    die "no parameter file infra/env/$env_name.bicepparam; environments:$known"
  fi
  [ -z "$dags_dir" ] || [ -d "$dags_dir" ] || die "--dags: '$dags_dir' is not a folder"
  resource_group=${resource_group:-rg-durabledags-$env_name}
  deployment=durabledags-$env_name
}

require_tools() {
  command -v az >/dev/null 2>&1 ||
    die "the Azure CLI (az) is not installed; see https://learn.microsoft.com/cli/azure/install-azure-cli"
  local version
  version=$(az version --query '"azure-cli"' -o tsv 2>/dev/null) || version=''
  [ -n "$version" ] || version=$(az --version 2>/dev/null | sed -n 's/^azure-cli[[:space:]]*\([0-9][0-9.]*\).*/\1/p' | head -n 1)
  version_at_least "${version:-0}" "$MIN_AZ_VERSION" ||
    die "the Azure CLI is ${version:-of unknown version}; deploying infra/env/*.bicepparam needs $MIN_AZ_VERSION or later. Upgrade with 'az upgrade' (or your package manager, e.g. 'sudo apt-get install --only-upgrade azure-cli'), then run 'az version'"
  $what_if && return
  local tool
  for tool in dotnet zip curl timeout; do
    command -v "$tool" >/dev/null 2>&1 || die "'$tool' is needed to publish the app and is not installed"
  done
  [ -d "$ROOT/src/DurableDags.Functions" ] || die "src/DurableDags.Functions does not exist; nothing to publish"
}

require_login() {
  az account show --query id -o tsv >/dev/null 2>&1 ||
    die "the Azure CLI is not logged in; run 'az login' (and 'az account set --subscription NAME')"
  log "subscription: $(az account show --query "join(' ', [name, id])" -o tsv)"
}

# The deployer gets the app's data access (docs/deploy.md, "Who can do what"); found from the
# signed-in account unless DURABLEDAGS_PRINCIPAL_ID names someone else.
resolve_principal() {
  export DURABLEDAGS_PRINCIPAL_ID=${DURABLEDAGS_PRINCIPAL_ID:-}
  export DURABLEDAGS_PRINCIPAL_TYPE=${DURABLEDAGS_PRINCIPAL_TYPE:-User}
  if ! $user_access; then DURABLEDAGS_PRINCIPAL_ID=''; return; fi
  [ -z "$DURABLEDAGS_PRINCIPAL_ID" ] || return 0
  if [ "$(az account show --query user.type -o tsv)" = user ]; then
    DURABLEDAGS_PRINCIPAL_ID=$(az ad signed-in-user show --query id -o tsv 2>/dev/null) || DURABLEDAGS_PRINCIPAL_ID=''
  else
    DURABLEDAGS_PRINCIPAL_TYPE=ServicePrincipal
    DURABLEDAGS_PRINCIPAL_ID=$(az ad sp show --id "$(az account show --query user.name -o tsv)" \
      --query id -o tsv 2>/dev/null) || DURABLEDAGS_PRINCIPAL_ID=''
  fi
  [ -n "$DURABLEDAGS_PRINCIPAL_ID" ] ||
    log "warning: the signed-in principal was not found in Entra ID; it gets no data access (set DURABLEDAGS_PRINCIPAL_ID)"
}

easy_auth_on() { [ "$(param_value enableEasyAuth "$param_file")" = true ]; }
durable_backend() { local backend; backend=$(param_value durableBackend "$param_file"); printf '%s\n' "${backend:-AzureStorage}"; }

# A new subscription has not registered every resource provider the template uses.
register_providers() {
  local namespace namespaces=(Microsoft.Web Microsoft.Storage Microsoft.ManagedIdentity Microsoft.KeyVault
    Microsoft.Insights Microsoft.OperationalInsights)
  [ "$(durable_backend)" != DurableTaskScheduler ] || namespaces+=(Microsoft.DurableTask)
  for namespace in "${namespaces[@]}"; do
    if [ "$(az provider show --namespace "$namespace" --query registrationState -o tsv)" != Registered ]; then
      log "registering the resource provider $namespace (once per subscription)"
      az provider register --namespace "$namespace" --wait
    fi
  done
}

output() { az deployment group show -g "$resource_group" -n "$deployment" --query "properties.outputs.$1.value" -o tsv; }

# An existing resource group keeps its region (az group create refuses another one); the
# template places every resource in the group's region.
ensure_resource_group() {
  local existing
  existing=$(az group show --name "$resource_group" --query location -o tsv 2>/dev/null) || existing=''
  if [ -n "$existing" ]; then
    if $location_given && [ "$existing" != "$location" ]; then
      log "warning: resource group $resource_group is in $existing; --location $location is ignored"
    fi
    location=$existing
    log "resource group $resource_group (exists, in $location)"
    return
  fi
  log "resource group $resource_group in $location"
  az group create --name "$resource_group" --location "$location" \
    --tags application=durabledags "environment=$env_name" -o none
}

# The vault's soft-delete retention is fixed when it is created; a different value in the
# parameter file would fail the deployment half-way with a terse service error.
check_key_vault_retention() {
  local want have
  want=$(param_value keyVaultRetentionInDays "$param_file")
  have=$(az keyvault list -g "$resource_group" --query "[?tags.application=='durabledags'] | [0].properties.softDeleteRetentionInDays" \
    -o tsv 2>/dev/null) || have=''
  [ -z "$have" ] || [ "${want:-7}" = "$have" ] ||
    die "the Key Vault in $resource_group keeps deleted secrets $have days, fixed when it was created; set 'param keyVaultRetentionInDays = $have' in infra/env/$env_name.bicepparam"
}

deploy_infrastructure() {
  ensure_resource_group
  check_key_vault_retention
  local args=(-g "$resource_group" -n "$deployment" --template-file "$INFRA/main.bicep" --parameters "$param_file")
  if $what_if; then
    log "what-if of $deployment (nothing is deployed)"
    az deployment group what-if "${args[@]}"
    return
  fi
  log "deploying infra/main.bicep with infra/env/$env_name.bicepparam"
  az deployment group create "${args[@]}" -o none
}

# Built before anything in Azure changes, so a build error leaves the environment as it was.
publish_app() {
  local backend args
  backend=$(durable_backend)
  mapfile -t args < <(publish_args "$backend")
  log "publishing src/DurableDags.Functions for the $backend backend ${args[*]}"
  dotnet publish "$ROOT/src/DurableDags.Functions" -c Release -o "$work/app" --nologo "${args[@]}"
  (cd "$work/app" && zip -qr "$work/app.zip" .)
}

# The package goes to the deployment container with the app identity's Blob Data Owner role,
# assigned by this very deployment: until the assignment reaches the storage service, the upload
# is refused. Each try has a time limit, so a hung upload cannot stall the script either.
deploy_package() {
  local app=$1 attempt=1 attempts=5 wait
  log "deploying the package to $app"
  until timeout "$ZIP_DEPLOY_TIMEOUT" az functionapp deployment source config-zip \
    -g "$resource_group" -n "$app" --src "$work/app.zip" -o none; do
    [ "$attempt" -lt "$attempts" ] ||
      die "the package was not deployed to $app after $attempts tries; see 'az functionapp log deployment list -g $resource_group -n $app'"
    wait=$(retry_after "$attempt")
    log "the zip deployment failed or took over ${ZIP_DEPLOY_TIMEOUT}s (new role assignments take a few minutes); try $((attempt + 1)) of $attempts in ${wait}s"
    sleep "$wait"
    attempt=$((attempt + 1))
  done
}

# api METHOD PATH [FILE CONTENT-TYPE]: prints the HTTP status; the body is left in $work/response.
api() {
  local args=(-sS -o "$work/response" -w '%{http_code}' -X "$1" -H "x-functions-key: $function_key")
  [ -z "$token" ] || args+=(-H "Authorization: Bearer $token")
  [ $# -lt 3 ] || args+=(-H "Content-Type: $4" --data-binary "@$3")
  curl "${args[@]}" "$api_base$2"
}

# Keys exist, and the API answers, only once the host has started after the deployment.
wait_for_api() {
  local app=$1 deadline=$((SECONDS + 300))
  until function_key=$(az functionapp keys list -g "$resource_group" -n "$app" \
    --query functionKeys.default -o tsv 2>/dev/null) && [ -n "$function_key" ]; do
    [ "$SECONDS" -lt "$deadline" ] || die "no function key for $app after 5 minutes; see its logs in Application Insights"
    sleep 10
  done
  until [ "$(api GET /health || true)" = 200 ]; do
    [ "$SECONDS" -lt "$deadline" ] ||
      die "GET $api_base/health did not answer 200 within 5 minutes: $(cat "$work/response" 2>/dev/null)"
    sleep 5
  done
}

# With Easy Auth on, a call with a function key but without a token must be refused (by Easy Auth,
# or by the app, which requires the principal), and a browser opening the web UI must be sent to
# sign in. Settings take a little while to reach every front end, so this polls; a 2xx from the
# API means it is open and stops the script.
probe_easy_auth() {
  local deadline=$((SECONDS + 180)) status saved_token=$token
  token=''
  log "Easy Auth: checking that a call without a token is refused"
  until status=$(api GET /dags) || status=000; [ "$status" = 401 ]; do
    case $status in
      2??) die "Easy Auth is on, but GET $api_base/dags with a function key and no token answered $status: the API is open" ;;
    esac
    [ "$SECONDS" -lt "$deadline" ] || die "GET $api_base/dags without a token answered $status, not 401, for 3 minutes"
    sleep 10
  done
  token=$saved_token
  local ui=${api_base%/api}/ location
  location=$(curl -sS -o /dev/null -w '%{http_code} %{redirect_url}' "$ui" 2>/dev/null) || location=000
  case $location in
    302\ */.auth/login/*) log "Easy Auth: $ui sends a browser to sign in" ;;
    *) log "warning: $ui answered '$location', not a redirect to /.auth/login: the web UI will not offer a sign-in" ;;
  esac
}

dag_id() {
  case $1 in
    *.json) grep -o '"id"[[:space:]]*:[[:space:]]*"[^"]*"' "$1" | sed -n '1s/.*"\([^"]*\)"$/\1/p' || true ;;
    *) sed -n "/^id:/{s/^id:[[:space:]]*['\"]\{0,1\}\([^'\"#[:space:]]*\).*/\1/p;q;}" "$1" ;;
  esac
}

upload_dags() {
  local file id type status count=0 failed=0
  for file in "$dags_dir"/*.yaml "$dags_dir"/*.yml "$dags_dir"/*.json; do
    [ -f "$file" ] || continue
    count=$((count + 1))
    id=$(dag_id "$file")
    if ! [[ $id =~ ^[a-z0-9][a-z0-9_-]{0,62}$ ]]; then
      printf 'error: %s: no valid top-level id (found "%s")\n' "$file" "$id" >&2
      failed=$((failed + 1))
      continue
    fi
    case $file in *.json) type=application/json ;; *) type=application/yaml ;; esac
    status=$(api PUT "/dags/$id" "$file" "$type") || status=''
    case $status in
      201) log "DAG $id: stored a new version from $file" ;;
      200) log "DAG $id: unchanged" ;;
      *)
        printf 'error: %s: PUT /api/dags/%s answered %s\n%s\n' "$file" "$id" "${status:-nothing}" \
          "$(cat "$work/response" 2>/dev/null)" >&2
        failed=$((failed + 1)) ;;
    esac
  done
  [ "$count" -gt 0 ] || die "--dags: no *.yaml, *.yml or *.json file in '$dags_dir'"
  [ "$failed" -eq 0 ] || die "$failed of $count DAG files were not uploaded"
}

print_summary() {
  local app=$1 auth_header=''
  if easy_auth_on; then
    auth_header=" -H \"Authorization: Bearer \$TOKEN\""
    printf '\nEasy Auth is on: callers need the role Dags.Read, Dags.Trigger or Dags.Admin and a token:\n'
    printf "  TOKEN=\$(az account get-access-token --scope %s --query accessToken -o tsv)\n" \
      "api://$DURABLEDAGS_AUTH_CLIENT_ID/user_impersonation"
  fi
  cat <<EOF

DurableDags ($env_name) is deployed.
  API base URL:  $api_base
  Function key:  KEY=\$(az functionapp keys list -g $resource_group -n $app --query functionKeys.default -o tsv)
  Try it:        curl -H "x-functions-key: \$KEY"$auth_header $api_base/dags
  DAG secrets:   az keyvault secret set --vault-name $(output keyVaultName) --name NAME-WITH-HYPHENS --value ...
EOF
}

main() {
  parse_args "$@"
  require_tools
  if ! $what_if; then
    work=$(mktemp -d)
    trap 'rm -rf "$work"' EXIT
    publish_app
  fi
  require_login
  resolve_principal
  if easy_auth_on; then ensure_app_registration "$env_name" "$what_if"; fi
  register_providers
  deploy_infrastructure
  $what_if && return

  local app
  app=$(output functionAppName)
  api_base=$(output apiBaseUrl)
  if easy_auth_on; then
    local host=${api_base#https://}
    ensure_sign_in_redirect "$DURABLEDAGS_AUTH_CLIENT_ID" "${host%/api}"
  fi
  deploy_package "$app"
  if easy_auth_on; then
    # A person signs in through the delegated scope; a pipeline's service principal holds the
    # app role itself and asks for .default.
    local scope="api://$DURABLEDAGS_AUTH_CLIENT_ID/user_impersonation"
    [ "$DURABLEDAGS_PRINCIPAL_TYPE" = User ] || scope="api://$DURABLEDAGS_AUTH_CLIENT_ID/.default"
    token=$(az account get-access-token --scope "$scope" --query accessToken -o tsv)
    wait_for_api "$app"
    probe_easy_auth
  fi
  if [ -n "$dags_dir" ]; then
    easy_auth_on || wait_for_api "$app"
    upload_dags
  fi
  print_summary "$app"
}

# Sourcing the script (for a manual check of one function) defines the functions without running.
[ "${BASH_SOURCE[0]}" != "$0" ] || main "$@"
