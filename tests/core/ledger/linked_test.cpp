// Linked chains (flag linked): all or none, the failing event keeps its own reason, the others
// get linked_event_failed; chains end at the first event without `linked`; a rolled-back chain
// leaves no balance, entry, transfer or pending change behind.
#include "ledger_fixture.hpp"

using namespace ledger_test;  // NOLINT
using R = CreateTransferResult;

TEST_CASE("flag linked: a chain applies all of its events or none") {
  Ledger ledger;
  ledger.fund(alice, 1000, 1);
  Transfer eur_leg = transfer(3, euro_source, euro, 85, transfer_flags::linked);
  eur_leg.currency = currency("EUR");
  const auto results = ledger.create({transfer(2, alice, settlement, 900, transfer_flags::linked),
                                      eur_leg, transfer(4, alice, fees, 10)});
  // The fee leg fails (fees has no debits), so the whole FX chain is rolled back.
  CHECK(results ==
        std::vector<R>{R::linked_event_failed, R::linked_event_failed, R::exceeds_debits});
  CHECK(ledger.get(alice).debits_posted == 0);
  CHECK(ledger.get(euro).credits_posted == 0);
  eur_leg.id = 6;
  const auto retried = ledger.create({transfer(5, alice, settlement, 900, transfer_flags::linked),
                                      eur_leg, transfer(7, alice, bob, 10)});
  CHECK(retried == std::vector<R>{R::ok, R::ok, R::ok});
  CHECK(ledger.get(alice).debits_posted == 910);
  CHECK(ledger.get(euro).credits_posted == 85);
  ledger.check_verified();
}

TEST_CASE("a failed chain rolls back pendings, posts and in-batch ids, later events still run") {
  Ledger chain;
  chain.fund(alice, 1000, 1);
  REQUIRE(chain.create(pending(2, alice, bob, 500)) == R::ok);
  Transfer first = post(3, 2);
  first.flags |= transfer_flags::linked;
  Transfer second = pending(4, alice, bob, 100);
  second.flags |= transfer_flags::linked;
  const BatchOutcome rolled = chain.state.create_transfers(
      std::vector<Transfer>{first, second, transfer(5, alice, bob, 5000), post(6, 2), post(3, 2)},
      chain.now.plus_seconds(1));
  CHECK(rolled.results == std::vector<R>{R::linked_event_failed, R::linked_event_failed,
                                         R::exceeds_credits, R::ok,
                                         R::pending_transfer_already_posted});
  // Id 3 was rolled back, so the second post with id 3 is a new transfer (already posted by 6).
  CHECK(rolled.pending_changes == std::vector<PendingChange>{{2, PendingStatus::posted}});
  CHECK(rolled.failed.size() == 1);
  CHECK(rolled.failed[0].id == 5);
  CHECK(chain.state.transfer(4) == nullptr);
  CHECK(chain.get(bob).credits_posted == 500);
  CHECK(chain.get(alice).debits_pending == 0);
  chain.check_verified();
}

TEST_CASE("chains are independent: a failing chain does not affect the next one") {
  Ledger ledger;
  const auto results = ledger.create(
      {transfer(1, alice, bob, 1, transfer_flags::linked), transfer(2, settlement, alice, 1),
       transfer(3, settlement, bob, 1, transfer_flags::linked), transfer(4, settlement, alice, 1)});
  CHECK(results == std::vector<R>{R::exceeds_credits, R::linked_event_failed, R::ok, R::ok});
  CHECK(ledger.get(alice).credits_posted == 1);
  ledger.check_verified();
}

TEST_CASE("timestamps: unique and strictly increasing across and within batches") {
  Ledger ledger;
  const auto outcome = ledger.state.create_transfers(
      std::vector<Transfer>{transfer(1, settlement, alice, 1), transfer(2, settlement, alice, 1)},
      t0);  // now earlier than the accounts' creation: timestamps still move forward
  REQUIRE(outcome.transfers.size() == 2);
  CHECK(outcome.transfers[0].transfer.timestamp > ledger.get(alice).timestamp);
  CHECK(outcome.transfers[1].transfer.timestamp > outcome.transfers[0].transfer.timestamp);
  CHECK(outcome.timestamp_last == outcome.transfers[1].transfer.timestamp);
}
