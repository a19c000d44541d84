// libpq is loaded on first use (libpq_lazy.cpp): why it could not be, if it could not.
#pragma once

#include <optional>
#include <string>

namespace drop::adapters::postgres {

// nullopt when libpq.so.5 is loaded and complete; else a one-line reason for operators.
// The first call loads the library (thread-safe).
std::optional<std::string> libpq_load_failure();

}  // namespace drop::adapters::postgres
