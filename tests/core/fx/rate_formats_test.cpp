// The reference-rate parsers: the shared ECB and Norges Bank samples parse to the exact rates
// they print; every malformed input is refused with an error naming its line and field, and no
// table. Inputs are the shared vectors (read at test time) and small texts written here.
#include "drop/fx/rate_formats.hpp"

#include <catch2/catch.hpp>
#include <string>

#include "drop/limits.hpp"
#include "support/vectors.hpp"

using drop::Currency;
using drop::fx::parse_ecb_xml;
using drop::fx::parse_norges_bank_csv;
using drop::fx::parse_rate_file;

namespace {
Currency currency(const char* code) { return *Currency::from_code(code); }

std::string ecb_with(const std::string& cubes, const char* time = "time='2026-11-27'") {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
         "<gesmes:Envelope xmlns:gesmes=\"http://www.gesmes.org/xml/2002-08-01\">\n"
         "\t<Cube>\n"
         "\t\t<Cube " +
         std::string(time) + ">\n" + cubes +
         "\t\t</Cube>\n"
         "\t</Cube>\n"
         "</gesmes:Envelope>\n";
}

// Parses and expects a refusal naming `line` and `field`.
void expect_ecb_error(const std::string& text, int line, const std::string& field) {
  const auto parsed = parse_ecb_xml(text);
  INFO(text);
  REQUIRE_FALSE(parsed.ok());
  INFO(parsed.error().to_string());
  CHECK(parsed.error().line == line);
  CHECK(parsed.error().field == field);
}
}  // namespace

TEST_CASE("fx rates: the ECB sample of 2021-02-25 parses exactly") {
  const auto parsed = parse_ecb_xml(drop_test::read_vector("qr_fx/ecb_eurofxref_sample.xml"));
  REQUIRE(parsed.ok());
  const auto& table = parsed->table;
  CHECK(table.source_name() == "ECB");
  CHECK(drop::format_date(table.as_of()) == "2021-02-25");
  CHECK(table.base() == currency("EUR"));
  // 32 listed; BGN and HRK are no longer active ISO 4217 codes (withdrawn 2026-01 and 2023-01),
  // so they are skipped and named.
  CHECK(table.currencies().size() == 30);
  CHECK(parsed->skipped == std::vector<std::string>{"BGN", "HRK"});
  CHECK(table.rate(currency("NOK"))->to_string() == "10.2275");
  CHECK(table.rate(currency("CZK"))->to_string() == "26.110");
  CHECK(table.rate(currency("IDR"))->to_string() == "17352.10");
  CHECK(table.rate(currency("EUR"))->to_string() == "1");
  CHECK_FALSE(table.contains(currency("KWD")));
}

TEST_CASE("fx rates: the partial ECB fixture keeps GBP's trailing zero") {
  const auto parsed =
      parse_rate_file(drop_test::read_vector("qr_fx/ecb_eurofxref_partial_fixture.xml"));
  REQUIRE(parsed.ok());
  CHECK(parsed->table.currencies().size() == 4);
  CHECK(parsed->table.rate(currency("GBP"))->to_string() == "0.86720");
  CHECK(drop::format_date(parsed->table.as_of()) == "2026-09-04");
}

TEST_CASE("fx rates: double-quoted attributes and comments are accepted") {
  const auto parsed =
      parse_ecb_xml(ecb_with("<!-- a comment with <Cube currency='XXX'/> inside -->\n"
                             "<Cube currency=\"USD\" rate=\"1.1583\"/>\n"));
  REQUIRE(parsed.ok());
  CHECK(parsed->table.currencies().size() == 1);
}

TEST_CASE("fx rates: malformed ECB files name the line and field") {
  // The day Cube is on line 4, the first rate on line 5.
  expect_ecb_error(ecb_with("<Cube currency='USD' rate='1,2'/>\n"), 5, "rate");
  expect_ecb_error(ecb_with("<Cube currency='USD' rate=''/>\n"), 5, "rate");
  expect_ecb_error(ecb_with("<Cube currency='USD' rate='-1.2'/>\n"), 5, "rate");
  expect_ecb_error(ecb_with("<Cube currency='USD'/>\n"), 5, "rate");
  expect_ecb_error(ecb_with("<Cube currency='USD' rate='0.0000'/>\n"), 5, "rate");
  expect_ecb_error(ecb_with("<Cube currency='USD' rate=1.2/>\n"), 5, "rate");
  expect_ecb_error(ecb_with("<Cube currency='usd' rate='1.2'/>\n"), 5, "currency");
  expect_ecb_error(ecb_with("<Cube currency='EUR' rate='1'/>\n"), 5, "currency");
  expect_ecb_error(ecb_with("<Cube currency='USD' rate='1.2'/>\n"
                            "<Cube currency='JPY' rate='180'/>\n"
                            "<Cube currency='USD' rate='1.3'/>\n"),
                   7, "currency");
  expect_ecb_error(ecb_with("<Cube currency='USD' rate='1.2'/>\n", "time='2026-02-30'"), 4, "time");
  expect_ecb_error(ecb_with("<Cube time='2026-11-26'>\n"), 5, "time");
  expect_ecb_error(ecb_with("", "currency='USD' rate='1.2'"), 4, "currency");
}

