// Ratio: an exact positive rational number numerator / denominator in 128-bit integers. The mid
// rate between two currencies is a Ratio (rate_T / rate_S, never rounded); only its display is
// truncated. Thread-safety: a value type.
#pragma once

#include <string>

#include "drop/fx/decimal.hpp"
#include "drop/fx/int128.hpp"

namespace drop::fx {

struct Ratio {
  Int128 numerator = 0;    // >= 0
  Int128 denominator = 1;  // > 0

  // The same value in lowest terms.
  Ratio reduced() const;
  // Exact equality of values (compares lowest terms, so it never overflows).
  friend bool same_value(const Ratio& a, const Ratio& b);
};

// The value truncated toward zero to `digits` significant digits, trailing zeros removed:
// 2/3 with 8 digits -> {66666666, 8} ("0.66666666"). A zero ratio gives {0, 0}.
// REQUIRES: 1 <= digits <= 18, numerator < 10^20 and denominator < 10^30 (rates within the
// limits of RateTable keep well inside this).
Decimal truncate_significant(const Ratio& ratio, int digits);

// The exact product ratio * decimal ({a, b} * c / 10^s).
// REQUIRES: the product stays within the bounds above.
Ratio multiply(const Ratio& ratio, const Decimal& decimal);

}  // namespace drop::fx
