#!/usr/bin/env bash
# Proves the container's runtime stages are complete without a Docker engine: every shared
# library that `ldd <drop>` lists (the whole closure, including the loader) must belong, by
# `dpkg -S` on this Debian 12 machine, to a package the stage installs or to the stage's base image.
#
# The package list is parsed out of docker/Dockerfile (ARG RUNTIME_PACKAGES, one package per line),
# and the runtime stage must install exactly that ARG, so the two cannot drift. The base images'
# package sets are stated here, explicitly:
#   debian:12-slim                 libc6 libgcc-s1 libstdc++6 (its essential set; apt needs the
#                                  last two, so they are there). Nothing else is assumed: the
#                                  Dockerfile lists every other package even where slim has it.
#   gcr.io/distroless/cc-debian12  libc6 libgcc-s1 libgomp1 libstdc++6 libssl3 ca-certificates
#                                  (its published package list); the distroless target copies
#                                  the libraries of every runtime package not in
#                                  ARG DISTROLESS_BASE_PACKAGES, which must be a subset of this.
# Libraries a program opens with dlopen() are not in ldd's output, so they are listed here and
# their closures added: libpq.so.5 (the PostgreSQL adapter loads it on first use; see
# adapters/postgres/libpq_lazy.cpp). OpenSSL's default provider is built into libcrypto; glibc
# 2.36 has NSS files/dns built in.
#
# Usage: check_image_runtime.sh <Dockerfile> <drop binary>     exit 0 complete, 1 not, 2 usage
set -euo pipefail
dockerfile=${1:?usage: check_image_runtime.sh <Dockerfile> <drop binary>}
binary=${2:?usage: check_image_runtime.sh <Dockerfile> <drop binary>}
[ -f "$dockerfile" ] && [ -x "$binary" ] || { echo "missing $dockerfile or $binary" >&2; exit 2; }
command -v dpkg >/dev/null && command -v ldd >/dev/null || { echo "needs dpkg and ldd" >&2; exit 2; }

slim_base="libc6 libgcc-s1 libstdc++6"
distroless_base="libc6 libgcc-s1 libgomp1 libstdc++6 libssl3 ca-certificates"

