// Int128: the signed 128-bit integer FX arithmetic is done in, and exact powers of ten.
//
// Rates have at most limits::rate_coefficient_digits_max digits and scale, so every product in
// the pricing rule fits in 128 bits (see pricing.cpp for the bounds). Thread-safety: pure.
#pragma once

#include <cstdint>

namespace drop::fx {

__extension__ typedef __int128 Int128;

// The largest power of ten an Int128 holds.
inline constexpr int int128_pow10_max = 38;

namespace detail {
struct Pow10Table {
  Int128 values[int128_pow10_max + 1];
  constexpr Pow10Table() : values() {
    values[0] = 1;
    for (int i = 1; i <= int128_pow10_max; ++i) values[i] = values[i - 1] * 10;
  }
};
inline constexpr Pow10Table pow10_table{};
}  // namespace detail

// 10^exponent. REQUIRES: 0 <= exponent <= int128_pow10_max (checked by the caller).
constexpr Int128 pow10_128(int exponent) { return detail::pow10_table.values[exponent]; }

// Number of decimal digits of a non-negative value (1 for 0..9).
constexpr int decimal_digits(Int128 value) {
  int digits = 1;
  while (digits <= int128_pow10_max && value >= detail::pow10_table.values[digits]) ++digits;
  return digits;
}

}  // namespace drop::fx
