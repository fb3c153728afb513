#!/usr/bin/env bash
# Rebuilds assets/wasm/mpg123.wasm: the same mpg123 code and C glue as the npm package mpg123-decoder
# 1.0.3 (its WASM is built for size, -Oz), built for speed: -O3, and mpg123's table-driven Huffman
# decoder (--enable-new-huffman, mpg123's own default; the package turns it off to save size: the same
# codes decode to the same values, about 9% less decode time). Same samples bit for bit (checked by
# test/library/analysis-decode.test.ts); the app falls back to the package's own WASM when this file is
# missing or broken, or when the installed package is another version.
#
#   bash scripts/mpg123/build.sh            # clones the two pinned sources from GitHub
#   MPG123_GIT=/path/to/mpg123.git WAD_GIT=/path/to/wasm-audio-decoders.git bash scripts/mpg123/build.sh
#   OUT=/tmp/mpg123.wasm bash scripts/mpg123/build.sh   # elsewhere, e.g. to compare with the committed file
#
# Needs emscripten (Debian's 3.1.6 built the committed file), autoconf, automake, libtool, git.
# mpg123 is LGPL-2.1 (see assets/wasm/README.md); the glue (wasm-audio-decoders) is MIT.
set -euo pipefail

MPG123_GIT=${MPG123_GIT:-https://github.com/madebr/mpg123.git}
MPG123_COMMIT=08247b317163175e62035893af3ff9e71a5dfefd # the submodule wasm-audio-decoders pins
WAD_GIT=${WAD_GIT:-https://github.com/eshaz/wasm-audio-decoders.git}
WAD_COMMIT=925d0608c98056c30e6315f38e2d123e3c67e8af

root=$(cd "$(dirname "$0")/../.." && pwd)
out=${OUT:-$root/assets/wasm/mpg123.wasm}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
emcc --version 2>/dev/null | grep -m1 -i emscripten || true

# A local repository is read with git archive (only the files needed), a URL fetched at the commit.
checkout() { # repo commit dir [path]
  mkdir -p "$3"
  if [ -d "$1" ]; then
    git --git-dir="$1" archive "$2" ${4:-} | tar -x -C "$3"
  else
    git -C "$3" init -q
    git -C "$3" fetch -q --depth 1 "$1" "$2"
    git -C "$3" checkout -q FETCH_HEAD
  fi
}
checkout "$MPG123_GIT" "$MPG123_COMMIT" "$work/mpg123"
checkout "$WAD_GIT" "$WAD_COMMIT" "$work/wad" src/mpg123-decoder/src
glue=$work/wad/src/mpg123-decoder/src
src=$work/mpg123

# The package's configure options (wasm-audio-decoders' Makefile, mpg123-configure), but
# --enable-new-huffman where it has --disable-new-huffman: they write config.h.
(cd "$src" && autoreconf -i >/dev/null 2>&1 && emconfigure ./configure \
  --host=wasm32-unknown-emscripten --with-cpu=generic_dither --with-seektable=0 --disable-lfs-alias \
  --disable-debug --disable-xdebug --enable-gapless --disable-fifo --disable-ipv6 --disable-network \
  --disable-id3v2 --disable-string --disable-icy --disable-ntom --disable-downsample --enable-feeder \
  --disable-moreinfo --disable-messages --enable-new-huffman --enable-int-quality --disable-16bit \
  --disable-8bit --disable-32bit --enable-real --disable-equalizer --disable-yasm --disable-cases \
  --disable-buffer --disable-newoldwritesample --enable-layer1 --enable-layer2 --enable-layer3 \
  --disable-largefile --disable-feature-report --enable-runtime-tables >/dev/null)
printf '\n#define NOQUIET 0\n' >>"$src/src/config.h"

# The package's source list and defines; -O3 where it has -Oz. No -msimd128: it changes the samples (up to
# 0.05, -39 dB rms on a 192k MP3: not rounding) and was not faster.
lib=$src/src/libmpg123
emcc -r -O3 -flto -Wno-macro-redefined -s NO_FILESYSTEM=1 -s STRICT=1 -DOPT_GENERIC -DREAL_IS_FLOAT \
  -I "$src/src" -I "$lib" -I "$src/src/compat" \
  "$lib/parse.c" "$lib/frame.c" "$lib/format.c" "$lib/dct64.c" "$lib/id3.c" "$lib/optimize.c" "$lib/readers.c" \
  "$lib/tabinit.c" "$lib/libmpg123.c" "$lib/layer1.c" "$lib/layer2.c" "$lib/layer3.c" "$lib/synth_real.c" \
  -o "$work/mpg123.o" 2>/dev/null

# A standalone module (no Emscripten JS runtime): 16 MiB of fixed memory, as the package's.
mkdir -p "$(dirname "$out")"
emcc "$work/mpg123.o" "$glue/mpeg_frame_decoder.c" -O3 -flto -I "$lib" -I "$glue/mpg123" \
  -s STANDALONE_WASM=1 --no-entry -s ERROR_ON_UNDEFINED_SYMBOLS=0 -s ALLOW_MEMORY_GROWTH=0 \
  -s INITIAL_MEMORY=16777216 -s MALLOC=emmalloc -s NO_FILESYSTEM=1 \
  -s EXPORTED_FUNCTIONS="['_free','_malloc','_mpeg_decoder_feed','_mpeg_decoder_read','_mpeg_frame_decoder_create','_mpeg_frame_decoder_destroy']" \
  -o "$out" 2>&1 | grep -v 'undefined symbol: INT123_compat_close' || true
ls -l "$out"
sha256sum "$out"
