#include "drop/fx/decimal.hpp"

#include <algorithm>

#include "drop/fx/int128.hpp"
#include "drop/limits.hpp"

namespace drop::fx {

std::string_view to_string(DecimalError error) {
  switch (error) {
    case DecimalError::invalid_format:
      return "not a decimal";
    case DecimalError::too_many_digits:
      return "too many digits";
  }
  return "unknown";
}

// Grammar: decimal = digit+ [separator digit+]. Leading zeros are allowed and do not count
// toward the coefficient's digits ("0.86720" has 5).
Result<Decimal, DecimalError> Decimal::parse(std::string_view text, char separator) {
  if (text.empty()) return Err{DecimalError::invalid_format};
  std::int64_t coefficient = 0;
  int significant_digits = 0;
  int integer_digits = 0;
  int scale = 0;
  bool seen_separator = false;
  for (const char c : text) {
    if (c == separator) {
      if (seen_separator || integer_digits == 0) return Err{DecimalError::invalid_format};
      seen_separator = true;
      continue;
    }
    if (c < '0' || c > '9') return Err{DecimalError::invalid_format};
    if (seen_separator) {
      ++scale;
    } else {
      ++integer_digits;
    }
    if (coefficient != 0 || c != '0') ++significant_digits;
    if (significant_digits > limits::rate_coefficient_digits_max ||
        scale > limits::rate_coefficient_digits_max) {
      return Err{DecimalError::too_many_digits};
    }
    coefficient = coefficient * 10 + (c - '0');
  }
  if (seen_separator && scale == 0) return Err{DecimalError::invalid_format};
  return Decimal{coefficient, scale};
}

Decimal Decimal::normalized() const {
  if (coefficient == 0) return Decimal{0, 0};
  Decimal result = *this;
  while (result.coefficient % 10 == 0) {
    result.coefficient /= 10;
    --result.scale;
  }
  return result;
}

std::string Decimal::to_string() const {
  DROP_ASSERT(coefficient >= 0);
  std::string digits = std::to_string(coefficient);
  if (scale <= 0) {
    if (coefficient != 0) digits.append(static_cast<std::size_t>(-scale), '0');
    return digits;
  }
  const auto decimals = static_cast<std::size_t>(scale);
  if (digits.size() <= decimals) digits.insert(0, decimals - digits.size() + 1, '0');
  digits.insert(digits.size() - decimals, 1, '.');
  return digits;
}

bool same_value(const Decimal& a, const Decimal& b) {
  const Decimal left = a.normalized();
  const Decimal right = b.normalized();
  return left.coefficient == right.coefficient && left.scale == right.scale;
}

}  // namespace drop::fx
