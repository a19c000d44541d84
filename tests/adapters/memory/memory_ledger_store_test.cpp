// MemoryLedgerStore against the LedgerStore contract suite, and FailingLedgerStore: after
// fail_after(n) successes every call returns PortError{unavailable} and changes nothing.
#include "drop/adapters/memory/memory_ledger_store.hpp"

#include <catch2/catch.hpp>

#include "contract/ledger_store_contract.hpp"

using drop::adapters::memory::FailingLedgerStore;
using drop::adapters::memory::MemoryLedgerStore;

DROP_LEDGER_STORE_CONTRACT("memory", std::make_unique<MemoryLedgerStore>())

TEST_CASE("FailingLedgerStore: fails after n calls, the failed batch changes nothing") {
  using namespace ledger_contract;  // NOLINT
  MemoryLedgerStore inner;
  FailingLedgerStore store(inner);
  open_accounts(store);
  store.fail_after(1);
  CHECK(run(store, {make(10, 1, 2, 500)}, 1) == std::vector<R>{R::ok});
  const std::vector<Transfer> batch{make(11, 1, 2, 500)};
  const auto failed = store.create_transfers(batch, now0.plus_seconds(2));
  REQUIRE_FALSE(failed.ok());
  CHECK(failed.error().kind == drop::ports::PortErrorKind::unavailable);
  const std::vector<drop::ledger::AccountId> ids{2};
  CHECK_FALSE(store.lookup_accounts(ids).ok());
  CHECK_FALSE(store.snapshot().ok());
  CHECK_FALSE(store.expire_pending(now0).ok());
  CHECK_FALSE(store.account_entries(2, 10, std::nullopt).ok());
  store.heal();
  CHECK(get(store, 2).credits_posted == 500);
  // The retry after the failure applies exactly once.
  CHECK(run(store, {make(11, 1, 2, 500)}, 3) == std::vector<R>{R::ok});
  CHECK(run(store, {make(11, 1, 2, 500)}, 4) == std::vector<R>{R::exists});
  CHECK(get(store, 2).credits_posted == 1000);
  check_verified(store);
  CHECK(to_string(drop::ports::PortErrorKind::timeout) == "timeout");
}
