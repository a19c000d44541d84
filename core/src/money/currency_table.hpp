#pragma once

#include <cstddef>

#include "drop/money/currency.hpp"

namespace drop::detail {
extern const CurrencyInfo currency_table[];
extern const std::size_t currency_table_size;
}  // namespace drop::detail
