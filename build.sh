#!/usr/bin/env bash
# AudioEdge build entry point: installs missing Debian packages, restores the pinned Cake tool,
# runs build.cake. Arguments go to Cake unchanged.
#
#   ./build.sh                         # Default: build (Release) + x64 tests
#   ./build.sh --target=test-all       # CI: build + x64 tests + arm64 tests under qemu
#   ./build.sh --target=bench --bench-filter='*Fft*'
#
# AUDIOEDGE_SKIP_SETUP=1 skips tools/setup-debian.sh (for developers without root who have the
# packages already, or who don't need the arm64/qemu targets).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")"

export DOTNET_CLI_TELEMETRY_OPTOUT=1
export DOTNET_NOLOGO=1
export DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export TESTINGPLATFORM_TELEMETRY_OPTOUT=1

if [[ "${AUDIOEDGE_SKIP_SETUP:-0}" != "1" ]]; then
  bash tools/setup-debian.sh
fi

command -v dotnet >/dev/null 2>&1 || { echo "build.sh: error: dotnet not found on PATH" >&2; exit 1; }

dotnet tool restore >/dev/null
exec dotnet cake build.cake "$@"
