// Group commit: the batching writer gathers concurrent callers into shared batches, never splits
// a caller's request, isolates an open chain, fails a whole batch on a storage error without
// applying any of it, bounds its queue, and keeps every ledger invariant under 32 conflicting
// callers, over memory, SQLite and PostgreSQL.
#include "drop/adapters/batching/batching_ledger_store.hpp"

#include <catch2/catch.hpp>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "contract/ledger_concurrency.hpp"
#include "drop/adapters/memory/memory_ledger_store.hpp"
#include "drop/adapters/postgres/pg_ledger_store.hpp"
#include "drop/adapters/postgres/pg_migrate.hpp"
#include "drop/adapters/sqlite/sqlite_ledger_store.hpp"
#include "support/postgres.hpp"
#include "support/sqlite.hpp"

using drop::adapters::batching::BatchingLedgerStore;
using drop::adapters::memory::MemoryLedgerStore;
using namespace drop::ledger;
using drop::Result;

namespace {

const drop::Timestamp t0 = drop::Timestamp::from_unix_seconds(1'800'000'000);
drop::Currency nok() { return *drop::Currency::from_code("NOK"); }

// Passes every call to `inner`; the test stores below override create_transfers only.
class ForwardingStore : public drop::ports::LedgerStore {
 public:
  explicit ForwardingStore(drop::ports::LedgerStore& inner) : inner_(inner) {}
  Result<std::vector<CreateTransferResult>, drop::ports::PortError> create_transfers(
      std::span<const Transfer> batch, drop::Timestamp now) override {
    return inner_.create_transfers(batch, now);
  }
  Result<std::vector<CreateAccountResult>, drop::ports::PortError> create_accounts(
      std::span<const Account> batch, drop::Timestamp now) override {
    return inner_.create_accounts(batch, now);
  }
  Result<std::vector<Account>, drop::ports::PortError> lookup_accounts(
      std::span<const AccountId> ids) override {
    return inner_.lookup_accounts(ids);
  }
  Result<std::vector<TransferRecord>, drop::ports::PortError> lookup_transfers(
      std::span<const TransferId> ids) override {
    return inner_.lookup_transfers(ids);
  }
  Result<drop::ports::EntryPage, drop::ports::PortError> account_entries(
      AccountId id, std::size_t limit, std::optional<std::uint64_t> before) override {
    return inner_.account_entries(id, limit, before);
  }
  Result<std::size_t, drop::ports::PortError> expire_pending(drop::Timestamp now) override {
    return inner_.expire_pending(now);
  }
  Result<LedgerSnapshot, drop::ports::PortError> snapshot() override { return inner_.snapshot(); }

 private:
  drop::ports::LedgerStore& inner_;
};

// Holds the first create_transfers call until released, recording every batch size, so a test
// can queue several requests behind it deterministically.
class GateStore final : public ForwardingStore {
 public:
  explicit GateStore(drop::ports::LedgerStore& inner) : ForwardingStore(inner) {}
  void release() {
    std::lock_guard lock(mutex_);
    open_ = true;
    changed_.notify_all();
  }
  void wait_until_held() {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return held_; });
  }
  std::vector<std::size_t> sizes() {
    std::lock_guard lock(mutex_);
    return sizes_;
  }
  Result<std::vector<CreateTransferResult>, drop::ports::PortError> create_transfers(
      std::span<const Transfer> batch, drop::Timestamp now) override {
    {
      std::unique_lock lock(mutex_);
      sizes_.push_back(batch.size());
      held_ = true;
      changed_.notify_all();
      changed_.wait(lock, [&] { return open_; });
    }
    return ForwardingStore::create_transfers(batch, now);
  }

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  bool held_ = false;
  bool open_ = false;
  std::vector<std::size_t> sizes_;
};

void open_wallets(drop::ports::LedgerStore& store) {
  std::vector<Account> accounts{
      Account{.id = 1, .currency = nok(), .kind = AccountKind::settlement}};
  for (AccountId id = 2; id <= 5; ++id) {
    accounts.push_back(Account{.id = id,
                               .currency = nok(),
                               .kind = AccountKind::wallet,
                               .flags = account_flags::debits_must_not_exceed_credits});
  }
  REQUIRE(store.create_accounts(accounts, t0).ok());
}

Transfer make(TransferId id, AccountId debit, AccountId credit, std::int64_t amount,
              std::uint16_t flags = 0) {
  return Transfer{.id = id,
                  .debit_account_id = debit,
                  .credit_account_id = credit,
                  .amount_minor = amount,
                  .currency = nok(),
                  .code = 3,
                  .flags = flags};
}

}  // namespace

