// DROP_ASSERT: always-on invariant checks (also in release builds).
//
// A broken invariant in money code must stop the process loudly instead of continuing quietly
// with a wrong balance. Use for programming errors only; expected failures are Result values.
#pragma once

namespace drop::detail {
[[noreturn]] void assertion_failed(const char* expression, const char* file, int line) noexcept;
}  // namespace drop::detail

#define DROP_ASSERT(condition)                                          \
  do {                                                                  \
    if (!(condition)) [[unlikely]] {                                    \
      ::drop::detail::assertion_failed(#condition, __FILE__, __LINE__); \
    }                                                                   \
  } while (false)
