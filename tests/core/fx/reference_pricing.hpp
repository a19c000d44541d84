// An independent computation of the pricing rule for the property tests: the customer rate by
// digit-by-digit long division into a decimal string, and the target from that string's digits.
// Shares no code with core/src/fx (only the Int128 type).
#pragma once

#include <algorithm>
#include <cstdint>
#include <string>

#include "drop/fx/int128.hpp"

namespace drop_test {

using drop::fx::Int128;

// numerator / denominator truncated toward zero to `digits` significant digits, no trailing
// zeros after the point ("0.097286726", "12000").
inline std::string long_division(Int128 numerator, Int128 denominator, int digits) {
  std::string integer_text;  // built backwards, then reversed
  for (Int128 value = numerator / denominator; value > 0; value /= 10) {
    integer_text.push_back(static_cast<char>('0' + static_cast<int>(value % 10)));
  }
  std::reverse(integer_text.begin(), integer_text.end());
  int significant = static_cast<int>(integer_text.size());
  if (significant >= digits) {
    for (std::size_t i = static_cast<std::size_t>(digits); i < integer_text.size(); ++i) {
      integer_text[i] = '0';
    }
    return integer_text;
  }
  Int128 remainder = numerator % denominator;
  std::string fraction;
  while (significant < digits) {
    remainder *= 10;
    const int digit = static_cast<int>(remainder / denominator);
    remainder %= denominator;
    fraction.push_back(static_cast<char>('0' + digit));
    if (significant > 0 || digit != 0) ++significant;
  }
  while (!fraction.empty() && fraction.back() == '0') fraction.pop_back();
  std::string result = integer_text.empty() ? std::string(1, '0') : integer_text;
  if (!fraction.empty()) {
    result.push_back('.');
    result.append(fraction);
  }
  return result;
}

// floor(net * rate * 10^exponent_difference) for a rate given as a decimal string, or -1 when
// net <= 0. Reads the digits of the string; no Decimal type involved.
inline Int128 reference_target(std::int64_t net, const std::string& rate, int exponent_difference) {
  if (net <= 0) return -1;
  Int128 digits = 0;
  int decimals = 0;
  bool after_point = false;
  for (const char c : rate) {
    if (c == '.') {
      after_point = true;
      continue;
    }
    digits = digits * 10 + (c - '0');
    if (after_point) ++decimals;
  }
  Int128 value = Int128{net} * digits;
  const int power = exponent_difference - decimals;
  for (int i = 0; i < power; ++i) value *= 10;
  for (int i = 0; i < -power; ++i) value /= 10;  // repeated floor division = floor division
  return value;
}

}  // namespace drop_test
