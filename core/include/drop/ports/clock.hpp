// Clock and Entropy ports: the only way time and randomness reach the use cases.
//
// Adapters: a system clock and the operating system's entropy (app/), fakes in tests.
// Implementations must be thread-safe.
#pragma once

#include <cstddef>
#include <span>

#include "drop/time/timestamp.hpp"

namespace drop::ports {

class Clock {
 public:
  virtual ~Clock() = default;
  // The current UTC time. Never fails.
  virtual Timestamp now() const = 0;
};

class Entropy {
 public:
  virtual ~Entropy() = default;
  // Fills `bytes` with cryptographically strong random bytes. Never fails (an adapter that
  // cannot get entropy aborts: continuing with predictable ids would be worse).
  virtual void fill(std::span<std::byte> bytes) = 0;
};

}  // namespace drop::ports
