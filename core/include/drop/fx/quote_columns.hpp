// QuoteColumns: a stored quote as the database rows hold it (the `quotes` table of migration
// 0001): integer amounts with their currency codes, the customer and display-mid rates as
// decimal text, the as-of date as text, microsecond times and used_at (null: not used).
// Shared by the SQLite and PostgreSQL QuoteStore adapters. The mid rate is stored as its
// display decimal (12 significant digits), so a quote read back shows the same mid_rate.
// The rate source name is not stored (the table has no column): read back as "".
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "drop/fx/quote.hpp"
#include "drop/result.hpp"

namespace drop::fx {

struct QuoteColumns {
  std::string id;
  std::string user_id;
  std::int64_t source_amount = 0;
  std::string source_currency;
  std::int64_t target_amount = 0;
  std::string target_currency;
  std::int64_t fee_amount = 0;
  std::string rate;
  std::string mid_rate;
  std::int64_t spread_bps = 0;
  std::string rate_as_of;
  std::int64_t created_at_us = 0;
  std::int64_t expires_at_us = 0;
  std::optional<std::int64_t> used_at_us;
};

QuoteColumns to_columns(const Quote& quote);
// Fails with a message naming the bad column (stored data that breaks an invariant).
Result<Quote, std::string> from_columns(const QuoteColumns& columns);

}  // namespace drop::fx
