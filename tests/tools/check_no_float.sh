#!/usr/bin/env bash
# FX code is exact: the words `float` and `double` (the binary floating-point types) must not
# appear in any file of the FX core (core/**/fx/), the rates adapter (adapters/rates/) or the FX
# commands (app/cli/fx*), not even in comments, so that no rate or amount ever passes through a
# binary fraction. Exit 0 when clean; 1 with one line per occurrence otherwise.
set -u
root=${1:?usage: check_no_float.sh <source root>}
[ -d "$root" ] || { echo "no such directory: $root"; exit 1; }

files=()
while IFS= read -r -d '' file; do files+=("$file"); done < <(
  find "$root/core" -type d -name fx -exec find {} -type f -print0 \; 2>/dev/null
  [ -d "$root/adapters/rates" ] && find "$root/adapters/rates" -type f -print0
  [ -d "$root/app/cli" ] && find "$root/app/cli" -type f -name 'fx*' -print0)
if [ ${#files[@]} -eq 0 ]; then
  echo "no FX files found under $root (expected core/**/fx, adapters/rates, app/cli/fx*)"
  exit 1
fi
violations=$(grep -nwE 'float|double' "${files[@]}")
if [ -n "$violations" ]; then
  echo "floating point in FX code (use exact decimals):"
  echo "$violations"
  exit 1
fi
echo "FX code has no float or double: ${#files[@]} files checked"
