// Quotes: make_quote carries the pricing, the rates' as-of date and source, and a validity
// window from the `now` it is given; use(now) succeeds once, then quote_used; after expiry,
// quote_expired. Ids come from the entropy passed in. Fake times only.
#include "drop/fx/quote.hpp"

#include <array>
#include <catch2/catch.hpp>

using namespace drop;
using namespace drop::fx;

namespace {
RateTable table() {
  RateTable rates(*Currency::from_code("EUR"), Quoting::units_per_base, Date{2026, 11, 27}, "ECB");
  REQUIRE(rates.add(*Currency::from_code("NOK"), Decimal{117360, 4}).ok());
  return rates;
}
const Timestamp now = Timestamp::from_unix_seconds(1'795'780'800);
const QuoteRequest request{*Currency::from_code("NOK"), *Currency::from_code("EUR"),
                           QuoteMode::send, 100000};
}  // namespace

TEST_CASE("fx quote: carries pricing, as-of date and validity window") {
  const auto quote = make_quote(table(), request, PricingPolicy{}, now, 60, "quo_test");
  REQUIRE(quote.ok());
  CHECK(quote->id == "quo_test");
  CHECK(quote->source == Money(100000, *Currency::from_code("NOK")));
  CHECK(quote->target.currency().code() == "EUR");
  CHECK(quote->target.amount_minor() == 8478);  // 1000 * 0.084781867, floored
  CHECK(quote->rate.to_string() == "0.084781867");
  CHECK(quote->spread_bps == 50);
  CHECK(format_date(quote->rate_as_of) == "2026-11-27");
  CHECK(quote->rate_source == "ECB");
  CHECK(quote->created_at == now);
  CHECK(quote->expires_at == now.plus_seconds(60));
  CHECK(quote->status == QuoteStatus::open);
}

TEST_CASE("fx quote: a refusal makes no quote") {
  const QuoteRequest tiny{request.source_currency, request.target_currency, QuoteMode::send, 1};
  const auto quote = make_quote(table(), tiny, PricingPolicy{}, now, 60, "quo_test");
  REQUIRE_FALSE(quote.ok());
  CHECK(quote.error() == QuoteRefusal::amount_too_small);
}

TEST_CASE("fx quote: used at most once") {
  Quote quote = *make_quote(table(), request, PricingPolicy{}, now, 60, "quo_test");
  CHECK(quote.use(now.plus_seconds(10)).ok());
  CHECK(quote.status == QuoteStatus::used);
  const auto again = quote.use(now.plus_seconds(11));
  REQUIRE_FALSE(again.ok());
  CHECK(again.error() == QuoteUseError::quote_used);
  // Used stays used, also after expiry.
  CHECK(quote.use(now.plus_seconds(120)).error() == QuoteUseError::quote_used);
  CHECK(quote.status_at(now.plus_seconds(120)) == QuoteStatus::used);
}

TEST_CASE("fx quote: expires at created_at + ttl") {
  Quote quote = *make_quote(table(), request, PricingPolicy{}, now, 60, "quo_test");
  CHECK(quote.status_at(now.plus_seconds(59)) == QuoteStatus::open);
  CHECK(quote.status_at(now.plus_seconds(60)) == QuoteStatus::expired);
  CHECK(quote.use(now.plus_seconds(60)).error() == QuoteUseError::quote_expired);
  CHECK(quote.status == QuoteStatus::expired);
  CHECK(quote.use(now).error() == QuoteUseError::quote_expired);
  CHECK(to_string(QuoteStatus::expired) == "expired");
  CHECK(to_string(QuoteUseError::quote_used) == "quote_used");
}

TEST_CASE("fx quote: ids are the hex of the entropy given") {
  std::array<std::byte, quote_id_entropy_bytes> entropy{};
  for (std::size_t i = 0; i < entropy.size(); ++i) entropy[i] = static_cast<std::byte>(i * 17);
  CHECK(quote_id_from_entropy(entropy) == "quo_00112233445566778899aabb");
}
