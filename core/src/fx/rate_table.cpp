#include "drop/fx/rate_table.hpp"

#include <utility>

#include "drop/fx/int128.hpp"
#include "drop/limits.hpp"

namespace drop::fx {

std::string_view to_string(RateTableError error) {
  switch (error) {
    case RateTableError::duplicate_currency:
      return "currency listed twice";
    case RateTableError::zero_rate:
      return "rate is zero";
    case RateTableError::base_listed:
      return "the base currency has no rate of its own";
    case RateTableError::too_many_currencies:
      return "too many currencies";
  }
  return "unknown";
}

RateTable::RateTable(Currency base, Quoting quoting, Date as_of, std::string source_name)
    : base_(base),
      quoting_(quoting),
      as_of_(as_of),
      source_name_(std::move(source_name)),
      by_index_(Currency::table().size()) {}

Result<void, RateTableError> RateTable::add(Currency currency, Decimal rate) {
  if (currency == base_) return Err{RateTableError::base_listed};
  if (rate.coefficient <= 0) return Err{RateTableError::zero_rate};
  if (contains(currency)) return Err{RateTableError::duplicate_currency};
  if (listed_.size() >= limits::rate_table_currencies_max) {
    return Err{RateTableError::too_many_currencies};
  }
  DROP_ASSERT(rate.scale >= 0);
  DROP_ASSERT(rate.scale <= limits::rate_coefficient_digits_max);
  DROP_ASSERT(rate.coefficient < pow10_128(limits::rate_coefficient_digits_max));
  listed_.push_back(currency);
  by_index_[currency.index()] = rate;
  return {};
}

bool RateTable::contains(Currency currency) const {
  return currency == base_ || by_index_[currency.index()].coefficient != 0;
}

std::optional<Decimal> RateTable::rate(Currency currency) const {
  if (currency == base_) return Decimal{1, 0};
  const Decimal& rate = by_index_[currency.index()];
  if (rate.coefficient == 0) return std::nullopt;
  return rate;
}

// units_per_base: mid = rate_T / rate_S = (cT / 10^sT) / (cS / 10^sS) = cT 10^sS / (cS 10^sT).
// base_per_unit swaps the roles. Both coefficients and scales are below 10^12, so each side is
// below 10^24.
std::optional<Ratio> RateTable::mid(Currency source, Currency target) const {
  const std::optional<Decimal> source_rate = rate(source);
  const std::optional<Decimal> target_rate = rate(target);
  if (!source_rate || !target_rate) return std::nullopt;
  const Decimal& over = quoting_ == Quoting::units_per_base ? *target_rate : *source_rate;
  const Decimal& under = quoting_ == Quoting::units_per_base ? *source_rate : *target_rate;
  return Ratio{Int128{over.coefficient} * pow10_128(under.scale),
               Int128{under.coefficient} * pow10_128(over.scale)};
}

}  // namespace drop::fx
