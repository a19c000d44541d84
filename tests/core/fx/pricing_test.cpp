// The pricing rule of API.md on fixed inputs: every case of the shared quote_cases.csv (computed
// independently from the ECB sample of 2021-02-25) must match exactly (rate string, fee, source,
// target, refusal); cases across exponents 0, 2 and 3 were computed by hand with exact fractions;
// each refusal has its own case.
#include "drop/fx/pricing.hpp"

#include <catch2/catch.hpp>

#include "drop/fx/rate_formats.hpp"
#include "support/fx_cases.hpp"
#include "support/vectors.hpp"

using namespace drop;
using namespace drop::fx;

namespace {
Currency currency(const std::string& code) { return *Currency::from_code(code); }

RateTable ecb_sample() {
  auto parsed = parse_ecb_xml(drop_test::read_vector("qr_fx/ecb_eurofxref_sample.xml"));
  REQUIRE(parsed.ok());
  return std::move(parsed).value().table;
}

// EUR base with currencies of exponent 0 (JPY), 2 (NOK) and 3 (KWD, BHD).
RateTable mixed_exponents() {
  RateTable table(currency("EUR"), Quoting::units_per_base, Date{2026, 11, 27}, "test");
  REQUIRE(table.add(currency("KWD"), *Decimal::parse("0.3542")).ok());
  REQUIRE(table.add(currency("JPY"), *Decimal::parse("180.62")).ok());
  REQUIRE(table.add(currency("NOK"), *Decimal::parse("11.7360")).ok());
  REQUIRE(table.add(currency("BHD"), *Decimal::parse("0.43571")).ok());
  return table;
}

const Timestamp as_of_noon = Timestamp::from_unix_seconds(1'795'780'800);  // 2026-11-27T12:00Z

Result<Pricing, QuoteRefusal> quote(const RateTable& table, const char* source, const char* target,
                                    QuoteMode mode, std::int64_t amount,
                                    PricingPolicy policy = {}) {
  return price(table, QuoteRequest{currency(source), currency(target), mode, amount}, policy,
               as_of_noon);
}
}  // namespace

TEST_CASE("fx pricing: every shared quote case matches exactly") {
  const RateTable table = ecb_sample();
  const auto cases = drop_test::fx_quote_cases();
  REQUIRE(cases.size() == 12);
  for (const auto& c : cases) {
    INFO("quote_cases.csv line " << c.line);
    const Currency source = currency(c.source_currency);
    const Currency target = currency(c.target_currency);
    CHECK(customer_rate(*table.mid(source, target), c.spread_bps).to_string() == c.rate);
    PricingPolicy policy;
    policy.spread_bps = c.spread_bps;
    policy.fee_fixed_minor = c.fee_fixed;
    policy.fee_bps = c.fee_bps;
    const auto mode = c.mode == "send" ? QuoteMode::send : QuoteMode::receive;
    const auto priced =
        price(table, QuoteRequest{source, target, mode, c.amount}, policy, as_of_noon);
    if (!c.error.empty()) {
      REQUIRE_FALSE(priced.ok());
      CHECK(to_string(priced.error()) == c.error);
      continue;
    }
    REQUIRE(priced.ok());
    CHECK(priced->rate.to_string() == c.rate);
    CHECK(std::to_string(priced->fee.amount_minor()) == c.fee);
    CHECK(std::to_string(priced->source.amount_minor()) == c.source);
    CHECK(std::to_string(priced->target.amount_minor()) == c.target);
    CHECK(priced->fee.currency() == source);
    CHECK(priced->source.currency() == source);
    CHECK(priced->target.currency() == target);
  }
}

TEST_CASE("fx pricing: the mid rate is the exact ratio and its display is truncated") {
  const RateTable table = ecb_sample();
  const Ratio mid = *table.mid(currency("NOK"), currency("EUR"));
  CHECK(same_value(mid, Ratio{10000, 102275}));
  CHECK(mid_rate_for_display(mid).to_string() == "0.0977756049865");
  CHECK(mid_rate_for_display(*table.mid(currency("EUR"), currency("NOK"))).to_string() ==
        "10.2275");
  CHECK(mid_rate_for_display(*table.mid(currency("NOK"), currency("NOK"))).to_string() == "1");
}

TEST_CASE("fx pricing: exponents 0, 2 and 3 (hand-computed with exact fractions)") {
  const RateTable table = mixed_exponents();
  struct Case {
    const char* source;
    const char* target;
    QuoteMode mode;
    std::int64_t amount;
    int spread_bps;
    std::int64_t fee_fixed;
    int fee_bps;
    const char* rate;
    std::int64_t fee, source_minor, target_minor;
  };
  const Case cases[] = {
      {"NOK", "KWD", QuoteMode::send, 1000000, 50, 0, 0, "0.030029737", 0, 1000000, 300297},
      {"KWD", "JPY", QuoteMode::receive, 50000, 75, 100, 20, "506.11335", 299, 99092, 50000},
      {"JPY", "KWD", QuoteMode::send, 123456, 50, 10, 25, "0.001951218", 319, 123456, 240267},
      {"KWD", "BHD", QuoteMode::send, 1001, 0, 0, 0, "1.2301242", 0, 1001, 1231},
      {"BHD", "NOK", QuoteMode::receive, 99999, 50, 500, 100, "26.80067", 882, 38195, 99999},
      {"JPY", "NOK", QuoteMode::receive, 1, 50, 0, 0, "0.064651312", 0, 1, 1},
  };
  for (const Case& c : cases) {
    INFO(c.source << " -> " << c.target << " " << c.amount);
    PricingPolicy policy;
    policy.spread_bps = c.spread_bps;
    policy.fee_fixed_minor = c.fee_fixed;
    policy.fee_bps = c.fee_bps;
    const auto priced = quote(table, c.source, c.target, c.mode, c.amount, policy);
    REQUIRE(priced.ok());
    CHECK(priced->rate.to_string() == c.rate);
    CHECK(priced->fee.amount_minor() == c.fee);
    CHECK(priced->source.amount_minor() == c.source_minor);
    CHECK(priced->target.amount_minor() == c.target_minor);
  }
}

TEST_CASE("fx pricing: each refusal has its specific reason") {
  const RateTable table = mixed_exponents();
  CHECK(quote(table, "NOK", "USD", QuoteMode::send, 1000).error() ==
        QuoteRefusal::unsupported_currency);
  CHECK(quote(table, "SEK", "NOK", QuoteMode::receive, 1000).error() ==
        QuoteRefusal::unsupported_currency);
  CHECK(quote(table, "NOK", "KWD", QuoteMode::send, 0).error() == QuoteRefusal::amount_too_small);
  CHECK(quote(table, "NOK", "KWD", QuoteMode::send, -5).error() == QuoteRefusal::amount_too_small);
  CHECK(quote(table, "NOK", "KWD", QuoteMode::receive, 0).error() ==
        QuoteRefusal::amount_too_small);
  // 3 øre is 0.9 fils: the target would be 0.
  CHECK(quote(table, "NOK", "KWD", QuoteMode::send, 3).error() == QuoteRefusal::amount_too_small);
  CHECK(quote(table, "NOK", "KWD", QuoteMode::send, 34).ok());

  PricingPolicy fee;
  fee.fee_fixed_minor = 500;
  CHECK(quote(table, "NOK", "JPY", QuoteMode::send, 500, fee).error() ==
        QuoteRefusal::fee_exceeds_amount);
  CHECK(quote(table, "NOK", "JPY", QuoteMode::send, 501, fee).error() ==
        QuoteRefusal::amount_too_small);  // 1 øre left: 0.15 yen
  CHECK(quote(table, "NOK", "JPY", QuoteMode::send, 600, fee).ok());

  PricingPolicy capped;
  capped.amount_max_minor = 1'000'000;
  CHECK(quote(table, "NOK", "JPY", QuoteMode::send, 1'000'001, capped).error() ==
        QuoteRefusal::amount_too_large);
  CHECK(quote(table, "NOK", "JPY", QuoteMode::send, 1'000'000, capped).ok());
  // 100 000 yen cost about NOK 6 500: more than the NOK 10 000.00 cap once the target grows.
  CHECK(quote(table, "NOK", "JPY", QuoteMode::receive, 100'000, capped).ok());
  CHECK(quote(table, "NOK", "JPY", QuoteMode::receive, 200'000, capped).error() ==
        QuoteRefusal::amount_too_large);
  CHECK(quote(table, "NOK", "JPY", QuoteMode::send, limits::fx_amount_minor_max + 1).error() ==
        QuoteRefusal::amount_too_large);

  const auto policy_of = [](int spread_bps, std::int64_t fee_fixed_minor, int fee_bps) {
    PricingPolicy policy;
    policy.spread_bps = spread_bps;
    policy.fee_fixed_minor = fee_fixed_minor;
    policy.fee_bps = fee_bps;
    return policy;
  };
  for (const PricingPolicy& broken : {policy_of(10000, 0, 0), policy_of(-1, 0, 0),
                                      policy_of(50, -1, 0), policy_of(50, 0, 10000)}) {
    CHECK(quote(table, "NOK", "JPY", QuoteMode::send, 1000, broken).error() ==
          QuoteRefusal::invalid_policy);
  }
}

TEST_CASE("fx pricing: rates older than the configured age are stale") {
  const RateTable table = mixed_exponents();  // as of 2026-11-27
  PricingPolicy policy;
  policy.rates_max_age_days = 4;
  const QuoteRequest request{currency("NOK"), currency("EUR"), QuoteMode::send, 100000};
  CHECK(price(table, request, policy, as_of_noon.plus_seconds(4 * 86400)).ok());
  CHECK(price(table, request, policy, as_of_noon.plus_seconds(5 * 86400)).error() ==
        QuoteRefusal::stale_rates);
  // Without a configured age, any age is accepted (the command line's default).
  CHECK(price(table, request, PricingPolicy{}, as_of_noon.plus_seconds(3650LL * 86400)).ok());
}

TEST_CASE("fx pricing: fee is fixed plus the ceiling of the basis points") {
  CHECK(fee_minor(104311, 1000, 50) == 1522);  // 521.555 -> 522
  CHECK(fee_minor(10000, 0, 50) == 50);        // exact: no rounding up
  CHECK(fee_minor(1, 0, 1) == 1);              // 0.0001 -> 1
  CHECK(fee_minor(99999999999, 0, 30) == 300000000);
  CHECK(fee_minor(0, 7, 9999) == 7);
}