TEST_CASE("fx rates: truncated or empty ECB files give no table") {
  const std::string whole = ecb_with(
      "<Cube currency='USD' rate='1.2'/>\n"
      "<Cube currency='JPY' rate='180.62'/>\n");
  REQUIRE(parse_ecb_xml(whole).ok());
  // Every proper prefix of a good file is refused: never a partial table.
  for (std::size_t size = 0; size < whole.size() - 1; ++size) {
    INFO(size);
    CHECK_FALSE(parse_ecb_xml(whole.substr(0, size)).ok());
  }
  const auto empty_day = parse_ecb_xml(ecb_with(""));
  REQUIRE_FALSE(empty_day.ok());
  CHECK(empty_day.error().field == "rate");
  CHECK(parse_ecb_xml(ecb_with("<Cube currency='USD' rate='1.2'/>\n"))->table.size() == 2);
}

TEST_CASE("fx rates: the Norges Bank CSV sample parses with decimal commas and per-100 quotes") {
  const auto parsed = parse_rate_file(drop_test::read_vector("qr_fx/norges_bank_exr_sample.csv"));
  REQUIRE(parsed.ok());
  const auto& table = parsed->table;
  CHECK(table.source_name() == "Norges Bank");
  CHECK(table.base() == currency("NOK"));
  // Two annual rows for SEK (2021: 100,19 and 2022: 95,03); the latest period wins.
  CHECK(drop::format_date(table.as_of()) == "2022-12-31");
  CHECK(table.rate(currency("SEK"))->to_string() == "0.9503");
  // 1 SEK = 0.9503 NOK, so SEK -> NOK is 0.9503 and NOK -> SEK its inverse.
  const auto mid = table.mid(currency("SEK"), currency("NOK"));
  REQUIRE(mid);
  CHECK(same_value(*mid, drop::fx::Ratio{9503, 10000}));
  CHECK(same_value(*table.mid(currency("NOK"), currency("SEK")), drop::fx::Ratio{10000, 9503}));
}

namespace {
const std::string nb_header = "FREQ;BASE_CUR;QUOTE_CUR;UNIT_MULT;TIME_PERIOD;OBS_VALUE\r\n";

void expect_nb_error(const std::string& rows, int line, const std::string& field) {
  const auto parsed = parse_norges_bank_csv(nb_header + rows);
  INFO(rows);
  REQUIRE_FALSE(parsed.ok());
  INFO(parsed.error().to_string());
  CHECK(parsed.error().line == line);
  CHECK(parsed.error().field == field);
}
}  // namespace

TEST_CASE("fx rates: daily Norges Bank rows, JPY per 100") {
  const auto parsed = parse_norges_bank_csv(nb_header +
                                            "B;USD;NOK;0;2024-11-14;11,0312\r\n"
                                            "B;USD;NOK;0;2024-11-15;11,0912\r\n"
                                            "B;JPY;NOK;2;2024-11-15;7,1143\r\n");
  REQUIRE(parsed.ok());
  CHECK(drop::format_date(parsed->table.as_of()) == "2024-11-15");
  CHECK(parsed->table.rate(currency("JPY"))->to_string() == "0.071143");
  CHECK(parsed->table.rate(currency("USD"))->to_string() == "11.0912");
}

TEST_CASE("fx rates: malformed Norges Bank files name the line and field") {
  expect_nb_error("B;USD;NOK;0;2024-11-15;11.0912\r\n", 2, "OBS_VALUE");
  expect_nb_error("B;USD;NOK;0;2024-11-15;\r\n", 2, "OBS_VALUE");
  expect_nb_error("B;USD;NOK;0;2024-11-15;0\r\n", 2, "OBS_VALUE");
  expect_nb_error("B;USD;NOK;0;2024-11-15;1\r\nB;USD;EUR;0;2024-11-15;1\r\n", 3, "QUOTE_CUR");
  expect_nb_error("B;USD;NOK;x;2024-11-15;1\r\n", 2, "UNIT_MULT");
  expect_nb_error("B;USD;NOK;0;2024-13-15;1\r\n", 2, "TIME_PERIOD");
  expect_nb_error("B;USD;NOK;0;15.11.2024;1\r\n", 2, "TIME_PERIOD");
  expect_nb_error("B;USDX;NOK;0;2024-11-15;1\r\n", 2, "BASE_CUR");
  expect_nb_error("B;USD;NOK;0;2024-11-15;1\r\nB;USD;NOK;0;2024-11-15;2\r\n", 3, "BASE_CUR");
  expect_nb_error("B;USD;NOK;0;2024-11-15\r\n", 2, "");
  const auto no_value_column =
      parse_norges_bank_csv("FREQ;BASE_CUR;QUOTE_CUR;UNIT_MULT;TIME_PERIOD\n");
  REQUIRE_FALSE(no_value_column.ok());
  CHECK(no_value_column.error().line == 1);
  CHECK(no_value_column.error().field == "OBS_VALUE");
  CHECK_FALSE(parse_norges_bank_csv("").ok());
  CHECK_FALSE(parse_norges_bank_csv(nb_header).ok());
}

TEST_CASE("fx rates: neither format, or too large, is refused") {
  CHECK_FALSE(parse_rate_file("hello").ok());
  CHECK(parse_rate_file("hello").error().to_string() ==
        "line 1: neither ECB XML nor a Norges Bank CSV");
  const std::string huge(drop::limits::rate_file_bytes_max + 1, ' ');
  CHECK_FALSE(parse_ecb_xml(huge).ok());
  CHECK_FALSE(parse_norges_bank_csv(huge).ok());
}
