#!/usr/bin/env bash
# The Bicep CLI, pinned in tools/bicep/bicep.proj (NuGet package Azure.Bicep.CommandLine.linux-x64),
# restored on first use: CI reaches NuGet and nothing else.
#   tools/bicep/bicep.sh check        build + lint infra/main.bicep; exit 1 on any error or warning
#                                     (the CLI itself exits 0 on warnings, so its output is read too)
#   tools/bicep/bicep.sh build-json F compile infra/main.bicep to the ARM template F
#   tools/bicep/bicep.sh ARGS...      run the CLI with ARGS
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
version=$(sed -n 's/.*Include="Azure.Bicep.CommandLine.linux-x64" Version="\[\([^]]*\)\]".*/\1/p' "$repo/tools/bicep/bicep.proj")
packages="${NUGET_PACKAGES:-$(dotnet nuget locals global-packages --list | sed 's/^global-packages: //')}"
bicep="${packages%/}/azure.bicep.commandline.linux-x64/$version/tools/bicep"
if [ ! -x "$bicep" ]; then
  dotnet restore "$repo/tools/bicep/bicep.proj" -nologo -v quiet >&2
  # NuGet does not always keep the executable bit of package files.
  chmod u+x "$bicep"
fi

case "${1:-check}" in
  check)
    out=$(mktemp -d)
    trap 'rm -rf "$out"' EXIT
    status=0
    "$bicep" build "$repo/infra/main.bicep" --outfile "$out/main.json" >"$out/build.log" 2>&1 || status=$?
    "$bicep" lint "$repo/infra/main.bicep" >"$out/lint.log" 2>&1 || status=$?
    cat "$out/build.log" "$out/lint.log"
    if [ "$status" -ne 0 ] || grep -Eq ': (Warning|Error) ' "$out/build.log" "$out/lint.log"; then
      echo "bicep: infra/main.bicep has errors or warnings (Bicep CLI $version)" >&2
      exit 1
    fi
    echo "bicep: infra/main.bicep builds and lints clean (Bicep CLI $version)"
    ;;
  build-json)
    exec "$bicep" build "$repo/infra/main.bicep" --outfile "${2:?usage: bicep.sh build-json OUTFILE}"
    ;;
  *)
    exec "$bicep" "$@"
    ;;
esac
