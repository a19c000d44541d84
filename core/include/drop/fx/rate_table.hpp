// RateTable: one day's reference rates from one publisher, exact, with their as-of date.
//
// A table has a base currency and a quoting convention: the ECB publishes units of each currency
// per 1 EUR (units_per_base); Norges Bank publishes NOK per unit of each currency
// (base_per_unit, its per-100 quotes already divided out). The mid rate between any two listed
// currencies is an exact Ratio. A table is built whole by a parser or not at all.
// Thread-safety: immutable after construction; safe to share between threads.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "drop/fx/decimal.hpp"
#include "drop/fx/ratio.hpp"
#include "drop/money/currency.hpp"
#include "drop/result.hpp"
#include "drop/time/timestamp.hpp"

namespace drop::fx {

enum class Quoting : std::uint8_t {
  units_per_base = 1,  // rate = units of the currency for 1 unit of the base (ECB)
  base_per_unit = 2,   // rate = units of the base for 1 unit of the currency (Norges Bank)
};

enum class RateTableError : std::uint8_t {
  duplicate_currency = 1,   // the same currency listed twice
  zero_rate = 2,            // a rate of 0 (would divide by zero)
  base_listed = 3,          // the base currency listed with a rate (it is 1 by definition)
  too_many_currencies = 4,  // more than limits::rate_table_currencies_max
};
std::string_view to_string(RateTableError error);

class RateTable {
 public:
  RateTable(Currency base, Quoting quoting, Date as_of, std::string source_name);

  // Adds one currency's rate. Fails (leaving the table unchanged) on a duplicate, a zero rate,
  // the base itself, or a full table.
  Result<void, RateTableError> add(Currency currency, Decimal rate);

  Currency base() const { return base_; }
  Quoting quoting() const { return quoting_; }
  Date as_of() const { return as_of_; }
  // "ECB", "Norges Bank".
  std::string_view source_name() const { return source_name_; }
  // Listed currencies plus the base.
  std::size_t size() const { return listed_.size() + 1; }
  // Listed currencies (without the base), in the order added.
  const std::vector<Currency>& currencies() const { return listed_; }

  bool contains(Currency currency) const;
  // The published rate of a listed currency (1 for the base); nullopt when not listed.
  std::optional<Decimal> rate(Currency currency) const;

  // The exact mid rate source -> target: units of target (major) per unit of source (major).
  // ECB: rate_target / rate_source; Norges Bank: rate_source / rate_target. nullopt when either
  // currency is not in the table.
  std::optional<Ratio> mid(Currency source, Currency target) const;

 private:
  Currency base_;
  Quoting quoting_;
  Date as_of_;
  std::string source_name_;
  std::vector<Currency> listed_;
  // Indexed by Currency::index(); coefficient 0 means "not listed".
  std::vector<Decimal> by_index_;
};

}  // namespace drop::fx
