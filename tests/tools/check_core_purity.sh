#!/usr/bin/env bash
# The dependency rule, checked on the source: nothing under <core dir> includes Boost, OpenSSL,
# libpq, sqlite3, RapidJSON, cpp-jwt, sockets, <thread>, <fstream>, <random>, <filesystem> or
# <iostream>, or reads a real clock or real randomness. Time and entropy are passed in.
# Exit 0 when clean; 1 with one line per violation otherwise.
set -u
core_dir=${1:?usage: check_core_purity.sh <core dir>}
[ -d "$core_dir" ] || { echo "no such directory: $core_dir"; exit 1; }

include_pattern='^[[:space:]]*#[[:space:]]*include[[:space:]]*[<"](boost/|openssl/|libpq|postgresql/|sqlite3|rapidjson/|jwt/|sys/socket|netinet/|arpa/|netdb|thread>|fstream>|random>|filesystem>|iostream>|drop/adapters|drop/app|cli/)'
clock_pattern='(system_clock|steady_clock|high_resolution_clock|utc_clock|file_clock)[[:space:]]*::[[:space:]]*now|std::rand[[:space:]]*\(|[^_[:alnum:]]s?rand[[:space:]]*\(|random_device|gettimeofday|clock_gettime|[^_[:alnum:].]time[[:space:]]*\([[:space:]]*(nullptr|NULL|0)[[:space:]]*\)|getrandom|arc4random'

violations=$(grep -rnE --include='*.hpp' --include='*.h' --include='*.cpp' --include='*.in' \
               -e "$include_pattern" -e "$clock_pattern" "$core_dir")
if [ -n "$violations" ]; then
  echo "dependency rule violated under $core_dir (core must stay pure):"
  echo "$violations"
  exit 1
fi
echo "core is pure: $(find "$core_dir" -name '*.?pp' | wc -l) files checked"
