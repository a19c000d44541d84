#!/usr/bin/env bash
# Proves the purity checker can fail: each planted violation must be reported, a clean file not.
set -u
checker=${1:?usage: check_core_purity_selftest.sh <checker>}
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
mkdir -p "$scratch/core"
printf '#include <vector>\nint f() { return 1; }\n' > "$scratch/core/clean.cpp"
"$checker" "$scratch/core" >/dev/null || { echo "clean file reported as a violation"; exit 1; }
status=0
for planted in '#include <boost/asio.hpp>' '#include <openssl/evp.h>' '#include <libpq-fe.h>' \
               '#include <sqlite3.h>' '#include "rapidjson/document.h"' '#include <sys/socket.h>' \
               '#include <thread>' '#include <fstream>' '#include <random>' \
               'auto t = std::chrono::system_clock::now();' 'auto t = steady_clock::now();' \
               'int r = std::rand();' 'std::random_device device;' 'long t = time(nullptr);'; do
  printf '%s\n' "$planted" > "$scratch/core/planted.cpp"
  if "$checker" "$scratch/core" >/dev/null; then
    echo "not caught: $planted"
    status=1
  fi
done
[ $status -eq 0 ] && echo "every planted violation was caught"
exit $status
