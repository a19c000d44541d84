// Contracts of QuoteStore (the SQL-persisted quote) and TransferStore (remittances and their
// events), run against every adapter (memory, SQLite, PostgreSQL). The factory returns a fresh
// bundle whose `users`, `quotes` and `transfers` share one database (quotes and remittances
// reference users). Fake times only.
#pragma once

#include <atomic>
#include <catch2/catch.hpp>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "contract/stores_contract.hpp"
#include "drop/fx/quote.hpp"
#include "drop/ports/qr_request_store.hpp"
#include "drop/ports/quote_store.hpp"
#include "drop/ports/transfer_store.hpp"
#include "drop/ports/user_store.hpp"

namespace drop_test {

inline const drop::Timestamp money_now = drop::Timestamp::from_unix_seconds(1'795'780'800);

inline drop::fx::Quote contract_quote(const std::string& id, const std::string& owner,
                                      std::int64_t source_minor = 100000) {
  using namespace drop;
  fx::RateTable table(*Currency::from_code("EUR"), fx::Quoting::units_per_base, Date{2026, 11, 27},
                      "ECB");
  REQUIRE(table.add(*Currency::from_code("NOK"), fx::Decimal{117360, 4}).ok());
  const fx::QuoteRequest request{*Currency::from_code("NOK"), *Currency::from_code("EUR"),
                                 fx::QuoteMode::send, source_minor};
  fx::PricingPolicy policy;
  policy.fee_fixed_minor = 500;
  auto quote = fx::make_quote(table, request, policy, money_now, 60, id);
  REQUIRE(quote.ok());
  quote->owner_id = owner;
  return *quote;
}

inline drop::remittance::Remittance contract_remittance(std::uint64_t base,
                                                        const std::string& quote_id,
                                                        const std::string& user,
                                                        drop::Timestamp created) {
  using namespace drop;
  remittance::Remittance item;
  item.id = remittance::remittance_id(base);
  item.user_id = user;
  item.quote_id = quote_id;
  item.debited = Money(100000, *Currency::from_code("NOK"));
  item.fee = Money(500, *Currency::from_code("NOK"));
  item.delivered = Money(8478, *Currency::from_code("EUR"));
  item.recipient = {"Hans Muster", "DE89370400440532013000", "COBADEFFXXX", "DE"};
  item.reference = "rent";
  item.created_at = created;
  item.updated_at = created;
  return item;
}

template <typename MakeStores>
void run_quote_store_contract(MakeStores make_stores) {
  using drop::fx::QuoteStatus;
  using drop::fx::QuoteUseError;
  SECTION("insert then find returns the quote as priced, owner included") {
    auto stores = make_stores();
    REQUIRE(stores->users->find_or_create(make_user("usr_q", "dev:q")).ok());
    const auto quote = contract_quote("quo_1", "usr_q");
    REQUIRE(stores->quotes->insert(quote).ok());
    CHECK_FALSE(stores->quotes->insert(quote).ok());  // the id exists
    auto found = stores->quotes->find("quo_1");
    REQUIRE(found.ok());
    CHECK(found->owner_id == "usr_q");
    CHECK(found->source == quote.source);
    CHECK(found->target == quote.target);
    CHECK(found->fee == quote.fee);
    CHECK(same_value(found->rate, quote.rate));
    CHECK(drop::fx::mid_rate_for_display(found->mid).to_string() ==
          drop::fx::mid_rate_for_display(quote.mid).to_string());
    CHECK(found->spread_bps == quote.spread_bps);
    CHECK(found->rate_as_of == quote.rate_as_of);
    CHECK(found->created_at == quote.created_at);
    CHECK(found->expires_at == quote.expires_at);
    CHECK(found->status == QuoteStatus::open);
    auto missing = stores->quotes->find("quo_none");
    REQUIRE_FALSE(missing.ok());
    CHECK(missing.error().refusal == QuoteUseError::not_found);
  }
  SECTION("mark_used: once, then quote_used; past expiry quote_expired; unknown not_found") {
    auto stores = make_stores();
    REQUIRE(stores->users->find_or_create(make_user("usr_q", "dev:q")).ok());
    REQUIRE(stores->quotes->insert(contract_quote("quo_a", "usr_q")).ok());
    REQUIRE(stores->quotes->insert(contract_quote("quo_b", "usr_q")).ok());
    auto used = stores->quotes->mark_used("quo_a", money_now.plus_seconds(10));
    REQUIRE(used.ok());
    CHECK(used->status == QuoteStatus::used);
    CHECK(stores->quotes->find("quo_a")->status == QuoteStatus::used);
    auto again = stores->quotes->mark_used("quo_a", money_now.plus_seconds(11));
    REQUIRE_FALSE(again.ok());
    CHECK(again.error().refusal == QuoteUseError::quote_used);
    auto late = stores->quotes->mark_used("quo_b", money_now.plus_seconds(60));
    REQUIRE_FALSE(late.ok());
    CHECK(late.error().refusal == QuoteUseError::quote_expired);
    auto unknown = stores->quotes->mark_used("quo_none", money_now);
    REQUIRE_FALSE(unknown.ok());
    CHECK(unknown.error().refusal == QuoteUseError::not_found);
  }
  SECTION("of many threads racing to use one quote, exactly one wins") {
    auto stores = make_stores();
    REQUIRE(stores->users->find_or_create(make_user("usr_q", "dev:q")).ok());
    REQUIRE(stores->quotes->insert(contract_quote("quo_race", "usr_q")).ok());
    std::atomic<int> wins{0};
    std::atomic<int> used{0};
    std::vector<std::thread> threads;
    for (int i = 0; i < 8; ++i) {
      threads.emplace_back([&] {
        auto result = stores->quotes->mark_used("quo_race", money_now.plus_seconds(1));
        if (result.ok()) ++wins;
        if (!result.ok() && result.error().refusal == QuoteUseError::quote_used) ++used;
      });
    }
    for (auto& thread : threads) thread.join();
    CHECK(wins == 1);
    CHECK(used == 7);
  }
}

template <typename MakeStores>
void run_transfer_store_contract(MakeStores make_stores) {
  using drop::remittance::Status;
  constexpr std::uint64_t base = std::uint64_t{1} << 40;
  const auto setup = [](auto& stores, int quotes) {
    REQUIRE(stores->users->find_or_create(make_user("usr_t", "dev:t")).ok());
    REQUIRE(stores->users->find_or_create(make_user("usr_u", "dev:u")).ok());
    for (int i = 0; i < quotes; ++i) {
      REQUIRE(stores->quotes->insert(contract_quote("quo_" + std::to_string(i), "usr_t")).ok());
    }
  };
  SECTION("insert, find, one remittance per quote, first event") {
    auto stores = make_stores();
    setup(stores, 2);
    const auto item = contract_remittance(base, "quo_0", "usr_t", money_now);
    REQUIRE(stores->transfers->insert(item).ok());
    CHECK_FALSE(stores->transfers->insert(item).ok());  // the id exists
    CHECK_FALSE(
        stores->transfers->insert(contract_remittance(base + 8, "quo_0", "usr_t", money_now))
            .ok());  // the quote is used by another remittance
    auto found = stores->transfers->find(item.id);
    REQUIRE(found.ok());
    REQUIRE(found->has_value());
    const auto& got = **found;
    CHECK(got.user_id == "usr_t");
    CHECK(got.quote_id == "quo_0");
    CHECK(got.status == Status::processing);
    CHECK(got.debited == item.debited);
    CHECK(got.fee == item.fee);
    CHECK(got.delivered == item.delivered);
    CHECK(got.recipient.iban == item.recipient.iban);
    CHECK(got.recipient.bic == item.recipient.bic);
    CHECK(got.recipient.country == "DE");
    CHECK(got.reference == "rent");
    CHECK(got.created_at == money_now);
    CHECK_FALSE(stores->transfers->find("trf_8589934592")->has_value());
    auto events = stores->transfers->events(item.id);
    REQUIRE(events.ok());
    REQUIRE(events->size() == 1);
    CHECK((*events)[0].status == Status::processing);
  }
  SECTION("transition is compare-and-set and appends events in order") {
    auto stores = make_stores();
    setup(stores, 1);
    const auto item = contract_remittance(base, "quo_0", "usr_t", money_now);
    REQUIRE(stores->transfers->insert(item).ok());
    const auto later = money_now.plus_seconds(1);
    CHECK(
        *stores->transfers->transition(item.id, Status::processing, Status::failed, "rail", later));
    CHECK_FALSE(
        *stores->transfers->transition(item.id, Status::processing, Status::completed, "", later));
    CHECK(*stores->transfers->transition(item.id, Status::failed, Status::refunded, "back", later));
    CHECK_FALSE(*stores->transfers->transition("trf_8589934592", Status::processing,
                                               Status::completed, "", later));
    auto found = stores->transfers->find(item.id);
    CHECK((*found)->status == Status::refunded);
    CHECK((*found)->updated_at == later);
    auto events = stores->transfers->events(item.id);
    REQUIRE(events->size() == 3);
    CHECK((*events)[1].status == Status::failed);
    CHECK((*events)[1].detail == "rail");
    CHECK((*events)[2].status == Status::refunded);
  }
  SECTION("list_by_user pages newest first; list_unfinished oldest change first") {
    auto stores = make_stores();
    setup(stores, 5);
    for (int i = 0; i < 5; ++i) {
      REQUIRE(stores->transfers
                  ->insert(contract_remittance(base + 8 * static_cast<std::uint64_t>(i),
                                               "quo_" + std::to_string(i), "usr_t",
                                               money_now.plus_seconds(i)))
                  .ok());
    }
    REQUIRE(*stores->transfers->transition(drop::remittance::remittance_id(base),
                                           Status::processing, Status::completed, "",
                                           money_now.plus_seconds(9)));
    auto first = stores->transfers->list_by_user("usr_t", 2, std::nullopt);
    REQUIRE(first.ok());
    REQUIRE(first->items.size() == 2);
    CHECK(first->items[0].id == drop::remittance::remittance_id(base + 32));
    CHECK(first->items[1].id == drop::remittance::remittance_id(base + 24));
    REQUIRE(first->next_cursor);
    auto second = stores->transfers->list_by_user("usr_t", 2, *first->next_cursor);
    REQUIRE(second->items.size() == 2);
    CHECK(second->items[0].id == drop::remittance::remittance_id(base + 16));
    auto third = stores->transfers->list_by_user("usr_t", 2, *second->next_cursor);
    REQUIRE(third->items.size() == 1);
    CHECK_FALSE(third->next_cursor);
    CHECK(stores->transfers->list_by_user("usr_u", 10, std::nullopt)->items.empty());
    CHECK_FALSE(stores->transfers->list_by_user("usr_t", 2, std::string_view("junk")).ok());
    auto unfinished = stores->transfers->list_unfinished(money_now.plus_seconds(60), 10);
    REQUIRE(unfinished->size() == 4);
    CHECK((*unfinished)[0].id == drop::remittance::remittance_id(base + 8));
    // Only those unchanged before the given time.
    auto older = stores->transfers->list_unfinished(money_now.plus_seconds(3), 10);
    REQUIRE(older->size() == 2);
    CHECK((*older)[1].id == drop::remittance::remittance_id(base + 16));
    CHECK(stores->transfers->list_unfinished(money_now.plus_seconds(60), 1)->size() == 1);
  }
  SECTION("pending and rejected are internal; a rejected remittance frees its quote") {
    auto stores = make_stores();
    setup(stores, 1);
    auto item = contract_remittance(base, "quo_0", "usr_t", money_now);
    item.status = Status::pending;
    REQUIRE(stores->quotes->mark_used("quo_0", money_now).ok());
    REQUIRE(stores->transfers->insert(item).ok());
    CHECK(stores->transfers->list_by_user("usr_t", 10, std::nullopt)->items.empty());
    auto unfinished = stores->transfers->list_unfinished(money_now.plus_seconds(1), 10);
    REQUIRE(unfinished->size() == 1);
    CHECK((*unfinished)[0].status == Status::pending);
    REQUIRE(*stores->transfers->transition(item.id, Status::pending, Status::rejected, "refused",
                                           money_now.plus_seconds(1)));
    CHECK(stores->transfers->list_by_user("usr_t", 10, std::nullopt)->items.empty());
    CHECK(stores->transfers->list_unfinished(money_now.plus_seconds(60), 10)->empty());
    CHECK_FALSE(*stores->quotes->release("quo_0", money_now.plus_seconds(5)));  // not that use
    CHECK(*stores->quotes->release("quo_0", money_now));
    CHECK_FALSE(*stores->quotes->release("quo_0", money_now));  // once
    CHECK(stores->quotes->find("quo_0")->status == drop::fx::QuoteStatus::open);
    // The quote pays again, through a new remittance.
    REQUIRE(stores->quotes->mark_used("quo_0", money_now.plus_seconds(2)).ok());
    const auto second = contract_remittance(base + 8, "quo_0", "usr_t", money_now.plus_seconds(2));
    REQUIRE(stores->transfers->insert(second).ok());
    auto listed = stores->transfers->list_by_user("usr_t", 10, std::nullopt);
    REQUIRE(listed->items.size() == 1);
    CHECK(listed->items[0].id == second.id);
    // A third remittance on the same quote is refused while the second holds it.
    CHECK_FALSE(
        stores->transfers->insert(contract_remittance(base + 16, "quo_0", "usr_t", money_now))
            .ok());
  }
}

template <typename MakeStores>
void run_qr_request_store_contract(MakeStores make_stores) {
  auto stores = make_stores();
  REQUIRE(stores->users->find_or_create(make_user("usr_p", "dev:p")).ok());
  const drop::Money amount(2500, *drop::Currency::from_code("NOK"));
  const drop::ports::QrRequest dynamic{
      "qr_1", "usr_p", amount, "coffee", "000201...", money_now, money_now.plus_seconds(900)};
  const drop::ports::QrRequest fixed{"qr_2",      "usr_p",   std::nullopt, "",
                                     "000201...", money_now, std::nullopt};
  REQUIRE(stores->qr_requests->insert(dynamic).ok());
  REQUIRE(stores->qr_requests->insert(fixed).ok());
  CHECK_FALSE(stores->qr_requests->insert(dynamic).ok());  // the id exists
  auto found = stores->qr_requests->find("qr_1");
  REQUIRE(found.ok());
  REQUIRE(found->has_value());
  CHECK((*found)->payee_user_id == "usr_p");
  CHECK((*found)->amount == amount);
  CHECK((*found)->reference == "coffee");
  CHECK((*found)->payload == "000201...");
  CHECK((*found)->created_at == money_now);
  CHECK((*found)->expires_at == money_now.plus_seconds(900));
  auto found_static = stores->qr_requests->find("qr_2");
  REQUIRE(found_static->has_value());
  CHECK_FALSE((*found_static)->amount);
  CHECK_FALSE((*found_static)->expires_at);
  CHECK_FALSE(stores->qr_requests->find("qr_3")->has_value());
}

}  // namespace drop_test
