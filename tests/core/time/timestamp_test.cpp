// Civil-date arithmetic and RFC 3339 formatting/parsing, against known instants.
#include "drop/time/timestamp.hpp"

#include <catch2/catch.hpp>

using namespace drop;

TEST_CASE("known instants format and parse as RFC 3339") {
  CHECK(format_rfc3339(Timestamp{0}) == "1970-01-01T00:00:00Z");
  CHECK(format_rfc3339(Timestamp::from_unix_seconds(1796027849)) == "2026-11-30T08:37:29Z");
  CHECK(format_rfc3339(Timestamp::from_unix_seconds(951782400)) == "2000-02-29T00:00:00Z");
  CHECK(parse_rfc3339("2026-11-30T08:37:29Z")->unix_us == 1796027849LL * 1'000'000);
  CHECK(parse_rfc3339("2026-11-30T09:37:29+01:00")->unix_us == 1796027849LL * 1'000'000);
  CHECK(parse_rfc3339("2026-11-30T08:37:29.25Z")->unix_us == 1796027849LL * 1'000'000 + 250000);
  CHECK(parse_rfc3339("2026-11-30 08:37:29Z").error() == TimeError::invalid_format);
  CHECK(parse_rfc3339("2026-11-30T24:00:00Z").error() == TimeError::out_of_range);
  CHECK(parse_rfc3339("2026-02-29T00:00:00Z").error() == TimeError::out_of_range);
  CHECK(parse_rfc3339("2026-11-30T08:37:29").error() == TimeError::invalid_format);
  CHECK(parse_rfc3339("2026-11-30T08:37:29.Z").error() == TimeError::invalid_format);
}

TEST_CASE("dates round-trip through days since the epoch for every day of 1970..2400") {
  std::int64_t expected_days = 0;
  for (int year = 1970; year < 2400; ++year) {
    for (int month = 1; month <= 12; ++month) {
      for (int day = 1; day <= 31; ++day) {
        const Date date{year, month, day};
        if (!is_valid(date)) continue;
        REQUIRE(days_since_epoch(date) == expected_days);
        REQUIRE(date_from_days_since_epoch(expected_days) == date);
        ++expected_days;
      }
    }
  }
  CHECK(format_date(Date{2021, 2, 25}) == "2021-02-25");
  CHECK(parse_date("2021-02-25").value() == Date{2021, 2, 25});
  CHECK(parse_date("2021-2-25").error() == TimeError::invalid_format);
  CHECK(parse_date("2021-13-01").error() == TimeError::out_of_range);
  CHECK(date_of(Timestamp::from_unix_seconds(1796027849)) == Date{2026, 11, 30});
}
