#include "drop/remittance/cursor.hpp"

#include <charconv>

namespace drop::remittance {

std::string format_cursor(const Remittance& last) {
  return std::to_string(last.created_at.unix_us) + "_" + last.id;
}

std::optional<Cursor> parse_cursor(std::string_view text) {
  const auto separator = text.find('_');
  if (separator == std::string_view::npos || separator == 0) return std::nullopt;
  Cursor cursor;
  const auto [end, error] =
      std::from_chars(text.data(), text.data() + separator, cursor.created_at_us);
  if (error != std::errc() || end != text.data() + separator) return std::nullopt;
  cursor.id = std::string(text.substr(separator + 1));
  if (!parse_remittance_id(cursor.id)) return std::nullopt;
  return cursor;
}

}  // namespace drop::remittance
