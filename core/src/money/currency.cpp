#include "drop/money/currency.hpp"

#include <algorithm>

#include "drop/limits.hpp"
#include "money/currency_table.hpp"

namespace drop {

std::string_view to_string(CurrencyError error) {
  switch (error) {
    case CurrencyError::unknown_code:
      return "unknown_currency";
    case CurrencyError::no_minor_unit:
      return "currency_without_minor_unit";
  }
  return "unknown";
}

std::span<const CurrencyInfo> Currency::table() {
  return {detail::currency_table, detail::currency_table_size};
}

Result<Currency, CurrencyError> Currency::at_index(std::size_t index) {
  const CurrencyInfo& info = table()[index];
  if (info.exponent < 0) return Err{CurrencyError::no_minor_unit};
  DROP_ASSERT(info.exponent <= limits::currency_exponent_max);
  return Currency(static_cast<std::uint16_t>(index));
}

Result<Currency, CurrencyError> Currency::from_code(std::string_view code) {
  if (code.size() != 3) return Err{CurrencyError::unknown_code};
  for (char c : code) {
    if (c < 'A' || c > 'Z') return Err{CurrencyError::unknown_code};
  }
  const auto entries = table();
  const auto it = std::lower_bound(entries.begin(), entries.end(), code,
                                   [](const CurrencyInfo& info, std::string_view key) {
                                     return std::string_view(info.code) < key;
                                   });
  if (it == entries.end() || std::string_view(it->code) != code) {
    return Err{CurrencyError::unknown_code};
  }
  return at_index(static_cast<std::size_t>(it - entries.begin()));
}

Result<Currency, CurrencyError> Currency::from_numeric(std::uint16_t numeric) {
  const auto entries = table();
  for (std::size_t i = 0; i < entries.size(); ++i) {
    if (entries[i].numeric == numeric) return at_index(i);
  }
  return Err{CurrencyError::unknown_code};
}

std::int64_t Currency::minor_per_major() const {
  std::int64_t result = 1;
  for (int i = 0; i < exponent(); ++i) result *= 10;
  return result;
}

}  // namespace drop
