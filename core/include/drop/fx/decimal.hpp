// Decimal: an exact non-negative decimal number, coefficient / 10^scale (GBP "0.86720" is
// {86720, 5}). Rates are Decimals end to end: parsed from the reference files, shown to customers
// and used to price, never converted to a binary fraction. Thread-safety: a value type.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "drop/result.hpp"

namespace drop::fx {

enum class DecimalError : std::uint8_t {
  invalid_format = 1,   // not digit+ ["." digit+] (with the given decimal separator)
  too_many_digits = 2,  // coefficient or scale beyond limits::rate_coefficient_digits_max
};
std::string_view to_string(DecimalError error);

struct Decimal {
  std::int64_t coefficient = 0;  // >= 0
  std::int32_t scale = 0;        // may be negative: {12, -3} is 12000

  // Parses "0.86720", "17352.10", "153" (`separator` '.' for ECB, ',' for Norges Bank).
  // Grammar: digit+ [separator digit+]. No sign, exponent, spaces or grouping. Fails when the
  // coefficient or the scale has more than limits::rate_coefficient_digits_max digits.
  static Result<Decimal, DecimalError> parse(std::string_view text, char separator = '.');

  bool is_zero() const { return coefficient == 0; }

  // The same value with trailing zeros removed from the coefficient (scale may go negative).
  Decimal normalized() const;

  // The digits as written: {86720, 5} -> "0.86720", {12, -3} -> "12000", {5, 0} -> "5".
  std::string to_string() const;

  // Exact comparison of values ({86720, 5} == {8672, 4}).
  friend bool same_value(const Decimal& a, const Decimal& b);
};

}  // namespace drop::fx
