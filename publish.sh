#!/usr/bin/env bash
# Builds the function app package (design §2) with the FunctionApp publish profile
# (self-contained linux-x64): a folder with host.json, one folder per function holding its
# function.json, and the Kaireon.Functions executable; and the same folder as a zip that keeps the
# executable bit (the Functions host never sets it), ready for a zip deploy.
#   ./publish.sh [DIR [dotnet publish options...]]   folder DIR (default artifacts/functionapp), zip DIR.zip
set -euo pipefail
cd "$(dirname "$0")"
out="${1:-artifacts/functionapp}"
shift || true
if [ -d "$out" ] && [ -n "$(ls -A "$out")" ] && [ ! -f "$out/host.json" ]; then
  echo "publish.sh: $out is not empty and holds no host.json; refusing to replace it" >&2
  exit 2
fi
mkdir -p "$out"
out="$(cd "$out" && pwd)"
find "$out" -mindepth 1 -delete
rm -f "$out.zip"
dotnet publish src/Kaireon.Functions -p:PublishProfile=FunctionApp -o "$out" -nologo -clp:ErrorsOnly "$@"
if [ ! -x "$out/Kaireon.Functions" ]; then
  echo "publish.sh: $out/Kaireon.Functions is missing or not executable" >&2
  exit 1
fi
# Info-ZIP stores each file's Unix mode, so the executable bit survives the deploy.
(cd "$out" && zip -qrX "$out.zip" .)
echo "Function app package: $out ($(du -sh "$out" | cut -f1)), zip: $out.zip ($(du -sh "$out.zip" | cut -f1))"
