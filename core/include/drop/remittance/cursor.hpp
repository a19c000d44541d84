// The page cursor of remittance lists: "<created_at_us>_<id>" (the last item of a page); pages
// are ordered by (created_at, id) descending. Pure functions.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "drop/remittance/remittance.hpp"

namespace drop::remittance {

struct Cursor {
  std::int64_t created_at_us = 0;
  std::string id;
};

std::string format_cursor(const Remittance& last);
std::optional<Cursor> parse_cursor(std::string_view text);

}  // namespace drop::remittance