# The value of a global `ARG NAME="..."` (continuation lines joined, quotes and backslashes gone).
arg_value() {
  awk -v name="$1" '
    collecting { text = text " " $0; if ($0 !~ /\\$/) { print text; exit } ; next }
    $0 ~ "^ARG " name "=" { text = $0; if ($0 !~ /\\$/) { print text; exit }; collecting = 1 }
  ' "$dockerfile" | sed -e "s/^ARG $1=//" -e 's/[\\"]/ /g' | tr -s ' \t' '\n' | sed '/^$/d'
}

# The lines of stage `name` (from its FROM to the next FROM). Matched with `grep -q <<<` rather
# than through a pipe: under pipefail, grep -q leaving early would fail the pipe with SIGPIPE.
stage() {
  awk -v name="$1" '
    /^FROM / { inside = ($0 ~ (" AS " name "$")) }
    inside { print }
  ' "$dockerfile"
}

mapfile -t runtime_packages < <(arg_value RUNTIME_PACKAGES)
mapfile -t distroless_excluded < <(arg_value DISTROLESS_BASE_PACKAGES)
status=0
if [ ${#runtime_packages[@]} -eq 0 ]; then
  echo "no ARG RUNTIME_PACKAGES in $dockerfile"
  exit 1
fi
for name in runtime runtime-rootfs; do
  text=$(stage "$name")
  if ! grep -q '^FROM ' <<<"$text"; then
    echo "stage $name is missing from $dockerfile"
    status=1
  elif ! grep -q 'apt-get install .*\${RUNTIME_PACKAGES}' <<<"$text"; then
    echo "stage $name does not apt-get install \${RUNTIME_PACKAGES}"
    status=1
  fi
done
grep -q '^FROM debian:12-slim AS runtime$' <<<"$(stage runtime)" ||
  { echo "stage runtime is not FROM debian:12-slim"; status=1; }
grep -q '^FROM gcr.io/distroless/cc-debian12 AS runtime-distroless$' <<<"$(stage runtime-distroless)" ||
  { echo "stage runtime-distroless is not FROM gcr.io/distroless/cc-debian12"; status=1; }
for package in "${distroless_excluded[@]}"; do
  case " $distroless_base " in *" $package "*) ;; *)
    echo "DISTROLESS_BASE_PACKAGES names $package, which distroless/cc-debian12 does not have"
    status=1 ;;
  esac
done

# Every library in the closure, and the package that owns it.
ldd_output=$(ldd "$binary")
for opened in libpq.so.5; do
  path=$(ldconfig -p | awk -v name="$opened" '$1 == name {print $NF; exit}')
  [ -n "$path" ] || { echo "$opened (opened with dlopen) is not installed on this machine"; exit 1; }
  ldd_output+=$'\n'"	$opened => $path (0x0)"$'\n'"$(ldd "$path")"
done
if grep -q 'not found' <<<"$ldd_output"; then
  echo "ldd cannot resolve a library on this machine:"
  grep 'not found' <<<"$ldd_output"
  exit 1
fi
mapfile -t libraries < <(awk '/=> \// {print $3} /^[ \t]*\/[^ ]*ld-linux/ {print $1}' <<<"$ldd_output")
declare -A owner=()
# One dpkg -S for every library under each name it may be registered as (as printed, its /usr
# twin, its real path: merged /usr), because each call reads the whole package database.
mapfile -t real_paths < <(readlink -f "${libraries[@]}")
candidates=()
for index in "${!libraries[@]}"; do
  library=${libraries[$index]}
  candidates+=("$library" "/usr$library" "${library#/usr}" "${real_paths[$index]}")
done
pairs=$( { dpkg -S "${candidates[@]}" 2>/dev/null || true; } |
        awk -F': ' 'NF == 2 && $1 !~ / / { sub(/:.*/, "", $1); print $2 "\t" $1 }')
for index in "${!libraries[@]}"; do
  library=${libraries[$index]}
  for candidate in "$library" "/usr$library" "${library#/usr}" "${real_paths[$index]}"; do
    package=$(awk -F'\t' -v path="$candidate" '$1 == path {print $2; exit}' <<<"$pairs")
    if [ -n "$package" ]; then owner[$library]=$package; break; fi
  done
  if [ -z "${owner[$library]:-}" ]; then
    echo "no Debian package owns $library"
    status=1
  fi
done

# covered <package> <base set> [<excluded from the copy>]: in the base, or installed and kept.
covered() {
  case " $2 " in *" $1 "*) return 0 ;; esac
  case " ${runtime_packages[*]} " in *" $1 "*) return 0 ;; esac
  return 1
}
needed=$(for library in "${libraries[@]}"; do [ -n "${owner[$library]:-}" ] && echo "${owner[$library]}"; done | sort -u)
for package in $needed; do
  covered "$package" "$slim_base" ||
    { echo "runtime (debian:12-slim): $package is needed but not installed"; status=1; }
  covered "$package" "$distroless_base" ||
    { echo "runtime-distroless: $package is needed but neither copied nor in the base"; status=1; }
done
installed=$(dpkg-query -W -f='${Package} ${Status}\n' "${runtime_packages[@]}" 2>/dev/null |
            awk '/install ok installed/ {print $1}')
for package in "${runtime_packages[@]}"; do
  grep -qx "$package" <<<"$installed" ||
    echo "note: $package (in RUNTIME_PACKAGES) is not installed on this machine"
  grep -qx "$package" <<<"$needed" || echo "note: no linked library comes from $package (expected for ca-certificates)"
done
echo "${#libraries[@]} libraries from $(wc -w <<<"$needed") packages: $(tr '\n' ' ' <<<"$needed")"
[ $status -eq 0 ] && echo "every library comes from a runtime package or the base image"
exit $status
