#!/usr/bin/env bash
# Installs what is missing on Debian/Ubuntu (system packages, npm packages, the OpenCV binding), then builds.
# Safe to run again: each step is skipped when already done.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(libopencv-dev opencv-data ffmpeg chromium ccache python3 make g++)
missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing system packages: ${missing[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

# shellcheck source=env.sh
source scripts/env.sh

binding_ok() { node -e "require('@u4/opencv4nodejs')" >/dev/null 2>&1; }
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "Installing npm packages (the OpenCV binding compiles: a few minutes the first time)"
  npm ci --no-audit --no-fund
fi
if ! binding_ok; then
  echo "Building the OpenCV binding against the system OpenCV"
  (cd node_modules/@u4/opencv4nodejs && npx --no node-gyp rebuild)
fi
binding_ok || { echo "The OpenCV binding still does not load; see the messages above." >&2; exit 1; }

npm run build
