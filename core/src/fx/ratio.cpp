#include "drop/fx/ratio.hpp"

#include "drop/assert.hpp"

namespace drop::fx {
namespace {

Int128 greatest_common_divisor(Int128 a, Int128 b) {
  while (b != 0) {
    const Int128 remainder = a % b;
    a = b;
    b = remainder;
  }
  return a;
}

Int128 checked_multiply(Int128 a, Int128 b) {
  Int128 product = 0;
  const bool overflow = __builtin_mul_overflow(a, b, &product);
  DROP_ASSERT(!overflow);
  return product;
}

// floor(ratio * 10^power) for a power of either sign.
Int128 scaled_floor(const Ratio& ratio, int power) {
  DROP_ASSERT(power <= int128_pow10_max);
  DROP_ASSERT(power >= -int128_pow10_max);
  if (power >= 0) return checked_multiply(ratio.numerator, pow10_128(power)) / ratio.denominator;
  return ratio.numerator / checked_multiply(ratio.denominator, pow10_128(-power));
}

}  // namespace

Ratio Ratio::reduced() const {
  DROP_ASSERT(denominator > 0);
  const Int128 divisor = greatest_common_divisor(numerator, denominator);
  if (divisor <= 1) return *this;
  return Ratio{numerator / divisor, denominator / divisor};
}

bool same_value(const Ratio& a, const Ratio& b) {
  const Ratio left = a.reduced();
  const Ratio right = b.reduced();
  return left.numerator == right.numerator && left.denominator == right.denominator;
}

// The value lies in [10^(n-d-1), 10^(n-d+1)) where n and d are the digit counts of numerator
// and denominator, so scaling by 10^(digits-n+d) lands in [10^(digits-1), 10^(digits+1)): at
// most one extra digit to drop, and floor(floor(x)/10) == floor(x/10) makes that exact.
Decimal truncate_significant(const Ratio& ratio, int digits) {
  DROP_ASSERT(digits >= 1);
  DROP_ASSERT(digits <= 18);
  DROP_ASSERT(ratio.denominator > 0);
  DROP_ASSERT(ratio.numerator >= 0);
  if (ratio.numerator == 0) return Decimal{0, 0};
  int power = digits - decimal_digits(ratio.numerator) + decimal_digits(ratio.denominator);
  Int128 coefficient = scaled_floor(ratio, power);
  if (coefficient >= pow10_128(digits)) {
    coefficient /= 10;
    --power;
  }
  DROP_ASSERT(coefficient >= pow10_128(digits - 1));
  DROP_ASSERT(coefficient < pow10_128(digits));
  return Decimal{static_cast<std::int64_t>(coefficient), power}.normalized();
}

Ratio multiply(const Ratio& ratio, const Decimal& decimal) {
  DROP_ASSERT(decimal.coefficient >= 0);
  if (decimal.scale >= 0) {
    return Ratio{checked_multiply(ratio.numerator, decimal.coefficient),
                 checked_multiply(ratio.denominator, pow10_128(decimal.scale))};
  }
  return Ratio{checked_multiply(checked_multiply(ratio.numerator, decimal.coefficient),
                                pow10_128(-decimal.scale)),
               ratio.denominator};
}

}  // namespace drop::fx