TEST_CASE("batching: queued requests share one batch and each caller gets its own results") {
  MemoryLedgerStore memory;
  open_wallets(memory);
  GateStore gate(memory);
  BatchingLedgerStore store(gate);
  // The first request is held inside the inner store; the next three queue behind it.
  std::thread first(
      [&] { CHECK(store.create_transfers(std::vector{make(10, 1, 2, 100)}, t0).ok()); });
  gate.wait_until_held();
  std::vector<std::vector<CreateTransferResult>> results(3);
  std::vector<std::thread> callers;
  callers.emplace_back([&] {
    results[0] =
        store.create_transfers(std::vector{make(11, 1, 3, 50), make(12, 3, 4, 20)}, t0).value();
  });
  callers.emplace_back([&] {
    results[1] = store.create_transfers(std::vector{make(13, 4, 5, 1)}, t0).value();
  });  // 4 is empty
  callers.emplace_back(
      [&] { results[2] = store.create_transfers(std::vector{make(14, 1, 5, 7)}, t0).value(); });
  while (store.queued_transfers() < 4) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  gate.release();
  first.join();
  for (auto& caller : callers) caller.join();
  const auto sizes = gate.sizes();
  CHECK(sizes == std::vector<std::size_t>{1, 4});  // three callers shared the second batch
  CHECK(results[0] == std::vector{CreateTransferResult::ok, CreateTransferResult::ok});
  CHECK(results[2] == std::vector{CreateTransferResult::ok});
  CHECK(results[1].size() == 1);
  CHECK(drop::ports::verify_store(store)->ok());
}

// Takes `delay` per batch (as a commit does), so a gather window of a batch's length is long
// enough for released callers to come back even on a busy machine.
class SlowStore final : public ForwardingStore {
 public:
  SlowStore(drop::ports::LedgerStore& inner, std::chrono::milliseconds delay)
      : ForwardingStore(inner), delay_(delay) {}
  Result<std::vector<CreateTransferResult>, drop::ports::PortError> create_transfers(
      std::span<const Transfer> batch, drop::Timestamp now) override {
    std::this_thread::sleep_for(delay_);
    return ForwardingStore::create_transfers(batch, now);
  }

 private:
  std::chrono::milliseconds delay_;
};

// Closed-loop callers (each waits for its result, then sends the next transfer) would split
// into two cohorts that alternate, each batch holding about half of them; the writer waits
// (bounded by the last batch's time, 30 ms here) for the callers it released, so they share
// one batch per commit.
TEST_CASE("batching: closed-loop callers are gathered into one batch per commit") {
  MemoryLedgerStore memory;
  open_wallets(memory);
  SlowStore slow(memory, std::chrono::milliseconds(30));
  BatchingLedgerStore store(slow, {},
                            drop::adapters::batching::BatchingOptions{
                                .gather_min_released = 4,
                                .gather_window_max = std::chrono::seconds(1),
                                .gather_window_divisor = 1,
                                // This test is about gathering: a late caller on a busy machine
                                // must not switch it off for the following batches.
                                .gather_skip_after_timeout = 0});
  constexpr int callers_count = 8;
  constexpr int rounds = 20;
  std::vector<std::thread> callers;
  for (int caller = 0; caller < callers_count; ++caller) {
    callers.emplace_back([&, caller] {
      for (int round = 0; round < rounds; ++round) {
        const auto id = static_cast<TransferId>(1000 + caller * rounds + round);
        auto outcome = store.create_transfers(std::vector{make(id, 1, 2, 1)}, t0);
        CHECK(outcome.ok());
      }
    });
  }
  for (auto& caller : callers) caller.join();
  const auto stats = store.stats();
  CHECK(stats.transfers == callers_count * rounds);
  CHECK(stats.largest_batch == callers_count);
  // Gathered: about `rounds` batches (a few more where a caller came back late); alternating
  // cohorts would take about 2 x rounds.
  CHECK(stats.batches <= static_cast<std::uint64_t>(rounds + 8));
  CHECK(drop::ports::verify_store(store)->ok());
}

// Light traffic never waits to fill: one closed-loop caller releases one caller per batch,
// below gather_min_released, so no batch waits (with a 10 s window, a wait would show as a
// test that runs for minutes).
TEST_CASE("batching: a lone caller's requests go at once, one per batch") {
  MemoryLedgerStore memory;
  open_wallets(memory);
  BatchingLedgerStore store(
      memory, {},
      drop::adapters::batching::BatchingOptions{.gather_min_released = 4,
                                                .gather_window_max = std::chrono::seconds(10),
                                                .gather_window_divisor = 1});
  for (TransferId id = 2000; id < 2050; ++id) {
    REQUIRE(store.create_transfers(std::vector{make(id, 1, 2, 1)}, t0).ok());
  }
  const auto stats = store.stats();
  CHECK(stats.batches == 50);
  CHECK(stats.gather_us < 1'000'000);  // no window was waited out
}

