#!/usr/bin/env bash
# The Bicep CLI, pinned in tools/bicep/bicep.proj (NuGet package Azure.Bicep.CommandLine.linux-x64),
# restored on first use: CI reaches NuGet and nothing else.
#   tools/bicep/bicep.sh check [F]    build + lint infra/main.bicep; exit 1 on any error or warning
#                                     (the CLI itself exits 0 on warnings, so its output is read too);
#                                     keeps the compiled ARM template as F if given
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
    if [ -n "${2:-}" ] && [ -f "$out/main.json" ]; then cp "$out/main.json" "$2"; fi
    if [ "$status" -ne 0 ] || grep -Eq ': (Warning|Error) ' "$out/build.log" "$out/lint.log"; then
      echo "bicep: infra/main.bicep has errors or warnings (Bicep CLI $version)" >&2
      exit 1
    fi
    echo "bicep: infra/main.bicep builds and lints clean (Bicep CLI $version)"
    ;;
  *)
    exec "$bicep" "$@"
    ;;
esac
