// Two-phase transfers and the transfer/account flags: pending reserves, post (full or partial)
// and void resolve exactly once, expiry releases; checks balances, entries and verify after each.
#include "ledger_fixture.hpp"

using namespace ledger_test;  // NOLINT
using R = CreateTransferResult;

TEST_CASE("flag pending reserves: pending columns move, available drops, posted unchanged") {
  Ledger ledger;
  ledger.fund(alice, 1000, 1);
  REQUIRE(ledger.create(pending(2, alice, bob, 300)) == R::ok);
  CHECK(ledger.get(alice).debits_pending == 300);
  CHECK(ledger.get(bob).credits_pending == 300);
  CHECK(ledger.get(alice).debits_posted == 0);
  CHECK(ledger.get(alice).available() == 700);
  CHECK(ledger.state.transfer(2)->status == PendingStatus::pending);
  ledger.check_verified();
}

TEST_CASE("flag post_pending posts the full amount (amount 0 inherits everything)") {
  Ledger ledger;
  ledger.fund(alice, 1000, 1);
  REQUIRE(ledger.create(pending(2, alice, bob, 300)) == R::ok);
  REQUIRE(ledger.create(post(3, 2)) == R::ok);
  CHECK(ledger.get(alice).debits_pending == 0);
  CHECK(ledger.get(alice).debits_posted == 300);
  CHECK(ledger.get(bob).credits_posted == 300);
  CHECK(ledger.state.transfer(2)->status == PendingStatus::posted);
  const Transfer& stored = ledger.state.transfer(3)->transfer;  // inherited fields filled in
  CHECK(stored.debit_account_id == alice);
  CHECK(stored.credit_account_id == bob);
  CHECK(stored.amount_minor == 300);
  CHECK(stored.code == 1);
  ledger.check_verified();
}

TEST_CASE("post_pending of a smaller amount releases the rest") {
  Ledger ledger;
  ledger.fund(alice, 1000, 1);
  REQUIRE(ledger.create(pending(2, alice, bob, 300)) == R::ok);
  REQUIRE(ledger.create(post(3, 2, 120)) == R::ok);
  CHECK(ledger.get(alice).debits_pending == 0);
  CHECK(ledger.get(alice).debits_posted == 120);
  CHECK(ledger.get(alice).available() == 880);
  CHECK(ledger.get(bob).credits_posted == 120);
  CHECK(ledger.get(bob).credits_pending == 0);
  ledger.check_verified();
}

TEST_CASE("flag void_pending releases the reservation") {
  Ledger ledger;
  ledger.fund(alice, 1000, 1);
  REQUIRE(ledger.create(pending(2, alice, bob, 300)) == R::ok);
  REQUIRE(ledger.create(void_pending(3, 2)) == R::ok);
  CHECK(ledger.get(alice).debits_pending == 0);
  CHECK(ledger.get(alice).debits_posted == 0);
  CHECK(ledger.get(alice).available() == 1000);
  CHECK(ledger.state.transfer(2)->status == PendingStatus::voided);
  ledger.check_verified();
}

TEST_CASE("a pending is resolved exactly once, even twice in one batch") {
  Ledger ledger;
  ledger.fund(alice, 1000, 1);
  const auto results =
      ledger.create({pending(2, alice, bob, 300), post(3, 2, 100), void_pending(4, 2), post(5, 2)});
  CHECK(results == std::vector<R>{R::ok, R::ok, R::pending_transfer_already_posted,
                                  R::pending_transfer_already_posted});
  CHECK(ledger.get(bob).credits_posted == 100);
  ledger.check_verified();
}

