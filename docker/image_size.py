#!/usr/bin/env python3
"""Estimates the container image's size without a Docker engine, from this Debian 12 machine.

Usage: docker/image_size.py [docker/Dockerfile] [path/to/drop]   (prints a Markdown table)

What is computed, and how (figures are estimates; docs/operations.md records one run):
- the binary: `strip --strip-unneeded` of the given `drop`, measured;
- debian:12-slim: the Installed-Size sum of the packages a minbase Debian 12 holds (Priority
  required, plus apt and its dependency closure) as installed here. The published slim image is
  a little smaller (it drops documentation and man pages);
- what the `runtime` stage adds: the dependency closure of RUNTIME_PACKAGES (parsed from the
  Dockerfile) minus that base, Installed-Size sum, and the gzip size of those packages' files
  (a stand-in for the compressed layer a registry stores);
- gcr.io/distroless/cc-debian12: the Installed-Size sum of its published package list (libc6,
  libgcc-s1, libgomp1, libstdc++6, libssl3, ca-certificates, netbase, tzdata, base-files,
  gcc-12-base); what the `runtime-distroless` stage copies in: the bytes of the shared
  libraries of RUNTIME_PACKAGES minus DISTROLESS_BASE_PACKAGES, measured, and their gzip size.
"""
import gzip
import io
import os
import re
import subprocess
import sys
import tarfile
import tempfile

MIB = 1024 * 1024
# debian:12-slim as Docker Hub reports it (uncompressed). Not measurable without an engine: the
# Installed-Size sum below is the untrimmed minbase (the size of the full debian:12 image).
PUBLISHED_SLIM_BYTES = 74.8 * 1000 * 1000
DISTROLESS_CC = ["libc6", "libgcc-s1", "libgomp1", "libstdc++6", "libssl3", "ca-certificates",
                 "netbase", "tzdata", "base-files", "gcc-12-base"]
LIBRARY = re.compile(r"-linux-gnu/lib[^/]*\.so[.0-9]*$")


def arg_value(dockerfile_text, name):
    match = re.search(r'^ARG ' + name + r'="((?:[^"\\]|\\\n|\\)*)"', dockerfile_text, re.M)
    if not match:
        sys.exit(f"no ARG {name} in the Dockerfile")
    return match.group(1).replace("\\\n", " ").replace("\\", " ").split()


def installed_packages():
    output = subprocess.run(
        ["dpkg-query", "-W", "-f=${Package}\t${Priority}\t${Installed-Size}\t${Status}\t"
         "${Pre-Depends}, ${Depends}\n"], capture_output=True, text=True, check=True).stdout
    packages = {}
    for line in output.splitlines():
        name, priority, size, status, depends = line.split("\t")
        if "install ok installed" not in status:
            continue
        alternatives = [[choice.strip().split(" ")[0].split(":")[0] for choice in group.split("|")]
                        for group in depends.split(",") if group.strip()]
        packages[name] = (priority, int(size or 0) * 1024, alternatives)
    return packages


def closure(roots, packages):
    seen, stack = set(), list(roots)
    while stack:
        name = stack.pop()
        if name in seen or name not in packages:
            continue
        seen.add(name)
        for group in packages[name][2]:
            installed = [choice for choice in group if choice in packages]
            stack.extend(installed[:1])  # the first installed alternative, as apt would keep
    return seen


def package_files(names):
    files = []
    for name in sorted(names):
        listed = subprocess.run(["dpkg", "-L", name], capture_output=True, text=True).stdout
        files += [path for path in listed.splitlines()
                  if os.path.isfile(path) and not os.path.islink(path)]
    return sorted(set(files))


def gzip_size(paths):
    buffer = io.BytesIO()
    with gzip.GzipFile(fileobj=buffer, mode="wb", compresslevel=6) as compressed:
        with tarfile.open(fileobj=compressed, mode="w") as archive:
            for path in paths:
                archive.add(path, recursive=False)
    return buffer.tell()


def main():
    dockerfile = sys.argv[1] if len(sys.argv) > 1 else "docker/Dockerfile"
    binary = sys.argv[2] if len(sys.argv) > 2 else "build/ci/app/drop"
    text = open(dockerfile).read()
    runtime = arg_value(text, "RUNTIME_PACKAGES")
    distroless_base = arg_value(text, "DISTROLESS_BASE_PACKAGES")
    packages = installed_packages()

    with tempfile.TemporaryDirectory() as scratch:
        stripped = os.path.join(scratch, "drop")
        subprocess.run(["strip", "--strip-unneeded", "-o", stripped, binary], check=True)
        binary_bytes = os.path.getsize(stripped)
        binary_gzip = gzip_size([stripped])

    slim = closure([name for name, (priority, _, _) in packages.items() if priority == "required"]
                   + ["apt"], packages)
    slim_bytes = sum(packages[name][1] for name in slim)
    added = closure(runtime, packages) - slim
    added_bytes = sum(packages[name][1] for name in added)
    added_gzip = gzip_size(package_files(added))

    distroless_bytes = sum(packages[name][1] for name in DISTROLESS_CC if name in packages)
    copied = [path for path in package_files(set(runtime) - set(distroless_base))
              if LIBRARY.search(path)]
    copied_bytes = sum(os.path.getsize(path) for path in copied)
    copied_gzip = gzip_size(copied)

    def mib(value):
        return f"{value / MIB:.1f} MiB"

    slim_total = PUBLISHED_SLIM_BYTES + added_bytes + binary_bytes
    distroless_total = distroless_bytes + copied_bytes + binary_bytes
    print(f"binary: {binary} stripped to {mib(binary_bytes)} (gzip {mib(binary_gzip)})")
    print(f"debian:12 minbase here: {len(slim)} packages, Installed-Size {mib(slim_bytes)} "
          f"(debian:12-slim trims documentation and locales: {mib(PUBLISHED_SLIM_BYTES)} published)")
    print()
    print("| image | base | added packages / libraries | binary | total (uncompressed) "
          "| added layers, gzip |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    print(f"| `runtime` (debian:12-slim) | {mib(PUBLISHED_SLIM_BYTES)} (published) | "
          f"{mib(added_bytes)} ({len(added)} packages: {' '.join(sorted(added))}) | "
          f"{mib(binary_bytes)} | **{mib(slim_total)}** | {mib(added_gzip + binary_gzip)} |")
    print(f"| `runtime-distroless` (cc-debian12) | {mib(distroless_bytes)} (Installed-Size of "
          f"its packages) | {mib(copied_bytes)} ({len(copied)} library files) | "
          f"{mib(binary_bytes)} | **{mib(distroless_total)}** | {mib(copied_gzip + binary_gzip)} |")


if __name__ == "__main__":
    main()
