# shellcheck shell=bash
# The Entra ID app registration behind Easy Auth, sourced by deploy.sh. Bicep cannot create Entra ID
# applications without the Microsoft Graph extension, so this does it with the Azure CLI and
# Microsoft Graph: created once, then kept in line with app_manifest on every run.

# The Azure CLI's own application ID. The app registration pre-authorizes it, so that
# `az account get-access-token` gets a token for the API without a consent prompt.
AZURE_CLI_APP_ID=04b07795-8ddb-461a-bbee-02f9e1bf7b46
# Fixed IDs of the app roles and the delegated scope, so a re-run updates rather than replaces them.
ROLE_READ_ID=abd573fe-adf6-462b-b693-e6edf9e369bf
ROLE_TRIGGER_ID=550facc3-cdee-41b1-aff4-785eb4587e6b
ROLE_ADMIN_ID=6bf7c3cb-aaaf-4661-a681-e2d68a00385b
SCOPE_ID=55f9af91-bb81-49f8-9242-582d15afeba2

app_role() {
  printf '{"id": "%s", "value": "%s", "displayName": "%s", "description": "%s", "allowedMemberTypes": ["User", "Application"], "isEnabled": true}' \
    "$1" "$2" "$2" "$3"
}

# The application object: identifier URI, the three app roles of the HTTP API and one delegated
# scope; with "preauthorize", also the Azure CLI as a pre-authorized client of that scope.
app_manifest() {
  local preauth=''
  [ "$2" != preauthorize ] ||
    preauth=", \"preAuthorizedApplications\": [{\"appId\": \"$AZURE_CLI_APP_ID\", \"delegatedPermissionIds\": [\"$SCOPE_ID\"]}]"
  cat <<JSON
{
  "identifierUris": ["api://$1"],
  "appRoles": [
    $(app_role "$ROLE_READ_ID" Dags.Read "Read DAGs, runs, node states and logs."),
    $(app_role "$ROLE_TRIGGER_ID" Dags.Trigger "Trigger, cancel and rerun runs and send events."),
    $(app_role "$ROLE_ADMIN_ID" Dags.Admin "Upload, pause and unpause DAGs.")
  ],
  "api": {
    "requestedAccessTokenVersion": 2,
    "oauth2PermissionScopes": [{
      "id": "$SCOPE_ID", "value": "user_impersonation", "type": "User", "isEnabled": true,
      "adminConsentDisplayName": "Use DurableDags", "adminConsentDescription": "Call the DurableDags API as the signed-in user.",
      "userConsentDisplayName": "Use DurableDags", "userConsentDescription": "Call the DurableDags API as you."
    }]$preauth
  }
}
JSON
}

graph() { az rest --method "$1" --uri "https://graph.microsoft.com/v1.0/$2" "${@:3}"; }

# ensure_app_registration ENV WHAT_IF: finds or creates the app registration durabledags-ENV,
# keeps it in line with app_manifest, gives DURABLEDAGS_PRINCIPAL_ID the role Dags.Admin, and
# exports DURABLEDAGS_AUTH_CLIENT_ID. With WHAT_IF=true it only looks.
ensure_app_registration() {
  if [ -n "${DURABLEDAGS_AUTH_CLIENT_ID:-}" ]; then
    log "Easy Auth: using the app registration $DURABLEDAGS_AUTH_CLIENT_ID from DURABLEDAGS_AUTH_CLIENT_ID"
    return
  fi
  local display="durabledags-$1" what_if=$2 app_id object_id sp_id assigned
  app_id=$(az ad app list --filter "displayName eq '$display'" --query '[0].appId' -o tsv)
  if $what_if; then
    [ -n "$app_id" ] || log "Easy Auth: the app registration '$display' does not exist yet; a deployment creates it"
    export DURABLEDAGS_AUTH_CLIENT_ID=$app_id
    return
  fi
  if [ -z "$app_id" ]; then
    log "Easy Auth: creating the Entra ID app registration '$display'"
    app_id=$(az ad app create --display-name "$display" --sign-in-audience AzureADMyOrg --query appId -o tsv)
  fi
  object_id=$(az ad app show --id "$app_id" --query id -o tsv)
  graph PATCH "applications/$object_id" --headers Content-Type=application/json --body "$(app_manifest "$app_id" scope)" -o none
  # Graph accepts a pre-authorized client only for a scope that already exists: a second call.
  graph PATCH "applications/$object_id" --headers Content-Type=application/json --body "$(app_manifest "$app_id" preauthorize)" -o none
  az ad sp show --id "$app_id" >/dev/null 2>&1 || az ad sp create --id "$app_id" -o none
  sp_id=$(az ad sp show --id "$app_id" --query id -o tsv)
  if [ -n "$DURABLEDAGS_PRINCIPAL_ID" ]; then
    assigned=$(graph GET "servicePrincipals/$sp_id/appRoleAssignedTo" \
      --query "length(value[?principalId=='$DURABLEDAGS_PRINCIPAL_ID' && appRoleId=='$ROLE_ADMIN_ID'])" -o tsv)
    if [ "$assigned" = 0 ]; then
      graph POST "servicePrincipals/$sp_id/appRoleAssignedTo" --headers Content-Type=application/json -o none \
        --body "{\"principalId\": \"$DURABLEDAGS_PRINCIPAL_ID\", \"resourceId\": \"$sp_id\", \"appRoleId\": \"$ROLE_ADMIN_ID\"}"
      log "Easy Auth: gave the deployer the role Dags.Admin"
    fi
  fi
  log "Easy Auth: app registration '$display' is $app_id"
  export DURABLEDAGS_AUTH_CLIENT_ID=$app_id
}

# ensure_sign_in_redirect CLIENT_ID HOST: lets browsers sign in to the web UI through Easy Auth,
# which needs the app's callback as a web redirect URI and, without a client secret, ID tokens
# from the authorization endpoint. Only known once the app exists, hence after the deployment.
# A registration this script may not change (DURABLEDAGS_AUTH_CLIENT_ID from an administrator)
# gets a warning with what to set instead.
ensure_sign_in_redirect() {
  local app_id=$1 uri="https://$2/.auth/login/aad/callback" object_id
  if object_id=$(az ad app show --id "$app_id" --query id -o tsv 2>/dev/null) &&
    graph PATCH "applications/$object_id" --headers Content-Type=application/json -o none \
      --body "{\"web\": {\"redirectUris\": [\"$uri\"], \"implicitGrantSettings\": {\"enableIdTokenIssuance\": true}}}" 2>/dev/null; then
    log "Easy Auth: browsers sign in through $uri"
  else
    log "warning: could not set the redirect URI of app registration $app_id; for the web UI's sign-in, add the web redirect URI $uri and turn on ID tokens"
  fi
}
