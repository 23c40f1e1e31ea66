#!/usr/bin/env bash
# `npm run bench`: every benchmark. The investigation benchmark compares qready with jq over the
# same CloudTrail files, so jq is installed from Debian first when it is missing (zcat comes
# with gzip, which every Debian system has). Arguments go to the benchmark (`-- --trail-records
# 100000` for a quick run; QREADY_BENCH_TRAIL_RECORDS does the same).
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v jq >/dev/null 2>&1; then
  sudo=()
  if [ "$(id -u)" -ne 0 ]; then sudo=(sudo); fi
  echo "installing jq from Debian (the investigation benchmark's baseline)" >&2
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends jq >/dev/null
fi

npm run -s build
exec node --expose-gc dist/bench/run.js "$@"
