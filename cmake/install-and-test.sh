#!/usr/bin/env bash
# Installs what the atlas needs (Debian 12, as root), builds it twice (release with -Werror, and
# AddressSanitizer + UndefinedBehaviorSanitizer) and runs every test of both builds under a
# virtual X display (Xvfb), so GL tests have a context on machines with no display and no GPU;
# then builds the fuzz targets (clang, libFuzzer, both sanitizers) and runs each for a few seconds.
set -euo pipefail
cd "$(dirname "$0")/.."

export DEBIAN_FRONTEND=noninteractive
apt-get update -q
xargs -a cmake/packages.txt apt-get install -y -q --no-install-recommends

jobs=$(nproc)
for preset in ci asan; do
  cmake --preset "$preset"
  cmake --build --preset "$preset" -j "$jobs"
  # One X server per run; 1920x1080 so window tests and the benchmark fit.
  xvfb-run -a -s "-screen 0 1920x1080x24" ctest --preset "$preset" -j "$jobs"
done
cmake --preset fuzz
cmake --build --preset fuzz -j "$jobs"
ctest --preset fuzz -j "$jobs"
