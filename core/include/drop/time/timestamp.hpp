// Time in drop_core: a UTC instant as microseconds since the Unix epoch, and a civil date.
//
// Core never reads a clock: `now` is always a parameter (or comes through the Clock port in
// adapters/app). RFC 3339 text is the API's time format ("2026-11-30T08:37:29Z").
// Thread-safety: value types.
#pragma once

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include "drop/result.hpp"

namespace drop {

enum class TimeError : std::uint8_t {
  invalid_format = 1,  // not YYYY-MM-DD / YYYY-MM-DDTHH:MM:SS[.fraction](Z|+HH:MM)
  out_of_range = 2,    // a field out of range (month 13, Feb 30, hour 24, year < 1970 ...)
};

struct Timestamp {
  std::int64_t unix_us = 0;

  static constexpr Timestamp from_unix_seconds(std::int64_t seconds) {
    return Timestamp{seconds * 1'000'000};
  }
  constexpr std::int64_t unix_seconds() const {  // floor
    return unix_us >= 0 ? unix_us / 1'000'000 : -((-unix_us + 999'999) / 1'000'000);
  }
  constexpr Timestamp plus_seconds(std::int64_t seconds) const {
    return Timestamp{unix_us + seconds * 1'000'000};
  }
  constexpr Timestamp plus_us(std::int64_t microseconds) const {
    return Timestamp{unix_us + microseconds};
  }
  friend constexpr auto operator<=>(Timestamp, Timestamp) = default;
};

// A proleptic Gregorian calendar date (the as-of date of reference rates).
struct Date {
  int year = 1970;
  int month = 1;  // 1..12
  int day = 1;    // 1..31
  friend constexpr auto operator<=>(const Date&, const Date&) = default;
};

// Days since 1970-01-01 for a valid date (Howard Hinnant's days_from_civil).
std::int64_t days_since_epoch(Date date);
Date date_from_days_since_epoch(std::int64_t days);
Date date_of(Timestamp timestamp);
Timestamp start_of_day(Date date);
bool is_valid(Date date);

// "2026-11-30"
std::string format_date(Date date);
Result<Date, TimeError> parse_date(std::string_view text);

// "2026-11-30T08:37:29Z" (whole seconds; sub-second digits are dropped, not rounded).
std::string format_rfc3339(Timestamp timestamp);
// Accepts "Z" or a numeric offset and up to 6 fraction digits; converts to UTC.
Result<Timestamp, TimeError> parse_rfc3339(std::string_view text);

}  // namespace drop
