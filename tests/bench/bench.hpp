// A tiny benchmark harness: run a body for a number of operations, print operations per second.
// Uses the real steady clock (benchmarks are outside core). Figures are for reading, never
// asserted.
#pragma once

#include <chrono>
#include <cstdint>
#include <cstdio>

namespace drop_bench {

// Prevents the optimiser from discarding a computed value.
template <typename T>
inline void keep(const T& value) {
  asm volatile("" : : "r,m"(value) : "memory");
}

struct Figure {
  double seconds;
  double operations_per_second;
};

// Runs body() (which performs `operations_per_call` operations) until at least min_seconds have
// passed; prints "<name>: <ops/s>".
template <typename Body>
Figure measure(const char* name, std::uint64_t operations_per_call, Body&& body,
               double min_seconds = 1.0) {
  using clock = std::chrono::steady_clock;
  std::uint64_t operations = 0;
  const auto start = clock::now();
  double elapsed_s = 0;
  do {
    body();
    operations += operations_per_call;
    elapsed_s = std::chrono::duration<double>(clock::now() - start).count();
  } while (elapsed_s < min_seconds);
  const Figure figure{elapsed_s, static_cast<double>(operations) / elapsed_s};
  std::printf("| %-60s | %14.0f ops/s |\n", name, figure.operations_per_second);
  std::fflush(stdout);
  return figure;
}

}  // namespace drop_bench
