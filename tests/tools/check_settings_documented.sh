#!/usr/bin/env bash
# Every environment variable the program reads is documented in docs/operations.md: the names are
# the quoted UPPER_CASE strings in app/config/*.cpp (the settings reader) and the getenv("...")
# calls anywhere under app/; each must appear in backquotes in the document. Then a self-check:
# a copy of the document with one of the names removed must be reported.
# Usage: check_settings_documented.sh <repository root>
set -euo pipefail
root=${1:?usage: check_settings_documented.sh <repository root>}
document="$root/docs/operations.md"
mapfile -t names < <(
  { grep -ohE '"[A-Z][A-Z0-9_]{2,}"' "$root"/app/config/*.cpp
    grep -rohE 'getenv\("[A-Z][A-Z0-9_]*"\)' "$root/app" | grep -oE '"[A-Z0-9_]+"'
  } | tr -d '"' | grep -v '_$' | sort -u)  # a name ending in _ is a prefix or an alphabet
[ ${#names[@]} -ge 20 ] || { echo "found only ${#names[@]} setting names: the scan is broken"; exit 1; }

missing_from() {  # prints the names not documented in $1
  for name in "${names[@]}"; do grep -qF "\`$name\`" "$1" || echo "$name"; done
}
missing=$(missing_from "$document")
if [ -n "$missing" ]; then
  echo "settings the program reads that docs/operations.md does not document:"
  echo "$missing"
  exit 1
fi
scratch=$(mktemp)
trap 'rm -f "$scratch"' EXIT
sed "s/\`${names[0]}\`/(removed)/g" "$document" >"$scratch"
[ "$(missing_from "$scratch")" = "${names[0]}" ] ||
  { echo "self-check: removing ${names[0]} from a copy was not reported"; exit 1; }
echo "all ${#names[@]} settings are documented: ${names[*]}"
