// The pure engine called directly (no LedgerState): what a database adapter sees. Checks the
// BatchOutcome's shape (accounts ascending by id whatever the load order, entries in id order,
// pending changes for a pending created and posted in one batch, failed ids, timestamp_last)
// and that the same inputs always give the same outcome.
#include "ledger_fixture.hpp"

using namespace ledger_test;  // NOLINT
using R = CreateTransferResult;

namespace {
std::vector<Account> loaded_accounts() {
  std::vector<Account> accounts{
      account(bob, "NOK", AccountKind::wallet, account_flags::debits_must_not_exceed_credits),
      account(settlement, "NOK", AccountKind::settlement, 0),
      account(alice, "NOK", AccountKind::wallet, account_flags::debits_must_not_exceed_credits)};
  accounts[1].debits_posted = 0;
  return accounts;
}
}  // namespace

TEST_CASE("engine: outcome lists changed accounts ascending, entries, pending changes, failures") {
  const std::vector<Account> accounts = loaded_accounts();  // deliberately not in id order
  const std::vector<Transfer> batch{transfer(1, settlement, alice, 500),
                                    pending(2, alice, bob, 200), post(3, 2, 150),
                                    transfer(4, bob, alice, 1)};
  const LockedState state{accounts, {}, {}, t0};
  const BatchOutcome outcome = apply_transfers(state, batch, t0);
  CHECK(outcome.results == std::vector<R>{R::ok, R::ok, R::ok, R::ok});
  REQUIRE(outcome.accounts.size() == 3);
  CHECK(outcome.accounts[0].id == settlement);
  CHECK(outcome.accounts[1].id == alice);
  CHECK(outcome.accounts[2].id == bob);
  CHECK(outcome.accounts[1].debits_posted == 150);
  CHECK(outcome.accounts[1].credits_posted == 501);
  CHECK(outcome.pending_changes == std::vector<PendingChange>{{2, PendingStatus::posted}});
  CHECK(outcome.transfers.size() == 4);
  CHECK(outcome.transfers[1].status == PendingStatus::pending);  // as created
  REQUIRE(outcome.entries.size() == 10);                         // 2 + 2 + 4 (post) + 2
  for (std::size_t i = 1; i < outcome.entries.size(); ++i) {
    CHECK(outcome.entries[i - 1].id < outcome.entries[i].id);
  }
  CHECK(outcome.failed.empty());
  CHECK(outcome.timestamp_last == t0.plus_us(4));
  CHECK(apply_transfers(state, batch, t0).entries == outcome.entries);  // deterministic
}

TEST_CASE("engine: loaded transfers and failed ids drive idempotency") {
  const std::vector<Account> accounts = loaded_accounts();
  Transfer stored = pending(7, alice, bob, 100);
  stored.timestamp = t0;
  const std::vector<TransferRecord> transfers{{stored, PendingStatus::voided}};
  const std::vector<FailedTransfer> failed{{9, R::exceeds_credits, t0}};
  const LockedState state{accounts, transfers, failed, t0};
  const std::vector<Transfer> batch{pending(7, alice, bob, 100), transfer(9, settlement, alice, 5),
                                    post(10, 7), transfer(11, alice, bob, 5)};
  const BatchOutcome outcome = apply_transfers(state, batch, t0.plus_seconds(1));
  CHECK(outcome.results == std::vector<R>{R::exists, R::id_already_failed,
                                          R::pending_transfer_already_voided, R::exceeds_credits});
  REQUIRE(outcome.failed.size() == 1);
  CHECK(outcome.failed[0].id == 11);
  CHECK(outcome.accounts.empty());
  CHECK(outcome.entries.empty());
}

TEST_CASE("engine: an expiry outcome releases the reservation with pending-column entries") {
  std::vector<Account> accounts = loaded_accounts();
  accounts[2].debits_pending = 100;   // alice
  accounts[0].credits_pending = 100;  // bob
  Transfer stored = pending(7, alice, bob, 100, 5);
  stored.timestamp = t0;
  const std::vector<TransferRecord> transfers{{stored, PendingStatus::pending}};
  const LockedState state{accounts, transfers, {}, t0};
  const std::vector<TransferId> due = select_expired(transfers, t0.plus_seconds(5), 10);
  REQUIRE(due == std::vector<TransferId>{7});
  const BatchOutcome outcome = apply_expiries(state, due, t0.plus_seconds(5));
  CHECK(outcome.results.empty());
  CHECK(outcome.pending_changes == std::vector<PendingChange>{{7, PendingStatus::expired}});
  REQUIRE(outcome.entries.size() == 2);
  CHECK(outcome.entries[0].transfer_id == 7);
  CHECK(outcome.entries[0].amount_minor == -100);
  CHECK(outcome.accounts.size() == 2);
  CHECK(outcome.accounts[0].debits_pending == 0);
}
