#!/usr/bin/env bash
# Builds the QR libFuzzer target with clang (-fsanitize=fuzzer,address,undefined) from the core
# sources and the CLI's QR JSON layer (app/cli/qr_json*.cpp, charset.cpp) in its own build
# directory, seeds a corpus from the public QR vectors (read now,
# never committed) and fuzzes for <seconds>. Exit 0 when clean, non-zero on any finding (the
# crashing input is left in <build>/artifacts/), 77 when clang or its fuzzer runtime is missing.
#
# usage: tests/fuzz/run_fuzz.sh <seconds> [extra libFuzzer flags...]
# env:   DROP_FUZZ_BUILD_DIR (default build/fuzz), DROP_VECTORS_DIR (default ../shared/vectors),
#        DROP_FUZZ_CXX (default clang++-14 or clang++)
set -euo pipefail
seconds=${1:?usage: run_fuzz.sh <seconds> [libFuzzer flags...]}
shift
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${DROP_FUZZ_BUILD_DIR:-$root/build/fuzz}
vectors=${DROP_VECTORS_DIR:-$root/../shared/vectors}
cxx=${DROP_FUZZ_CXX:-$(command -v clang++-14 || command -v clang++ || true)}
if [ -z "$cxx" ]; then
  echo "run_fuzz: clang not found, skipping"
  exit 77
fi
mkdir -p "$build/corpus" "$build/seeds" "$build/artifacts"
binary="$build/qr_fuzz"

# Rebuild when any core or fuzz source is newer than the binary.
sources="$(find "$root/core/src" -name '*.cpp' | sort) $root/app/cli/qr_json.cpp
         $root/app/cli/qr_json_encode.cpp $root/app/cli/charset.cpp"
if [ ! -x "$binary" ] || [ -n "$(find "$root/core" "$root/app/cli" "$root/app/json" "$root/tests/fuzz" -newer "$binary" -type f | head -1)" ]; then
  echo "run_fuzz: building $binary with $cxx"
  flags=(-std=c++20 -O1 -g -fno-omit-frame-pointer -fsanitize=fuzzer,address,undefined
         -fno-sanitize-recover=undefined -fsanitize-ignorelist="$root/tests/fuzz/ubsan_ignore.txt"
         -DFMT_HEADER_ONLY=1
         -I"$root/core/include" -I"$root/core/src" -I"$root/app")
  probe='extern "C" int LLVMFuzzerTestOneInput(const unsigned char*, unsigned long) { return 0; }'
  if ! echo "$probe" | "$cxx" -x c++ -fsanitize=fuzzer -o "$build/probe" - 2>/dev/null; then
    echo "run_fuzz: $cxx has no libFuzzer runtime (libclang-rt-dev), skipping"
    exit 77
  fi
  # shellcheck disable=SC2086
  "$cxx" "${flags[@]}" $sources "$root/tests/fuzz/qr_fuzz.cpp" -o "$binary.tmp"
  mv "$binary.tmp" "$binary"
fi

# Seeds: every payload line of the EMV vector files, every EPC example block.
if [ -d "$vectors/qr_fx" ]; then
  rm -f "$build/seeds"/*
  for file in emv_qr_valid.txt emv_qr_invalid.txt emv_qr_edge.txt; do
    awk -v dir="$build/seeds" -v prefix="${file%.txt}" \
        '!/^#/ && length($0) > 0 { n++; printf "%s", $0 > (dir "/" prefix "_" n); close(dir "/" prefix "_" n) }' \
        "$vectors/qr_fx/$file"
  done
  awk -v dir="$build/seeds" '
    /^### EXAMPLE/ { inside = 1; body = ""; lines = 0; next }
    /^### END/ { if (inside) { n++; f = dir "/epc_" n; printf "%s", body > f; close(f) } inside = 0; next }
    inside && !/^#/ { body = (lines++ ? body "\n" : "") $0 }' "$vectors/qr_fx/epc_qr_examples.txt"
else
  echo "run_fuzz: no vectors at $vectors; fuzzing from the corpus alone"
fi

cat >"$build/qr.dict" <<'DICT'
"000201"
"010211"
"010212"
"6304"
"26"
"5303986"
"5802"
"62070503***"
"64200002ZH"
"0014br.gov.bcb.pix"
"BCD\x0a002\x0a1\x0aSCT\x0a"
"BCD\x0d\x0a001\x0d\x0a"
"\x0aEUR"
"\x0aRF18539007547034"
"\x0aDE71110220330123456789"
"\xe6\x9c\x80"
DICT

echo "run_fuzz: fuzzing for ${seconds}s"
exec "$binary" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=4096 \
     -print_final_stats=1 -dict="$build/qr.dict" -artifact_prefix="$build/artifacts/" "$@" \
     "$build/corpus" "$build/seeds"
