#!/usr/bin/env bash
# From a fresh clone: install what is missing, build, then run every test (types, unit, end-to-end).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
npm test
