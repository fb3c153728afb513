#!/usr/bin/env bash
# From a fresh clone: install what is missing, build, then run every test (types, unit, end-to-end).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
MOODTAPE_E2E_SKIP_BUILD=1 npm test
