// Money and currencies: parsing and formatting per ISO 4217 exponent, checked arithmetic,
// and the compiled-in currency table against the published ISO 4217 list.
#include "drop/money/money.hpp"

#include <catch2/catch.hpp>
#include <cstdint>
#include <limits>
#include <sstream>

#include "support/vectors.hpp"

using drop::Currency;
using drop::CurrencyError;
using drop::Money;
using drop::MoneyError;

static Currency currency(const char* code) { return *Currency::from_code(code); }

TEST_CASE("currency lookup by code and numeric, with exponents") {
  CHECK(currency("NOK").numeric() == 578);
  CHECK(currency("NOK").exponent() == 2);
  CHECK(currency("JPY").exponent() == 0);
  CHECK(currency("KWD").exponent() == 3);
  CHECK(currency("CLF").exponent() == 4);
  CHECK(currency("KWD").minor_per_major() == 1000);
  CHECK(Currency::from_numeric(978)->code() == "EUR");
  CHECK(Currency::from_code("nok").error() == CurrencyError::unknown_code);
  CHECK(Currency::from_code("NOKK").error() == CurrencyError::unknown_code);
  CHECK(Currency::from_code("").error() == CurrencyError::unknown_code);
  CHECK(Currency::from_code("ZZZ").error() == CurrencyError::unknown_code);
  CHECK(Currency::from_code("HRK").error() == CurrencyError::unknown_code);  // withdrawn 2023
  CHECK(Currency::from_code("XAU").error() == CurrencyError::no_minor_unit);
  CHECK(Currency::from_numeric(1).error() == CurrencyError::unknown_code);
}

TEST_CASE("the compiled table equals the published ISO 4217 list") {
  // Reads ../shared/vectors/qr_fx/iso4217.csv (code,numeric,exponent,name) and checks every row.
  const auto lines = drop_test::vector_lines("qr_fx/iso4217.csv");
  std::size_t rows = 0;
  for (std::size_t i = 1; i < lines.size(); ++i) {
    if (lines[i].empty()) continue;
    std::istringstream row(lines[i]);
    std::string code, numeric, exponent;
    std::getline(row, code, ',');
    std::getline(row, numeric, ',');
    std::getline(row, exponent, ',');
    INFO(code);
    auto found = Currency::from_code(code);
    if (exponent.empty()) {
      CHECK(found.error() == CurrencyError::no_minor_unit);
    } else {
      REQUIRE(found.ok());
      CHECK(found->numeric() == std::stoi(numeric));
      CHECK(found->exponent() == std::stoi(exponent));
    }
    ++rows;
  }
  CHECK(rows == Currency::table().size());
}

TEST_CASE("decimal strings parse per exponent") {
  CHECK(Money::parse("123.45", currency("NOK"))->amount_minor() == 12345);
  CHECK(Money::parse("5", currency("JPY"))->amount_minor() == 5);
  CHECK(Money::parse("1.234", currency("KWD"))->amount_minor() == 1234);
  CHECK(Money::parse("1.5", currency("NOK"))->amount_minor() == 150);
  CHECK(Money::parse("0.01", currency("NOK"))->amount_minor() == 1);
  CHECK(Money::parse("-0.50", currency("NOK"))->amount_minor() == -50);
  CHECK(Money::parse("007", currency("NOK"))->amount_minor() == 700);
  CHECK(Money::parse("92233720368547758.07", currency("NOK"))->amount_minor() ==
        std::numeric_limits<std::int64_t>::max());
  CHECK(Money::parse("-92233720368547758.08", currency("NOK"))->amount_minor() ==
        std::numeric_limits<std::int64_t>::min());
}

TEST_CASE("malformed decimals are errors, never partial values") {
  const Currency nok = currency("NOK");
  CHECK(Money::parse("1.234", nok).error() == MoneyError::too_many_decimals);
  CHECK(Money::parse("5.0", currency("JPY")).error() == MoneyError::too_many_decimals);
  CHECK(Money::parse("1.2345", currency("KWD")).error() == MoneyError::too_many_decimals);
  for (const char* bad :
       {"", "-", ".5", "1.", "1,5", "1e3", " 1", "1 ", "+1", "1..2", "--1", "1.2.3", "0x10", "١"}) {
    INFO(bad);
    CHECK(Money::parse(bad, nok).error() == MoneyError::invalid_decimal);
  }
  CHECK(Money::parse("92233720368547758.08", nok).error() == MoneyError::overflow);
  CHECK(Money::parse("99999999999999999999", nok).error() == MoneyError::overflow);
}

TEST_CASE("formatting uses exactly the exponent's decimals and round-trips") {
  CHECK(Money(12345, currency("NOK")).to_decimal() == "123.45");
  CHECK(Money(5, currency("NOK")).to_decimal() == "0.05");
  CHECK(Money(-5, currency("NOK")).to_decimal() == "-0.05");
  CHECK(Money(0, currency("NOK")).to_decimal() == "0.00");
  CHECK(Money(5, currency("JPY")).to_decimal() == "5");
  CHECK(Money(1234, currency("KWD")).to_decimal() == "1.234");
  CHECK(Money(1, currency("CLF")).to_decimal() == "0.0001");
  CHECK(Money(std::numeric_limits<std::int64_t>::min(), currency("NOK")).to_decimal() ==
        "-92233720368547758.08");
  for (std::int64_t amount : std::initializer_list<std::int64_t>{
           0, 1, -1, 99, 100, 123456789, -987654321, std::numeric_limits<std::int64_t>::max()}) {
    for (const char* code : {"NOK", "JPY", "KWD", "CLF"}) {
      const Money money(amount, currency(code));
      CHECK(Money::parse(money.to_decimal(), money.currency()).value() == money);
    }
  }
}

TEST_CASE("arithmetic is checked: overflow and currency mismatch are errors") {
  const Money max(std::numeric_limits<std::int64_t>::max(), currency("NOK"));
  const Money min(std::numeric_limits<std::int64_t>::min(), currency("NOK"));
  const Money one(1, currency("NOK"));
  CHECK(max.add(one).error() == MoneyError::overflow);
  CHECK(min.subtract(one).error() == MoneyError::overflow);
  CHECK(min.negate().error() == MoneyError::overflow);
  CHECK(max.multiply(2).error() == MoneyError::overflow);
  CHECK(min.multiply(-1).error() == MoneyError::overflow);
  CHECK(one.add(Money(1, currency("EUR"))).error() == MoneyError::currency_mismatch);
  CHECK(one.subtract(Money(1, currency("EUR"))).error() == MoneyError::currency_mismatch);
  CHECK(one.add(one)->amount_minor() == 2);
  CHECK(max.subtract(one)->amount_minor() == std::numeric_limits<std::int64_t>::max() - 1);
  CHECK(Money(-7, currency("NOK")).negate()->amount_minor() == 7);
}
