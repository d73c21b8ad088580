#!/usr/bin/env bash
# Deploys DurableDags to Azure with the az CLI: the resource group, the infrastructure
# (infra/main.bicep with infra/env/ENV.bicepparam), the Functions app, and a folder of DAGs.
#   infra/deploy.sh ENV [--what-if] [--dags DIR] [--location REGION] [--resource-group NAME]
#                       [--no-user-access]
# --what-if shows what the deployment would change and stops. Defaults: region
# $DURABLEDAGS_LOCATION or eastus2, resource group rg-durabledags-ENV. See docs/deploy.md.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
INFRA=$ROOT/infra

env_name='' what_if=false dags_dir='' user_access=true
location=${DURABLEDAGS_LOCATION:-eastus2} resource_group=''
param_file='' deployment='' work='' function_key='' token='' api_base=''

log() { printf '==> %s\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }
usage() { sed -n '2,7s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"; }

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
          --location) location=$2 ;;
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
  $what_if && return
  local tool
  for tool in dotnet zip curl; do
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

easy_auth_on() { grep -Eq '^[[:space:]]*param[[:space:]]+enableEasyAuth[[:space:]]*=[[:space:]]*true' "$param_file"; }

# A new subscription has not registered every resource provider the template uses.
register_providers() {
  local namespace namespaces=(Microsoft.Web Microsoft.Storage Microsoft.ManagedIdentity Microsoft.KeyVault
    Microsoft.Insights Microsoft.OperationalInsights)
  grep -Eq "^[[:space:]]*param[[:space:]]+durableBackend[[:space:]]*=[[:space:]]*'DurableTaskScheduler'" "$param_file" &&
    namespaces+=(Microsoft.DurableTask)
  for namespace in "${namespaces[@]}"; do
    if [ "$(az provider show --namespace "$namespace" --query registrationState -o tsv)" != Registered ]; then
      log "registering the resource provider $namespace (once per subscription)"
      az provider register --namespace "$namespace" --wait
    fi
  done
}

output() { az deployment group show -g "$resource_group" -n "$deployment" --query "properties.outputs.$1.value" -o tsv; }

deploy_infrastructure() {
  log "resource group $resource_group in $location"
  az group create --name "$resource_group" --location "$location" \
    --tags application=durabledags "environment=$env_name" -o none
  local args=(-g "$resource_group" -n "$deployment" --template-file "$INFRA/main.bicep" --parameters "$param_file")
  if $what_if; then
    log "what-if of $deployment (nothing is deployed)"
    az deployment group what-if "${args[@]}"
    return
  fi
  log "deploying infra/main.bicep with infra/env/$env_name.bicepparam"
  az deployment group create "${args[@]}" -o none
}

publish_app() {
  local app=$1
  log "publishing src/DurableDags.Functions"
  dotnet publish "$ROOT/src/DurableDags.Functions" -c Release -o "$work/app" --nologo
  (cd "$work/app" && zip -qr "$work/app.zip" .)
  log "deploying the package to $app"
  az functionapp deployment source config-zip -g "$resource_group" -n "$app" --src "$work/app.zip" -o none
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
  require_login
  resolve_principal
  if easy_auth_on; then ensure_app_registration "$env_name" "$what_if"; fi
  register_providers
  deploy_infrastructure
  $what_if && return

  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  local app
  app=$(output functionAppName)
  api_base=$(output apiBaseUrl)
  publish_app "$app"
  if [ -n "$dags_dir" ]; then
    if easy_auth_on; then
      # A person signs in through the delegated scope; a pipeline's service principal holds the
      # app role itself and asks for .default.
      local scope="api://$DURABLEDAGS_AUTH_CLIENT_ID/user_impersonation"
      [ "$DURABLEDAGS_PRINCIPAL_TYPE" = User ] || scope="api://$DURABLEDAGS_AUTH_CLIENT_ID/.default"
      token=$(az account get-access-token --scope "$scope" --query accessToken -o tsv)
    fi
    wait_for_api "$app"
    upload_dags
  fi
  print_summary "$app"
}

# Sourcing the script (for a manual check of one function) defines the functions without running.
[ "${BASH_SOURCE[0]}" != "$0" ] || main "$@"
