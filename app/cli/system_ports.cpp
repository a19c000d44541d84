#include "cli/system_ports.hpp"

#include <sys/random.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>

namespace drop::app {

Timestamp SystemClock::now() const {
  const auto since_epoch = std::chrono::system_clock::now().time_since_epoch();
  return Timestamp{std::chrono::duration_cast<std::chrono::microseconds>(since_epoch).count()};
}

namespace {

void getrandom_exactly(std::byte* bytes, std::size_t size) {
  std::size_t filled = 0;
  while (filled < size) {
    const ssize_t count = ::getrandom(bytes + filled, size - filled, 0);
    if (count < 0 && errno == EINTR) continue;
    if (count <= 0) {
      std::fputs("drop: getrandom failed: no entropy\n", stderr);
      std::abort();
    }
    filled += static_cast<std::size_t>(count);
  }
}

}  // namespace

// Small requests (request ids, token ids) are served from a per-thread buffer of kernel
// entropy, refilled 512 bytes at a time: one system call per ~40 ids instead of one per id.
// Each byte is handed out once.
void SystemEntropy::fill(std::span<std::byte> bytes) {
  constexpr std::size_t pool_bytes = 512;
  thread_local std::array<std::byte, pool_bytes> pool;
  thread_local std::size_t available = 0;
  if (bytes.size() > pool_bytes / 4) return getrandom_exactly(bytes.data(), bytes.size());
  if (available < bytes.size()) {
    getrandom_exactly(pool.data(), pool.size());
    available = pool.size();
  }
  std::byte* source = pool.data() + (available - bytes.size());
  std::copy(source, source + bytes.size(), bytes.begin());
  std::fill(source, source + bytes.size(), std::byte{0});
  available -= bytes.size();
}

}  // namespace drop::app
