#!/usr/bin/env bash
# Installs what is missing on Debian/Ubuntu (system packages, npm packages, the OpenCV binding,
# Electron's binary and OpenCV built for it where they can be downloaded), then builds.
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

# npm packages: installed when node_modules is missing or does not match package.json.
if [ ! -d node_modules ] || ! npm ls --depth=0 >/dev/null 2>&1; then
  echo "Installing npm packages (the OpenCV binding compiles: a few minutes the first time)"
  # Electron's binary is fetched below, bounded, so a failed download cannot fail the install.
  ELECTRON_SKIP_BINARY_DOWNLOAD=1 npm ci --no-audit --no-fund
fi

binding_ok() { node -e "require('@u4/opencv4nodejs')" >/dev/null 2>&1; }
if ! binding_ok; then
  echo "Building the OpenCV binding against the system OpenCV"
  (cd node_modules/@u4/opencv4nodejs && npx --no node-gyp rebuild)
fi
binding_ok || { echo "The OpenCV binding still does not load; see the messages above." >&2; exit 1; }

# Electron's binary, the normal way (electron's own install script), at most 60 s; where it cannot be
# downloaded, one line and on: `npm start` then runs serve mode.
electron_ok() { node -e "process.exit(require('fs').existsSync(require('electron')) ? 0 : 1)" >/dev/null 2>&1; }
if ! electron_ok; then
  set +e
  out=$(timeout 60 node node_modules/electron/install.js 2>&1)
  rc=$?
  set -e
  if [ $rc -eq 0 ] && electron_ok; then
    echo "Installed Electron's binary: npm start opens the desktop app."
  else
    if [ $rc -eq 124 ]; then why="no answer within 60 s"; else
      why=$(printf '%s\n' "$out" | grep -m1 -oE '[A-Za-z]*Error: .{0,100}' || printf '%s\n' "$out" | tail -n1 | cut -c1-100)
    fi
    echo "Electron's binary could not be downloaded (${why:-exit $rc}); npm start will run serve mode (the app in your browser)."
  fi
fi

# OpenCV for Electron's ABI (native/electron), beside the Node build; skips itself without Electron or offline.
node scripts/electron-binding.mjs || echo "OpenCV for Electron could not be built (see above); the desktop app opens without the camera."

npm run build
