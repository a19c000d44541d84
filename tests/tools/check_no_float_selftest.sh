#!/usr/bin/env bash
# Proves the no-float checker can fail: a planted `float` or `double` in each checked place is
# reported; clean files (and words like "floating" or "doubled") are not.
set -u
checker=${1:?usage: check_no_float_selftest.sh <checker>}
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
mkdir -p "$scratch/core/include/drop/fx" "$scratch/core/src/fx" "$scratch/adapters/rates" \
         "$scratch/app/cli"
printf '// no floating point here, doubled care\nint f() { return 1; }\n' \
  > "$scratch/core/src/fx/clean.cpp"
printf 'int g();\n' > "$scratch/adapters/rates/clean.cpp"
printf 'int h();\n' > "$scratch/app/cli/fx_clean.cpp"
printf 'double not_fx();\n' > "$scratch/app/cli/other.cpp"
"$checker" "$scratch" >/dev/null || { echo "clean files reported as a violation"; exit 1; }
status=0
for place in core/include/drop/fx/planted.hpp core/src/fx/planted.cpp adapters/rates/planted.cpp \
             app/cli/fx_planted.cpp; do
  for planted in 'double rate = 0.1;' 'float f;' 'auto x = static_cast<double>(1);' \
                 '// a comment about a double'; do
    printf '%s\n' "$planted" > "$scratch/$place"
    if "$checker" "$scratch" >/dev/null; then
      echo "not caught: $planted in $place"
      status=1
    fi
    rm -f "$scratch/$place"
  done
done
[ $status -eq 0 ] && echo "every planted float/double was caught"
exit $status
