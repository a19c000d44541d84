// Currency: one ISO 4217 currency (alpha-3 code, numeric code, minor-unit exponent).
//
// The active ISO 4217 list is compiled in (currency_table.cpp); a Currency is a small index into
// it, cheap to copy and compare. Codes without a minor unit (gold, SDR, testing codes: exponent
// "N.A." in ISO 4217) exist in the table but cannot carry Money. Thread-safety: immutable.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

#include "drop/result.hpp"

namespace drop {

enum class CurrencyError : std::uint8_t {
  unknown_code = 1,   // not an active ISO 4217 alpha-3 or numeric code
  no_minor_unit = 2,  // exists, but ISO 4217 gives it no minor unit (XAU, XDR, XXX, ...)
};
std::string_view to_string(CurrencyError error);

struct CurrencyInfo {
  char code[4];           // alpha-3, NUL-terminated
  std::uint16_t numeric;  // ISO 4217 numeric (578 = NOK)
  std::int8_t exponent;   // minor-unit exponent; -1 when ISO 4217 says N.A.
};

class Currency {
 public:
  // The active ISO 4217 currencies, sorted by alpha-3 code.
  static std::span<const CurrencyInfo> table();

  // Looks up an alpha-3 code (upper case, exactly three letters). Fails with unknown_code for
  // anything else and with no_minor_unit for codes that cannot carry money.
  static Result<Currency, CurrencyError> from_code(std::string_view code);
  // Looks up a numeric code ("578" or 578), same failures as from_code.
  static Result<Currency, CurrencyError> from_numeric(std::uint16_t numeric);

  std::string_view code() const { return table()[index_].code; }
  std::uint16_t numeric() const { return table()[index_].numeric; }
  // ENSURES: 0 <= exponent() <= limits::currency_exponent_max.
  int exponent() const { return table()[index_].exponent; }
  // 10^exponent(): minor units per major unit.
  std::int64_t minor_per_major() const;
  std::uint16_t index() const { return index_; }

  friend bool operator==(Currency, Currency) = default;

 private:
  explicit Currency(std::uint16_t index) : index_(index) {}
  // The currency at a table index, or no_minor_unit when it cannot carry money.
  static Result<Currency, CurrencyError> at_index(std::size_t index);
  std::uint16_t index_;
};

}  // namespace drop
