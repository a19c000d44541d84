#include "drop/assert.hpp"

#include <cstdio>
#include <cstdlib>

namespace drop::detail {

void assertion_failed(const char* expression, const char* file, int line) noexcept {
  // stderr and abort: the only I/O core does, and only on a bug.
  std::fprintf(stderr, "drop: assertion failed: %s (%s:%d)\n", expression, file, line);
  std::abort();
}

}  // namespace drop::detail
