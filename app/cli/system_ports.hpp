// The real Clock and Entropy (the only place outside tests that reads the system clock or the
// kernel's random source). Built by the composition root only. Thread-safe.
#pragma once

#include "drop/ports/clock.hpp"

namespace drop::app {

class SystemClock final : public ports::Clock {
 public:
  Timestamp now() const override;
};

// getrandom(2); aborts if the kernel cannot provide entropy (continuing with predictable ids
// and secrets would be worse).
class SystemEntropy final : public ports::Entropy {
 public:
  void fill(std::span<std::byte> bytes) override;
};

}  // namespace drop::app
