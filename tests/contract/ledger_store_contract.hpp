// The LedgerStore contract suite: behaviour every adapter (memory, sqlite, postgres) must show.
//
// Use: in an adapter's test file, define a factory returning a fresh, empty store and expand
//   DROP_LEDGER_STORE_CONTRACT(test_prefix, factory_expression)
// which defines one Catch2 TEST_CASE per behaviour below, each on a new store. The checks go
// through the port only (create, lookup, entries, expiry, snapshot + verify) and use a fixed
// `now`, so they are deterministic.
#pragma once

#include <catch2/catch.hpp>
#include <memory>
#include <thread>
#include <vector>

#include "drop/ledger/verify.hpp"
#include "drop/ports/ledger_store.hpp"

namespace ledger_contract {

using namespace drop::ledger;  // NOLINT: test brevity
using drop::Timestamp;
using drop::ports::LedgerStore;
using R = CreateTransferResult;

inline const Timestamp now0 = Timestamp::from_unix_seconds(1'800'000'000);

inline drop::Currency nok() { return *drop::Currency::from_code("NOK"); }

inline Transfer make(TransferId id, AccountId debit, AccountId credit, std::int64_t amount,
                     std::uint16_t flags = 0) {
  return Transfer{.id = id,
                  .debit_account_id = debit,
                  .credit_account_id = credit,
                  .amount_minor = amount,
                  .currency = nok(),
                  .code = 7,
                  .flags = flags};
}

// Accounts 1 (settlement, NOK), 2 and 3 (wallets, no overdraft).
inline void open_accounts(LedgerStore& store) {
  const std::vector<Account> accounts{
      Account{.id = 1, .currency = nok(), .kind = AccountKind::settlement},
      Account{.id = 2,
              .currency = nok(),
              .kind = AccountKind::wallet,
              .flags = account_flags::debits_must_not_exceed_credits},
      Account{.id = 3,
              .currency = nok(),
              .kind = AccountKind::wallet,
              .flags = account_flags::debits_must_not_exceed_credits}};
  const auto results = store.create_accounts(accounts, now0);
  REQUIRE(results.ok());
  CHECK(results.value() == std::vector<CreateAccountResult>(3, CreateAccountResult::ok));
}

inline std::vector<R> run(LedgerStore& store, std::vector<Transfer> batch, int second) {
  auto results = store.create_transfers(batch, now0.plus_seconds(second));
  REQUIRE(results.ok());
  return results.value();
}

inline Account get(LedgerStore& store, AccountId id) {
  const std::vector<AccountId> ids{id};
  auto found = store.lookup_accounts(ids);
  REQUIRE(found.ok());
  REQUIRE(found.value().size() == 1);
  return found.value()[0];
}

inline void check_verified(LedgerStore& store) {
  auto report = drop::ports::verify_store(store);
  REQUIRE(report.ok());
  for (const Violation& v : report.value().violations) UNSCOPED_INFO(v.text);
  CHECK(report.value().ok());
}

inline void accounts_and_lookup(LedgerStore& store) {
  open_accounts(store);
  const std::vector<Account> again{Account{.id = 2, .currency = nok(), .kind = AccountKind::fees}};
  CHECK(store.create_accounts(again, now0).value()[0] ==
        CreateAccountResult::exists_with_different_flags);
  const std::vector<AccountId> ids{3, 99, 1};
  const auto found = store.lookup_accounts(ids);
  REQUIRE(found.ok());
  REQUIRE(found.value().size() == 2);
  CHECK(found.value()[0].id == 3);
  CHECK(found.value()[1].id == 1);
  CHECK(found.value()[0].kind == AccountKind::wallet);
  CHECK(found.value()[0].has_flag(account_flags::debits_must_not_exceed_credits));
  CHECK(found.value()[0].timestamp.unix_us != 0);
}

inline void transfers_balances_and_idempotency(LedgerStore& store) {
  open_accounts(store);
  CHECK(run(store, {make(10, 1, 2, 500), make(11, 2, 3, 200), make(12, 2, 3, 400)}, 1) ==
        std::vector<R>{R::ok, R::ok, R::exceeds_credits});
  CHECK(run(store, {make(10, 1, 2, 500), make(10, 1, 2, 501), make(12, 2, 3, 100)}, 2) ==
        std::vector<R>{R::exists, R::exists_with_different_amount, R::id_already_failed});
  CHECK(get(store, 2).credits_posted == 500);
  CHECK(get(store, 2).debits_posted == 200);
  CHECK(get(store, 2).available() == 300);
  CHECK(get(store, 3).credits_posted == 200);
  const std::vector<TransferId> ids{11, 12, 10};
  const auto found = store.lookup_transfers(ids);
  REQUIRE(found.ok());
  REQUIRE(found.value().size() == 2);
  CHECK(found.value()[0].transfer.id == 11);
  CHECK(found.value()[0].transfer.code == 7);
  CHECK(found.value()[1].transfer.timestamp < found.value()[0].transfer.timestamp);
  check_verified(store);
}

inline void linked_chain_all_or_none(LedgerStore& store) {
  open_accounts(store);
  CHECK(run(store, {make(10, 1, 2, 100, transfer_flags::linked), make(11, 2, 3, 150)}, 1) ==
        std::vector<R>{R::linked_event_failed, R::exceeds_credits});
  CHECK(get(store, 2).credits_posted == 0);
  CHECK(run(store, {make(20, 1, 2, 200, transfer_flags::linked), make(21, 2, 3, 150)}, 2) ==
        std::vector<R>{R::ok, R::ok});
  CHECK(get(store, 3).credits_posted == 150);
  check_verified(store);
}

inline void two_phase_and_expiry(LedgerStore& store) {
  open_accounts(store);
  Transfer held = make(11, 2, 3, 300, transfer_flags::pending);
  held.timeout_s = 60;
  Transfer posted = make(12, 0, 0, 100, transfer_flags::post_pending);
  posted.pending_id = 11;
  posted.code = 0;
  Transfer expiring = make(13, 2, 3, 200, transfer_flags::pending);
  expiring.timeout_s = 60;
  CHECK(run(store, {make(10, 1, 2, 1000), held, posted, expiring}, 1) ==
        std::vector<R>{R::ok, R::ok, R::ok, R::ok});
  CHECK(get(store, 2).debits_posted == 100);
  CHECK(get(store, 2).debits_pending == 200);
  const auto none = store.expire_pending(now0.plus_seconds(30));
  REQUIRE(none.ok());
  CHECK(none.value() == 0);
  const auto expired = store.expire_pending(now0.plus_seconds(62));
  REQUIRE(expired.ok());
  CHECK(expired.value() == 1);
  CHECK(get(store, 2).debits_pending == 0);
  CHECK(get(store, 2).available() == 900);
  const std::vector<TransferId> ids{11, 13};
  const auto records = store.lookup_transfers(ids);
  REQUIRE(records.ok());
  CHECK(records.value()[0].status == PendingStatus::posted);
  CHECK(records.value()[1].status == PendingStatus::expired);
  Transfer late = posted;
  late.id = 14;
  late.pending_id = 13;
  CHECK(run(store, {late}, 63) == std::vector<R>{R::pending_transfer_expired});
  check_verified(store);
}

inline void entries_paging(LedgerStore& store) {
  open_accounts(store);
  std::vector<Transfer> batch;
  for (TransferId id = 1; id <= 25; ++id)
    batch.push_back(make(id, 1, 2, static_cast<std::int64_t>(id)));
  CHECK(run(store, batch, 1) == std::vector<R>(25, R::ok));
  std::vector<Entry> all;
  std::optional<std::uint64_t> cursor;
  for (int page = 0; page < 10; ++page) {
    const auto result = store.account_entries(2, 10, cursor);
    REQUIRE(result.ok());
    all.insert(all.end(), result.value().entries.begin(), result.value().entries.end());
    cursor = result.value().next_before_entry_id;
    if (!cursor) break;
  }
  REQUIRE(all.size() == 25);
  CHECK(all.front().transfer_id == 25);  // newest first
  CHECK(all.front().balance_after_minor == 25 * 26 / 2);
  CHECK(all.back().transfer_id == 1);
  CHECK(all.back().direction() == Direction::credit);
  for (std::size_t i = 1; i < all.size(); ++i) CHECK(all[i - 1].id > all[i].id);
  const auto unknown = store.account_entries(99, 10, std::nullopt);
  REQUIRE(unknown.ok());
  CHECK(unknown.value().entries.empty());
  CHECK_FALSE(unknown.value().next_before_entry_id.has_value());
}

// Four threads move money between the wallets at once: every batch is atomic, nothing is lost.
inline void concurrent_batches(LedgerStore& store) {
  open_accounts(store);
  REQUIRE(run(store, {make(1, 1, 2, 1000), make(2, 1, 3, 1000)}, 1) == std::vector<R>(2, R::ok));
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&store, t] {
      for (int i = 0; i < 50; ++i) {
        const TransferId id = 100 + static_cast<TransferId>(t * 1000 + i);
        const AccountId from = (t + i) % 2 == 0 ? 2 : 3;
        const std::vector<Transfer> batch{make(id, from, from == 2 ? 3 : 2, 7)};
        const auto result = store.create_transfers(batch, now0.plus_seconds(2));
        CHECK(result.ok());
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  CHECK(get(store, 2).posted_net() + get(store, 3).posted_net() == 2000);
  check_verified(store);
}

}  // namespace ledger_contract

namespace Catch {
template <>
struct StringMaker<drop::ledger::CreateTransferResult> {
  static std::string convert(drop::ledger::CreateTransferResult r) {
    return std::string(drop::ledger::to_string(r));
  }
};
}  // namespace Catch

#define DROP_LEDGER_STORE_CONTRACT_CASE(prefix, factory, name) \
  TEST_CASE(prefix ": LedgerStore contract: " #name) {         \
    auto store = (factory);                                    \
    ::ledger_contract::name(*store);                           \
  }

#define DROP_LEDGER_STORE_CONTRACT(prefix, factory)                                    \
  DROP_LEDGER_STORE_CONTRACT_CASE(prefix, factory, accounts_and_lookup)                \
  DROP_LEDGER_STORE_CONTRACT_CASE(prefix, factory, transfers_balances_and_idempotency) \
  DROP_LEDGER_STORE_CONTRACT_CASE(prefix, factory, linked_chain_all_or_none)           \
  DROP_LEDGER_STORE_CONTRACT_CASE(prefix, factory, two_phase_and_expiry)               \
  DROP_LEDGER_STORE_CONTRACT_CASE(prefix, factory, entries_paging)                     \
  DROP_LEDGER_STORE_CONTRACT_CASE(prefix, factory, concurrent_batches)
