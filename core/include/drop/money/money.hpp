// Money: an exact integer count of a currency's minor unit (øre for NOK, yen for JPY, fils for
// KWD). Never floating point. Arithmetic is checked: overflow and currency mismatch are errors,
// never undefined behaviour. Decimal strings parse and format per the currency's exponent.
// Thread-safety: a value type.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "drop/money/currency.hpp"
#include "drop/result.hpp"

namespace drop {

enum class MoneyError : std::uint8_t {
  overflow = 1,           // the result does not fit in int64 minor units
  currency_mismatch = 2,  // the operands are in different currencies
  invalid_decimal = 3,    // not a decimal number ("1,5", "", "1.", ".5", "1e3", " 1")
  too_many_decimals = 4,  // more decimals than the currency's exponent ("1.234" NOK)
  division_by_zero = 5,
};
std::string_view to_string(MoneyError error);

class Money {
 public:
  Money(std::int64_t amount_minor, Currency currency)
      : amount_minor_(amount_minor), currency_(currency) {}

  // Parses "123.45" (NOK -> 12345), "5" (JPY -> 5), "1.234" (KWD -> 1234), "-0.50". Fewer
  // decimals than the exponent are fine ("1.5" NOK -> 150); more are too_many_decimals.
  static Result<Money, MoneyError> parse(std::string_view decimal, Currency currency);

  std::int64_t amount_minor() const { return amount_minor_; }
  Currency currency() const { return currency_; }
  bool is_zero() const { return amount_minor_ == 0; }
  bool is_negative() const { return amount_minor_ < 0; }

  // The decimal string with exactly exponent() decimals: 12345 NOK -> "123.45", 5 JPY -> "5".
  std::string to_decimal() const;

  Result<Money, MoneyError> add(Money other) const;
  Result<Money, MoneyError> subtract(Money other) const;
  Result<Money, MoneyError> multiply(std::int64_t factor) const;
  Result<Money, MoneyError> negate() const;

  friend bool operator==(const Money&, const Money&) = default;

 private:
  std::int64_t amount_minor_;
  Currency currency_;
};

// Checked int64 helpers shared by money, ledger and FX code.
Result<std::int64_t, MoneyError> checked_add(std::int64_t a, std::int64_t b);
Result<std::int64_t, MoneyError> checked_subtract(std::int64_t a, std::int64_t b);
Result<std::int64_t, MoneyError> checked_multiply(std::int64_t a, std::int64_t b);

// Parses a decimal string into minor units for a given exponent (see Money::parse).
Result<std::int64_t, MoneyError> parse_decimal_minor(std::string_view decimal, int exponent);
// Formats minor units with exactly `exponent` decimals.
std::string format_decimal_minor(std::int64_t amount_minor, int exponent);

}  // namespace drop
