// Decimal and Ratio: exact parsing, formatting and truncation to significant digits. Checks
// hand-computed values, the grammar's rejections, and truncation against a digit-by-digit long
// division for many seeded random ratios.
#include "drop/fx/decimal.hpp"

#include <catch2/catch.hpp>
#include <random>

#include "drop/fx/ratio.hpp"
#include "reference_pricing.hpp"

using drop::fx::Decimal;
using drop::fx::DecimalError;
using drop::fx::Int128;
using drop::fx::Ratio;

TEST_CASE("fx decimal: parses rates exactly, keeping trailing zeros as written") {
  const auto gbp = Decimal::parse("0.86720");
  REQUIRE(gbp.ok());
  CHECK(gbp->coefficient == 86720);
  CHECK(gbp->scale == 5);
  CHECK(gbp->to_string() == "0.86720");
  CHECK(gbp->normalized().to_string() == "0.8672");
  CHECK(same_value(*gbp, Decimal{8672, 4}));
  CHECK(Decimal::parse("17352.10")->to_string() == "17352.10");
  CHECK(Decimal::parse("153")->scale == 0);
  CHECK(Decimal::parse("100,19", ',')->coefficient == 10019);
  CHECK(Decimal::parse("000123.4500")->normalized().to_string() == "123.45");
}

TEST_CASE("fx decimal: rejects what is not a plain decimal") {
  for (const char* text : {"", ".5", "1.", "1,5", "-1", "+1", "1e3", " 1", "1 ", "1.2.3", "0x1"}) {
    INFO(text);
    const auto parsed = Decimal::parse(text);
    REQUIRE_FALSE(parsed.ok());
    CHECK(parsed.error() == DecimalError::invalid_format);
  }
  CHECK(Decimal::parse("1234567890123").error() == DecimalError::too_many_digits);
  CHECK(Decimal::parse("0.1234567890123").error() == DecimalError::too_many_digits);
  CHECK(Decimal::parse("123456789012").ok());
  CHECK(Decimal::parse("0.000000000001").ok());
}

TEST_CASE("fx decimal: formats negative scales and zero") {
  CHECK((Decimal{12, -3}).to_string() == "12000");
  CHECK((Decimal{0, 0}).to_string() == "0");
  CHECK((Decimal{5, 3}).to_string() == "0.005");
  CHECK((Decimal{12000, 0}).normalized().scale == -3);
}

TEST_CASE("fx ratio: truncates toward zero to significant digits") {
  CHECK(truncate_significant(Ratio{2, 3}, 8).to_string() == "0.66666666");
  CHECK(truncate_significant(Ratio{200000000, 3}, 8).to_string() == "66666666");
  CHECK(truncate_significant(Ratio{2000000000, 3}, 8).to_string() == "666666660");
  CHECK(truncate_significant(Ratio{1, 8}, 8).to_string() == "0.125");
  CHECK(truncate_significant(Ratio{1, 1}, 8).to_string() == "1");
  CHECK(truncate_significant(Ratio{99999999999, 1000000000000}, 8).to_string() == "0.099999999");
  CHECK(truncate_significant(Ratio{0, 7}, 8).to_string() == "0");
}

TEST_CASE("fx ratio: equality is by value") {
  CHECK(same_value(Ratio{2, 4}, Ratio{1, 2}));
  CHECK_FALSE(same_value(Ratio{2, 5}, Ratio{1, 2}));
  CHECK(same_value(multiply(Ratio{1, 3}, Decimal{15, 1}), Ratio{1, 2}));
}

TEST_CASE("fx ratio: truncation agrees with long division on 20000 seeded ratios") {
  std::mt19937_64 random(20261130);
  for (int i = 0; i < 20000; ++i) {
    const Int128 numerator = 1 + static_cast<Int128>(random() % 1'000'000'000'000ULL) *
                                     static_cast<Int128>(1 + random() % 1'000'000ULL);
    const Int128 denominator = 1 + static_cast<Int128>(random() % 1'000'000'000'000ULL) *
                                       static_cast<Int128>(1 + random() % 1'000'000'000ULL);
    const int digits = 1 + static_cast<int>(random() % 12);
    INFO("case " << i);
    REQUIRE(truncate_significant(Ratio{numerator, denominator}, digits).to_string() ==
            drop_test::long_division(numerator, denominator, digits));
  }
}
