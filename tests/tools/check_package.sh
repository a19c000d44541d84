#!/usr/bin/env bash
# Installs drop_core from the build tree into a scratch prefix, then configures, builds and runs
# a separate CMake project that does find_package(dropcore CONFIG REQUIRED).
set -eu
build_dir=${1:?build dir}; consumer_dir=${2:?consumer source}; work=${3:?scratch dir}
rm -rf "$work"
cmake --install "$build_dir" --prefix "$work/prefix" >/dev/null
cmake -S "$consumer_dir" -B "$work/build" -DCMAKE_PREFIX_PATH="$work/prefix" >/dev/null
cmake --build "$work/build" >/dev/null
"$work/build/consumer"