// Open-loop traffic: the callers a batch released do not come back. The gather's window runs
// out (it is bounded by the last batch's time) and is counted; nothing waits forever.
TEST_CASE("batching: a gather whose callers do not return times out and is counted") {
  MemoryLedgerStore memory;
  open_wallets(memory);
  GateStore gate(memory);
  BatchingLedgerStore store(gate);
  std::thread first(
      [&] { CHECK(store.create_transfers(std::vector{make(3000, 1, 2, 1)}, t0).ok()); });
  gate.wait_until_held();
  std::vector<std::thread> callers;
  for (TransferId id = 3001; id <= 3006; ++id) {
    callers.emplace_back(
        [&, id] { CHECK(store.create_transfers(std::vector{make(id, 1, 2, 1)}, t0).ok()); });
  }
  while (store.queued_transfers() < 6) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  gate.release();
  first.join();
  for (auto& caller : callers) caller.join();
  // The batch of six released six callers, none of which sends again: a fresh request goes
  // through once the window has run out.
  REQUIRE(store.create_transfers(std::vector{make(3007, 1, 2, 1)}, t0).ok());
  const auto stats = store.stats();
  CHECK(gate.sizes() == std::vector<std::size_t>{1, 6, 1});
  CHECK(stats.gather_timeouts == 1);
  CHECK(drop::ports::verify_store(store)->ok());
}

TEST_CASE("batching: an open chain at the end of a request does not swallow the next request") {
  MemoryLedgerStore memory;
  open_wallets(memory);
  GateStore gate(memory);
  BatchingLedgerStore store(gate);
  std::thread first([&] { (void)store.create_transfers(std::vector{make(20, 1, 2, 100)}, t0); });
  gate.wait_until_held();
  std::vector<CreateTransferResult> open_results, next_results;
  std::thread open([&] {
    open_results =
        store.create_transfers(std::vector{make(21, 1, 3, 10, transfer_flags::linked)}, t0).value();
  });
  while (store.queued_transfers() < 1) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  std::thread next(
      [&] { next_results = store.create_transfers(std::vector{make(22, 1, 4, 10)}, t0).value(); });
  while (store.queued_transfers() < 2) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  gate.release();
  first.join();
  open.join();
  next.join();
  CHECK(open_results == std::vector{CreateTransferResult::linked_event_chain_open});
  CHECK(next_results == std::vector{CreateTransferResult::ok});
  CHECK(gate.sizes() == std::vector<std::size_t>{1, 1, 1});  // the open chain went alone
}

TEST_CASE("batching: a storage failure fails the whole batch and applies none of it") {
  MemoryLedgerStore memory;
  open_wallets(memory);
  drop::adapters::memory::FailingLedgerStore failing(memory);
  BatchingLedgerStore store(failing);
  failing.fail_after(0);
  auto failed = store.create_transfers(std::vector{make(30, 1, 2, 100)}, t0);
  REQUIRE_FALSE(failed.ok());
  failing.heal();
  CHECK(memory.lookup_transfers(std::vector<TransferId>{30})->empty());
  CHECK(store.create_transfers(std::vector{make(30, 1, 2, 100)}, t0)->front() ==
        CreateTransferResult::ok);
}

TEST_CASE("batching: 32 conflicting callers over memory keep every invariant") {
  MemoryLedgerStore memory;
  BatchingLedgerStore store(memory);
  drop_test::run_conflicting_load(store, {});
  CHECK(store.stats().transfers > 0);
}

TEST_CASE("batching: 32 conflicting callers over SQLite keep every invariant") {
  drop_test::ScratchSqlite scratch;
  drop::adapters::sqlite::SqliteLedgerStore sqlite(scratch.database());
  BatchingLedgerStore store(sqlite);
  drop_test::run_conflicting_load(store, {.batches_per_thread = 15});
}

TEST_CASE("postgres: 32 conflicting callers, direct and through the batching writer") {
  drop_test::TestDatabase database;
  auto pool = drop_test::TestDatabase::open_pool(database.url(), 16);
  REQUIRE(drop::adapters::postgres::migrate(*pool).ok());
  drop::adapters::postgres::PgLedgerStore postgres(*pool);
  SECTION("direct: 32 callers, concurrent transactions on shared rows") {
    drop_test::run_conflicting_load(postgres, {.batches_per_thread = 15});
  }
  SECTION("through the batching writer") {
    BatchingLedgerStore store(postgres);
    drop_test::run_conflicting_load(store, {.batches_per_thread = 20});
  }
}
