# Environment for building the native modules against Debian's OpenCV (sourced by setup/test scripts).
# Electron's binary is not skipped here: setup fetches it, bounded, where it can be downloaded.
export ONNXRUNTIME_NODE_INSTALL=skip
export OPENCV4NODEJS_DISABLE_AUTOBUILD=1
export OPENCV_INCLUDE_DIR=/usr/include/opencv4
export OPENCV_LIB_DIR=/usr/lib/x86_64-linux-gnu
export OPENCV_BIN_DIR=/usr/bin
export npm_config_nodedir=/usr
if command -v ccache >/dev/null 2>&1; then
  export CC="ccache gcc" CXX="ccache g++"
fi
export JOBS=max  # node-gyp: compile the OpenCV binding on every core
# Lets ccache reuse objects across checkouts in different folders (a fresh clone, CI).
export CCACHE_BASEDIR="${CCACHE_BASEDIR:-$(pwd)}"
