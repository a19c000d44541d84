// Properties of the pricing rule on seeded random tables, currencies (exponents 0, 2 and 3),
// policies and amounts, checked against brute force and an independent computation:
// - receive mode: the source delivers at least the target, and one minor unit less would not;
//   for small amounts the source equals a linear search from 1;
// - send mode: the target never decreases when the source grows by one minor unit;
// - send mode: the target equals an independent computation (long-division rate);
// - cross rates via the base agree with direct division, for ECB and Norges Bank quoting.
#include <catch2/catch.hpp>
#include <random>
#include <vector>

#include "drop/fx/pricing.hpp"
#include "reference_pricing.hpp"

using namespace drop;
using namespace drop::fx;

namespace {

const char* const codes[] = {"JPY", "ISK", "KRW", "NOK", "USD", "SEK",
                             "KWD", "BHD", "JOD", "TND", "OMR"};
const Timestamp now = Timestamp::from_unix_seconds(1'795'780'800);

struct World {
  RateTable table;
  std::vector<Currency> currencies;  // listed + base
};

// A table with every code above at a random rate of up to 12 digits, base EUR (or NOK).
World random_world(std::mt19937_64& random, Quoting quoting) {
  const Currency base = *Currency::from_code(quoting == Quoting::units_per_base ? "EUR" : "NOK");
  World world{RateTable(base, quoting, Date{2026, 11, 27}, "random"), {base}};
  for (const char* code : codes) {
    const Currency currency = *Currency::from_code(code);
    if (currency == base) continue;
    const int scale = static_cast<int>(random() % 7);  // 0..6
    const std::int64_t coefficient = 1 + static_cast<std::int64_t>(random() % 999'999'999);
    REQUIRE(world.table.add(currency, Decimal{coefficient, scale}).ok());
    world.currencies.push_back(currency);
  }
  return world;
}

std::int64_t random_amount(std::mt19937_64& random) {
  const int digits = 1 + static_cast<int>(random() % 12);
  std::int64_t limit = 1;
  for (int i = 0; i < digits; ++i) limit *= 10;
  return 1 + static_cast<std::int64_t>(random() % static_cast<std::uint64_t>(limit));
}

PricingPolicy random_policy(std::mt19937_64& random) {
  PricingPolicy policy;
  policy.spread_bps = static_cast<int>(random() % 501);
  policy.fee_fixed_minor = random() % 3 == 0 ? 0 : static_cast<std::int64_t>(random() % 2000);
  policy.fee_bps = random() % 3 == 0 ? 0 : static_cast<int>(random() % 300);
  return policy;
}

// The send-mode target, with refusals as 0 (too small / fee) and nullopt (too large).
std::optional<std::int64_t> send_or_zero(std::int64_t source, const PricingPolicy& policy,
                                         Decimal rate, int exponent_difference) {
  const auto target =
      send_target_minor(source, policy.fee_fixed_minor, policy.fee_bps, rate, exponent_difference);
  if (target) return *target;
  if (target.error() == QuoteRefusal::amount_too_large) return std::nullopt;
  return 0;
}

}  // namespace

TEST_CASE("fx property: receive mode is the smallest source that delivers the target") {
  std::mt19937_64 random(1);
  int priced = 0;
  for (int world_index = 0; world_index < 40; ++world_index) {
    World world = random_world(random, Quoting::units_per_base);
    for (int i = 0; i < 250; ++i) {
      const Currency source = world.currencies[random() % world.currencies.size()];
      const Currency target = world.currencies[random() % world.currencies.size()];
      const PricingPolicy policy = random_policy(random);
      const std::int64_t amount = random_amount(random);
      const auto quote =
          price(world.table, {source, target, QuoteMode::receive, amount}, policy, now);
      if (!quote) {
        CHECK(quote.error() == QuoteRefusal::amount_too_large);
        continue;
      }
      ++priced;
      INFO(source.code() << "->" << target.code() << " target " << amount << " rate "
                         << quote->rate.to_string());
      const int exponent_difference = target.exponent() - source.exponent();
      const std::int64_t source_minor = quote->source.amount_minor();
      REQUIRE(quote->target.amount_minor() == amount);
      REQUIRE(quote->fee.amount_minor() ==
              fee_minor(source_minor, policy.fee_fixed_minor, policy.fee_bps));
      const auto delivered = send_or_zero(source_minor, policy, quote->rate, exponent_difference);
      REQUIRE(delivered);
      REQUIRE(*delivered >= amount);
      const auto one_less =
          send_or_zero(source_minor - 1, policy, quote->rate, exponent_difference);
      REQUIRE(one_less);
      REQUIRE(*one_less < amount);
      if (source_minor <= 3000) {  // brute force: the first source from 1 that delivers
        std::int64_t first = 1;
        while (send_or_zero(first, policy, quote->rate, exponent_difference).value_or(0) < amount) {
          ++first;
        }
        REQUIRE(first == source_minor);
      }
    }
  }
  CHECK(priced > 5000);
}

TEST_CASE("fx property: send mode is monotonic in the source and matches a reference") {
  std::mt19937_64 random(2);
  int priced = 0;
  for (int world_index = 0; world_index < 40; ++world_index) {
    World world = random_world(
        random, world_index % 2 == 0 ? Quoting::units_per_base : Quoting::base_per_unit);
    for (int i = 0; i < 250; ++i) {
      const Currency source = world.currencies[random() % world.currencies.size()];
      const Currency target = world.currencies[random() % world.currencies.size()];
      const PricingPolicy policy = random_policy(random);
      const std::int64_t amount = random_amount(random);
      const Ratio mid = *world.table.mid(source, target);
      const Decimal rate = customer_rate(mid, policy.spread_bps);
      // The rate string against long division of mid * (10000 - spread) / 10000.
      const std::string reference_rate = drop_test::long_division(
          mid.numerator * (10000 - policy.spread_bps), mid.denominator * 10000, 8);
      REQUIRE(rate.to_string() == reference_rate);
      const int exponent_difference = target.exponent() - source.exponent();
      const auto here = send_or_zero(amount, policy, rate, exponent_difference);
      const auto next = send_or_zero(amount + 1, policy, rate, exponent_difference);
      if (here && next) REQUIRE(*here <= *next);
      if (!here) continue;
      const std::int64_t fee = fee_minor(amount, policy.fee_fixed_minor, policy.fee_bps);
      const Int128 expected =
          drop_test::reference_target(amount - fee, reference_rate, exponent_difference);
      const auto quote = price(world.table, {source, target, QuoteMode::send, amount}, policy, now);
      if (expected <= 0) {
        REQUIRE_FALSE(quote.ok());
        continue;
      }
      REQUIRE(quote.ok());
      ++priced;
      REQUIRE(Int128{quote->target.amount_minor()} == expected);
      REQUIRE(quote->source.amount_minor() == amount);
    }
  }
  CHECK(priced > 3000);
}

TEST_CASE("fx property: send mode is monotonic over runs of consecutive sources") {
  std::mt19937_64 random(3);
  for (int run = 0; run < 200; ++run) {
    World world = random_world(random, Quoting::units_per_base);
    const Currency source = world.currencies[random() % world.currencies.size()];
    const Currency target = world.currencies[random() % world.currencies.size()];
    const PricingPolicy policy = random_policy(random);
    const Decimal rate = customer_rate(*world.table.mid(source, target), policy.spread_bps);
    const int exponent_difference = target.exponent() - source.exponent();
    std::int64_t start = random_amount(random);
    std::int64_t previous = 0;
    for (std::int64_t amount = start; amount < start + 200; ++amount) {
      const auto target_minor = send_or_zero(amount, policy, rate, exponent_difference);
      if (!target_minor) break;
      REQUIRE(*target_minor >= previous);
      previous = *target_minor;
    }
  }
}

TEST_CASE("fx property: cross rates via the base agree with direct division") {
  std::mt19937_64 random(4);
  for (const Quoting quoting : {Quoting::units_per_base, Quoting::base_per_unit}) {
    for (int world_index = 0; world_index < 50; ++world_index) {
      World world = random_world(random, quoting);
      const Currency base = world.table.base();
      for (const Currency source : world.currencies) {
        for (const Currency target : world.currencies) {
          const Ratio direct = *world.table.mid(source, target);
          const Ratio to_base = *world.table.mid(source, base);
          const Ratio from_base = *world.table.mid(base, target);
          const Ratio via_base{to_base.numerator * from_base.numerator,
                               to_base.denominator * from_base.denominator};
          REQUIRE(same_value(direct, via_base));
          // And the published rates divide directly: rate_T / rate_S (ECB), rate_S / rate_T.
          const Decimal source_rate = *world.table.rate(source);
          const Decimal target_rate = *world.table.rate(target);
          const Decimal& over = quoting == Quoting::units_per_base ? target_rate : source_rate;
          const Decimal& under = quoting == Quoting::units_per_base ? source_rate : target_rate;
          const Ratio division =
              multiply(Ratio{1, under.coefficient}, Decimal{over.coefficient, 0});
          REQUIRE(same_value(direct, multiply(division, Decimal{1, over.scale - under.scale})));
        }
      }
    }
  }
}
