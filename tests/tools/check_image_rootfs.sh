#!/usr/bin/env bash
# Runs the built `drop` inside a root filesystem assembled the way the Dockerfile's
# `runtime-distroless` target assembles it, without a Docker engine: the files of the distroless
# cc-debian12 base packages (libc6 libgcc-s1 libgomp1 libstdc++6 libssl3, from this Debian 12
# machine), plus the shared libraries the Dockerfile's runtime-rootfs stage copies (its own
# package lists and its own file pattern, parsed out of the Dockerfile), plus /app/drop (stripped,
# as the build stage strips it) and /app/data owned by 1001. Then, under chroot as UID 1001:
# `drop version`, `drop serve` on SQLite in /app/data, `drop health` until it answers 200,
# SIGTERM, exit 0. Nothing from the host's
# library directories is visible, so a missing library fails the start.
# Needs root (chroot); exits 77 (skipped) otherwise.
# Usage: check_image_rootfs.sh <Dockerfile> <drop binary>
set -euo pipefail
dockerfile=${1:?usage: check_image_rootfs.sh <Dockerfile> <drop binary>}
binary=${2:?usage: check_image_rootfs.sh <Dockerfile> <drop binary>}
if [ "$(id -u)" -ne 0 ] || ! command -v chroot >/dev/null; then
  echo "skipped: chroot needs root"
  exit 77
fi
chroot_program=$(command -v chroot)
base_packages="libc6 libgcc-s1 libgomp1 libstdc++6 libssl3"

arg_value() {  # the words of a global ARG NAME="..." (continuation lines joined)
  awk -v name="$1" '
    collecting { text = text " " $0; if ($0 !~ /\\$/) { print text; exit }; next }
    $0 ~ "^ARG " name "=" { text = $0; if ($0 !~ /\\$/) { print text; exit }; collecting = 1 }
  ' "$dockerfile" | sed -e "s/^ARG $1=//" -e 's/[\\"]/ /g' | xargs
}
runtime_packages=$(arg_value RUNTIME_PACKAGES)
excluded=$(arg_value DISTROLESS_BASE_PACKAGES)
# The pattern the runtime-rootfs stage gives grep for the library files it copies.
pattern=$(grep -oE "grep -E -- '[^']+'" "$dockerfile" | head -1 | sed -E "s/^grep -E -- '(.*)'$/\1/")
[ -n "$runtime_packages" ] && [ -n "$pattern" ] || { echo "cannot parse $dockerfile"; exit 1; }

root=$(mktemp -d /tmp/drop-rootfs.XXXXXX)
chmod 755 "$root"
server=""
cleanup() {
  [ -n "$server" ] && kill -KILL "$server" 2>/dev/null || true
  rm -rf "$root"
}
trap cleanup EXIT

# A merged-/usr layout, as Debian 12 images have; then every file and symlink of the packages.
mkdir -p "$root/usr/lib" "$root/usr/lib64" "$root/usr/bin" "$root/usr/sbin"
for directory in lib lib64 bin sbin; do ln -s "usr/$directory" "$root/$directory"; done
for package in $base_packages; do
  dpkg -L "$package" | while read -r path; do
    if [ ! -d "$path" ] && { [ -f "$path" ] || [ -L "$path" ]; }; then echo "${path#/}"; fi
  done
done | sort -u | (cd / && xargs -r cp -a --parents -t "$root/")
mkdir -p "$root/usr/lib/x86_64-linux-gnu"
for package in $runtime_packages; do
  case " $excluded " in *" $package "*) continue ;; esac
  dpkg -L "$package" | grep -E -- "$pattern" || true
done | sort -u | xargs -r cp -a -t "$root/usr/lib/x86_64-linux-gnu/"
mkdir -p "$root/app/data" "$root/tmp"
chmod 1777 "$root/tmp"
strip --strip-unneeded -o "$root/app/drop" "$binary"  # as the build stage does
chown 1001:1001 "$root/app/data"

version=$(chroot --userspec=1001:1001 "$root" /app/drop version)
echo "in the root filesystem: $version"

port=$(( 40000 + RANDOM % 20000 ))
while (echo >"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
env -i PORT="$port" DROP_ENV=development DATABASE_URL=sqlite:/app/data/drop.db \
    DROP_IO_THREADS=1 DROP_WORKER_THREADS=2 \
    "$chroot_program" --userspec=1001:1001 "$root" /app/drop serve >"$root/tmp/out" 2>"$root/tmp/err" &
server=$!
healthy=0
for attempt in $(seq 1 100); do
  if env -i "$chroot_program" --userspec=1001:1001 "$root" /app/drop health --port "$port" >/dev/null 2>&1; then
    healthy=1
    break
  fi
  kill -0 "$server" 2>/dev/null || break
  sleep 0.1
done
if [ $healthy -ne 1 ]; then
  echo "drop serve did not become healthy in the root filesystem:"
  cat "$root/tmp/err"
  exit 1
fi
kill -TERM "$server"
status=0
wait "$server" || status=$?
server=""
[ $status -eq 0 ] || { echo "drop serve exited $status after SIGTERM"; cat "$root/tmp/err"; exit 1; }
[ -f "$root/app/data/drop.db" ] || { echo "no database in /app/data"; exit 1; }
rm -rf "$root/tmp/"* "$root/app/data/"*
echo "drop serve ran as 1001 in the distroless-style root filesystem: healthy, drained on SIGTERM," \
     "exit 0; its size with the stripped binary: $(du -sm --apparent-size "$root" | cut -f1) MiB" \
     "(the image adds tzdata, netbase, CA certificates: about 3 MiB)"
