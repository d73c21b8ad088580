#!/usr/bin/env bash
# The one entry point for building, testing and running DurableDags on a laptop or in CI.
#   ./build.sh run     the main job: a DAG server with the example DAGs and the demo services
#                      they call, on the folder store (http://127.0.0.1:7071, the web UI at /,
#                      the API under /api); extra arguments go to dags serve (--urls ...)
#   ./build.sh test    every test, the Functions app and the infrastructure templates included
#   ./build.sh bench   the benchmarks (results go to bench/results.md by hand)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
ROOT=$PWD
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

log() { printf '==> %s\n' "$*" >&2; }

ensure_node_packages() {
  if [ ! -x node_modules/.bin/azurite ]; then
    log "installing npm packages (Azurite)"
    npm ci --no-audit --no-fund >/dev/null
  fi
}

cmd_test() {
  ensure_node_packages
  local out=artifacts/test-output.txt status=0
  mkdir -p artifacts
  log "checking the infrastructure templates and scripts"
  infra/lint.sh || status=$?
  dotnet test Functions.sln --nologo 2>&1 | tee "$out" || status=$?
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
  # The DAG server with the example DAGs on the embedded folder store, at http://127.0.0.1:7071;
  # --demo serves what the examples call, so each runs green offline (docs/server.md).
  dotnet run --project src/DurableDags.Cli -- serve --demo "$@"
}

cmd_bench() {
  dotnet run -c Release --project bench/DurableDags.Benchmarks -- "$@"
}

case "${1:-}" in
  test) shift; cmd_test "$@" ;;
  run) shift; cmd_run "$@" ;;
  bench) shift; cmd_bench "$@" ;;
  *) echo "usage: ./build.sh run | test | bench [args]" >&2; exit 2 ;;
esac
