#!/usr/bin/env bash
# Kaireon's two commands.
#   ./build.sh test  installs what the tests need (the Cosmos-compatible test server, from npm into
#                    tools/cosmosdb-server), builds, runs every test project, and ends with the line
#                    "N passed, M failed".
#   ./build.sh run   serves the API standalone on http://localhost:7071 (SQLite in ./data).
set -euo pipefail
cd "$(dirname "$0")"

install_test_server() {
  if [ ! -f tools/cosmosdb-server/node_modules/@vercel/cosmosdb-server/lib/cli.js ]; then
    echo "Installing the Cosmos test server (npm ci --prefix tools/cosmosdb-server)..."
    npm ci --prefix tools/cosmosdb-server --no-audit --no-fund --loglevel=error
  fi
}

case "${1:-test}" in
  test)
    install_test_server
    dotnet build Kaireon.Functions.sln -c Release -nologo -clp:ErrorsOnly
    mkdir -p artifacts
    set +e
    dotnet test --solution Kaireon.Functions.sln -c Release --no-build 2>&1 | tee artifacts/test.log
    status=${PIPESTATUS[0]}
    set -e
    # Microsoft.Testing.Platform closes with "total: / failed: / succeeded:"; turn it into one line.
    passed=$(grep -E '^\s+succeeded: [0-9]+' artifacts/test.log | tail -1 | grep -Eo '[0-9]+' || echo 0)
    failed=$(grep -E '^\s+failed: [0-9]+' artifacts/test.log | tail -1 | grep -Eo '[0-9]+' || echo 0)
    if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
    echo "$passed passed, $failed failed"
    exit "$status"
    ;;
  run)
    exec dotnet run --project src/Kaireon.Functions
    ;;
  *)
    echo "usage: ./build.sh [test|run]" >&2
    exit 2
    ;;
esac
