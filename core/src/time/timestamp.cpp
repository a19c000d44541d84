#include "drop/time/timestamp.hpp"

#include <cstdio>

namespace drop {

namespace {

bool is_leap(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int days_in_month(int year, int month) {
  static constexpr int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && is_leap(year) ? 29 : days[month - 1];
}

// Reads exactly `count` ASCII digits at text[position]; -1 when they are not all digits.
int read_digits(std::string_view text, std::size_t position, std::size_t count) {
  if (position + count > text.size()) return -1;
  int value = 0;
  for (std::size_t i = 0; i < count; ++i) {
    const char c = text[position + i];
    if (c < '0' || c > '9') return -1;
    value = value * 10 + (c - '0');
  }
  return value;
}

}  // namespace

bool is_valid(Date date) {
  return date.year >= 1970 && date.year <= 9999 && date.month >= 1 && date.month <= 12 &&
         date.day >= 1 && date.day <= days_in_month(date.year, date.month);
}

std::int64_t days_since_epoch(Date date) {
  const std::int64_t year = date.year - (date.month <= 2 ? 1 : 0);
  const std::int64_t era = (year >= 0 ? year : year - 399) / 400;
  const std::int64_t year_of_era = year - era * 400;
  const std::int64_t day_of_year =
      (153 * (date.month + (date.month > 2 ? -3 : 9)) + 2) / 5 + date.day - 1;
  const std::int64_t day_of_era =
      year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * 146097 + day_of_era - 719468;
}

Date date_from_days_since_epoch(std::int64_t days) {
  days += 719468;
  const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const std::int64_t day_of_era = days - era * 146097;
  const std::int64_t year_of_era =
      (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
  const std::int64_t day_of_year =
      day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  const std::int64_t month_index = (5 * day_of_year + 2) / 153;
  const int day = static_cast<int>(day_of_year - (153 * month_index + 2) / 5 + 1);
  const int month = static_cast<int>(month_index < 10 ? month_index + 3 : month_index - 9);
  const int year = static_cast<int>(year_of_era + era * 400 + (month <= 2 ? 1 : 0));
  return Date{year, month, day};
}

Date date_of(Timestamp timestamp) {
  std::int64_t seconds = timestamp.unix_seconds();
  std::int64_t days = seconds >= 0 ? seconds / 86400 : -((-seconds + 86399) / 86400);
  return date_from_days_since_epoch(days);
}

Timestamp start_of_day(Date date) {
  return Timestamp::from_unix_seconds(days_since_epoch(date) * 86400);
}

std::string format_date(Date date) {
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02d-%02d", date.year, date.month, date.day);
  return text;
}

Result<Date, TimeError> parse_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return Err{TimeError::invalid_format};
  const Date date{read_digits(text, 0, 4), read_digits(text, 5, 2), read_digits(text, 8, 2)};
  if (date.year < 0 || date.month < 0 || date.day < 0) return Err{TimeError::invalid_format};
  if (!is_valid(date)) return Err{TimeError::out_of_range};
  return date;
}

std::string format_rfc3339(Timestamp timestamp) {
  const std::int64_t seconds = timestamp.unix_seconds();
  const std::int64_t days = seconds >= 0 ? seconds / 86400 : -((-seconds + 86399) / 86400);
  const std::int64_t second_of_day = seconds - days * 86400;
  const Date date = date_from_days_since_epoch(days);
  char text[32];
  std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02dZ", date.year, date.month,
                date.day, static_cast<int>(second_of_day / 3600),
                static_cast<int>(second_of_day / 60 % 60), static_cast<int>(second_of_day % 60));
  return text;
}

// Grammar (RFC 3339 section 5.6): full-date "T" HH ":" MM ":" SS ["." 1*6DIGIT] ("Z" / ("+"/"-") HH
// ":" MM)
Result<Timestamp, TimeError> parse_rfc3339(std::string_view text) {
  if (text.size() < 20 || (text[10] != 'T' && text[10] != 't')) {
    return Err{TimeError::invalid_format};
  }
  auto date = parse_date(text.substr(0, 10));
  if (!date) return Err{date.error()};
  if (text[13] != ':' || text[16] != ':') return Err{TimeError::invalid_format};
  const int hour = read_digits(text, 11, 2);
  const int minute = read_digits(text, 14, 2);
  const int second = read_digits(text, 17, 2);
  if (hour < 0 || minute < 0 || second < 0) return Err{TimeError::invalid_format};
  if (hour > 23 || minute > 59 || second > 59) return Err{TimeError::out_of_range};
  std::size_t position = 19;
  std::int64_t fraction_us = 0;
  if (text[position] == '.') {
    ++position;
    std::size_t digits = 0;
    std::int64_t scale = 100000;
    while (position < text.size() && text[position] >= '0' && text[position] <= '9') {
      if (++digits > 6) return Err{TimeError::invalid_format};
      fraction_us += (text[position] - '0') * scale;
      scale /= 10;
      ++position;
    }
    if (digits == 0) return Err{TimeError::invalid_format};
  }
  std::int64_t offset_s = 0;
  const std::string_view zone = text.substr(position);
  if (zone == "Z" || zone == "z") {
    offset_s = 0;
  } else if (zone.size() == 6 && (zone[0] == '+' || zone[0] == '-') && zone[3] == ':') {
    const int offset_hour = read_digits(zone, 1, 2);
    const int offset_minute = read_digits(zone, 4, 2);
    if (offset_hour < 0 || offset_minute < 0) return Err{TimeError::invalid_format};
    if (offset_hour > 23 || offset_minute > 59) return Err{TimeError::out_of_range};
    offset_s = (offset_hour * 3600 + offset_minute * 60) * (zone[0] == '+' ? 1 : -1);
  } else {
    return Err{TimeError::invalid_format};
  }
  const std::int64_t seconds =
      days_since_epoch(*date) * 86400 + hour * 3600 + minute * 60 + second - offset_s;
  return Timestamp{seconds * 1'000'000 + fraction_us};
}

}  // namespace drop
