// The in-memory QuoteStore: insert/find by id, duplicate ids conflict, mark_used applies the
// quote's use-once rule, and of many threads racing to use one quote exactly one wins. Fake
// times only.
#include "drop/adapters/memory/memory_quote_store.hpp"

#include <atomic>
#include <catch2/catch.hpp>
#include <thread>
#include <vector>

using namespace drop;
using drop::adapters::memory::MemoryQuoteStore;
using drop::ports::QuoteStoreError;

namespace {
const Timestamp now = Timestamp::from_unix_seconds(1'795'780'800);

fx::Quote make(const std::string& id) {
  fx::RateTable table(*Currency::from_code("EUR"), fx::Quoting::units_per_base, Date{2026, 11, 27},
                      "ECB");
  REQUIRE(table.add(*Currency::from_code("NOK"), fx::Decimal{117360, 4}).ok());
  const fx::QuoteRequest request{*Currency::from_code("NOK"), *Currency::from_code("EUR"),
                                 fx::QuoteMode::send, 100000};
  auto quote = fx::make_quote(table, request, fx::PricingPolicy{}, now, 60, id);
  REQUIRE(quote.ok());
  return *quote;
}

fx::QuoteUseError refusal(const Result<fx::Quote, QuoteStoreError>& result) {
  REQUIRE_FALSE(result.ok());
  REQUIRE(result.error().kind == QuoteStoreError::Kind::refused);
  return result.error().refusal;
}
}  // namespace

TEST_CASE("memory quote store: insert, find, conflict") {
  MemoryQuoteStore store;
  REQUIRE(store.insert(make("quo_a")).ok());
  const auto found = store.find("quo_a");
  REQUIRE(found.ok());
  CHECK(found->target.amount_minor() == 8478);
  CHECK(refusal(store.find("quo_b")) == fx::QuoteUseError::not_found);
  const auto again = store.insert(make("quo_a"));
  REQUIRE_FALSE(again.ok());
  CHECK(again.error().kind == ports::PortError::Kind::conflict);
}

TEST_CASE("memory quote store: a quote is used once, and not after expiry") {
  MemoryQuoteStore store;
  REQUIRE(store.insert(make("quo_a")).ok());
  REQUIRE(store.insert(make("quo_b")).ok());
  const auto used = store.mark_used("quo_a", now.plus_seconds(5));
  REQUIRE(used.ok());
  CHECK(used->status == fx::QuoteStatus::used);
  CHECK(store.find("quo_a")->status == fx::QuoteStatus::used);
  CHECK(refusal(store.mark_used("quo_a", now.plus_seconds(6))) == fx::QuoteUseError::quote_used);
  CHECK(refusal(store.mark_used("quo_b", now.plus_seconds(60))) ==
        fx::QuoteUseError::quote_expired);
  CHECK(refusal(store.mark_used("quo_x", now)) == fx::QuoteUseError::not_found);
}

TEST_CASE("memory quote store: capacity is a limit") {
  MemoryQuoteStore store(1);
  REQUIRE(store.insert(make("quo_a")).ok());
  const auto full = store.insert(make("quo_b"));
  REQUIRE_FALSE(full.ok());
  CHECK(full.error().kind == ports::PortError::Kind::unavailable);
}

TEST_CASE("memory quote store: of racing threads exactly one uses the quote") {
  for (int round = 0; round < 20; ++round) {
    MemoryQuoteStore store;
    REQUIRE(store.insert(make("quo_race")).ok());
    std::atomic<int> successes{0};
    std::atomic<int> used_refusals{0};
    std::vector<std::thread> threads;
    for (int i = 0; i < 8; ++i) {
      threads.emplace_back([&] {
        const auto result = store.mark_used("quo_race", now.plus_seconds(1));
        if (result.ok()) {
          ++successes;
        } else if (result.error().refusal == fx::QuoteUseError::quote_used) {
          ++used_refusals;
        }
      });
    }
    for (std::thread& thread : threads) thread.join();
    CHECK(successes == 1);
    CHECK(used_refusals == 7);
  }
}