TEST_CASE("expiry sweep releases expired pendings only, once") {
  Ledger ledger;
  ledger.fund(alice, 1000, 1);
  REQUIRE(ledger.create(pending(2, alice, bob, 100, 60)) == R::ok);
  REQUIRE(ledger.create(pending(3, alice, bob, 200, 3600)) == R::ok);
  REQUIRE(ledger.create(pending(4, alice, bob, 300)) == R::ok);  // never expires
  const Timestamp created = ledger.state.transfer(2)->transfer.timestamp;
  CHECK(ledger.state.expire_pending(created.plus_seconds(59), 100).pending_changes.empty());
  const BatchOutcome swept = ledger.state.expire_pending(created.plus_seconds(61), 100);
  REQUIRE(swept.pending_changes.size() == 1);
  CHECK(swept.pending_changes[0] == PendingChange{2, PendingStatus::expired});
  CHECK(swept.entries.size() == 2);  // debits_pending -100 and credits_pending -100
  CHECK(ledger.get(alice).debits_pending == 500);
  CHECK(ledger.state.expire_pending(created.plus_seconds(62), 100).pending_changes.empty());
  CHECK(ledger.state.transfer(2)->status == PendingStatus::expired);
  ledger.check_verified();
}

TEST_CASE("select_expired picks due pendings, ascending, bounded") {
  const Transfer a = [] {
    Transfer t = pending(7, alice, bob, 1, 10);
    t.timestamp = t0;
    return t;
  }();
  Transfer b = a;
  b.id = 5;
  Transfer c = a;
  c.id = 6;
  c.timeout_s = 0;
  const std::vector<TransferRecord> records{
      {a, PendingStatus::pending}, {b, PendingStatus::pending}, {c, PendingStatus::pending}};
  CHECK(select_expired(records, t0.plus_seconds(10), 10) == std::vector<TransferId>{5, 7});
  CHECK(select_expired(records, t0.plus_seconds(10), 1) == std::vector<TransferId>{5});
  CHECK(select_expired(records, t0.plus_seconds(9), 10).empty());
}

TEST_CASE("flag debits_must_not_exceed_credits counts pending debits and post cannot break it") {
  Ledger ledger;
  ledger.fund(alice, 100, 1);
  REQUIRE(ledger.create(pending(2, alice, bob, 100)) == R::ok);
  CHECK(ledger.create(transfer(3, alice, bob, 1)) == R::exceeds_credits);
  REQUIRE(ledger.create(post(4, 2)) == R::ok);
  CHECK(ledger.get(alice).available() == 0);
  ledger.check_verified();
}

TEST_CASE("flag credits_must_not_exceed_debits counts pending credits") {
  Ledger ledger;
  REQUIRE(ledger.create(transfer(1, fees, settlement, 50)) == R::ok);
  REQUIRE(ledger.create(pending(2, settlement, fees, 50)) == R::ok);
  CHECK(ledger.create(transfer(3, settlement, fees, 1)) == R::exceeds_debits);
  ledger.check_verified();
}

TEST_CASE("entries: one per column changed, balance_after, ids ordered by time") {
  Ledger ledger;
  ledger.fund(alice, 1000, 1);
  REQUIRE(ledger.create(pending(2, alice, bob, 300)) == R::ok);
  REQUIRE(ledger.create(post(3, 2, 200)) == R::ok);
  const std::vector<Entry> entries = ledger.state.account_entries(alice, 10, ~std::uint64_t{0});
  REQUIRE(entries.size() == 4);  // newest first: post(pending -300, posted +200), pending, fund
  CHECK(entries[0].column == EntryColumn::debits_pending);
  CHECK(entries[0].amount_minor == -300);
  CHECK(entries[1].column == EntryColumn::debits_posted);
  CHECK(entries[1].amount_minor == 200);
  CHECK(entries[1].direction() == Direction::debit);
  CHECK(entries[1].balance_after_minor == 800);
  CHECK(entries[1].transfer_id == 3);
  CHECK(entries[2].column == EntryColumn::debits_pending);
  CHECK(entries[3].column == EntryColumn::credits_posted);
  CHECK(entries[3].balance_after_minor == 1000);
  CHECK(entries[3].direction() == Direction::credit);
  for (std::size_t i = 1; i < entries.size(); ++i) CHECK(entries[i - 1].id > entries[i].id);
  const std::vector<Entry> older = ledger.state.account_entries(alice, 10, entries[1].id);
  CHECK(older.size() == 2);
}
