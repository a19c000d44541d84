#include "drop/money/money.hpp"

#include <cstdlib>

#include "drop/limits.hpp"

namespace drop {

std::string_view to_string(MoneyError error) {
  switch (error) {
    case MoneyError::overflow:
      return "overflow";
    case MoneyError::currency_mismatch:
      return "currency_mismatch";
    case MoneyError::invalid_decimal:
      return "invalid_decimal";
    case MoneyError::too_many_decimals:
      return "too_many_decimals";
    case MoneyError::division_by_zero:
      return "division_by_zero";
  }
  return "unknown";
}

Result<std::int64_t, MoneyError> checked_add(std::int64_t a, std::int64_t b) {
  std::int64_t sum = 0;
  if (__builtin_add_overflow(a, b, &sum)) return Err{MoneyError::overflow};
  return sum;
}

Result<std::int64_t, MoneyError> checked_subtract(std::int64_t a, std::int64_t b) {
  std::int64_t difference = 0;
  if (__builtin_sub_overflow(a, b, &difference)) return Err{MoneyError::overflow};
  return difference;
}

Result<std::int64_t, MoneyError> checked_multiply(std::int64_t a, std::int64_t b) {
  std::int64_t product = 0;
  if (__builtin_mul_overflow(a, b, &product)) return Err{MoneyError::overflow};
  return product;
}

// Grammar: decimal = ["-"] digit+ ["." digit+]. No spaces, no "+", no exponent, no grouping.
// The magnitude is accumulated as a negative number so that INT64_MIN itself parses.
Result<std::int64_t, MoneyError> parse_decimal_minor(std::string_view decimal, int exponent) {
  DROP_ASSERT(exponent >= 0);
  DROP_ASSERT(exponent <= limits::currency_exponent_max);
  if (decimal.empty() || decimal.size() > limits::money_decimal_chars_max) {
    return Err{MoneyError::invalid_decimal};
  }
  std::size_t position = 0;
  const bool negative = decimal[0] == '-';
  if (negative) position = 1;

  std::int64_t accumulated = 0;  // <= 0
  int integer_digits = 0;
  int fraction_digits = 0;
  bool seen_point = false;
  for (; position < decimal.size(); ++position) {
    const char c = decimal[position];
    if (c == '.') {
      if (seen_point || integer_digits == 0) return Err{MoneyError::invalid_decimal};
      seen_point = true;
      continue;
    }
    if (c < '0' || c > '9') return Err{MoneyError::invalid_decimal};
    if (seen_point) {
      if (++fraction_digits > exponent) return Err{MoneyError::too_many_decimals};
    } else {
      ++integer_digits;
    }
    if (__builtin_mul_overflow(accumulated, 10, &accumulated) ||
        __builtin_sub_overflow(accumulated, c - '0', &accumulated)) {
      return Err{MoneyError::overflow};
    }
  }
  if (integer_digits == 0 || (seen_point && fraction_digits == 0)) {
    return Err{MoneyError::invalid_decimal};
  }
  for (int i = fraction_digits; i < exponent; ++i) {
    if (__builtin_mul_overflow(accumulated, 10, &accumulated)) return Err{MoneyError::overflow};
  }
  if (negative) return accumulated;
  if (accumulated == INT64_MIN) return Err{MoneyError::overflow};
  return -accumulated;
}

std::string format_decimal_minor(std::int64_t amount_minor, int exponent) {
  DROP_ASSERT(exponent >= 0);
  DROP_ASSERT(exponent <= limits::currency_exponent_max);
  // Work on the unsigned magnitude so that INT64_MIN formats too.
  std::uint64_t magnitude = amount_minor < 0 ? 0 - static_cast<std::uint64_t>(amount_minor)
                                             : static_cast<std::uint64_t>(amount_minor);
  char digits[24];
  int count = 0;
  do {
    digits[count++] = static_cast<char>('0' + magnitude % 10);
    magnitude /= 10;
  } while (magnitude != 0);
  while (count <= exponent) digits[count++] = '0';  // at least one integer digit

  std::string out;
  out.reserve(static_cast<std::size_t>(count) + 2);
  if (amount_minor < 0) out.push_back('-');
  for (int i = count - 1; i >= 0; --i) {
    out.push_back(digits[i]);
    if (i == exponent && exponent > 0) out.push_back('.');
  }
  return out;
}

Result<Money, MoneyError> Money::parse(std::string_view decimal, Currency currency) {
  auto minor = parse_decimal_minor(decimal, currency.exponent());
  if (!minor) return Err{minor.error()};
  return Money(*minor, currency);
}

std::string Money::to_decimal() const {
  return format_decimal_minor(amount_minor_, currency_.exponent());
}

Result<Money, MoneyError> Money::add(Money other) const {
  if (other.currency_ != currency_) return Err{MoneyError::currency_mismatch};
  auto sum = checked_add(amount_minor_, other.amount_minor_);
  if (!sum) return Err{sum.error()};
  return Money(*sum, currency_);
}

Result<Money, MoneyError> Money::subtract(Money other) const {
  if (other.currency_ != currency_) return Err{MoneyError::currency_mismatch};
  auto difference = checked_subtract(amount_minor_, other.amount_minor_);
  if (!difference) return Err{difference.error()};
  return Money(*difference, currency_);
}

Result<Money, MoneyError> Money::multiply(std::int64_t factor) const {
  auto product = checked_multiply(amount_minor_, factor);
  if (!product) return Err{product.error()};
  return Money(*product, currency_);
}

Result<Money, MoneyError> Money::negate() const { return Money(0, currency_).subtract(*this); }

}  // namespace drop
