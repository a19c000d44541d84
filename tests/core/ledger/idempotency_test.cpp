// Idempotency by transfer id: identical retries return `exists` and change nothing, in later
// batches and within one batch; post/void retries may leave inherited fields zero; validation
// failures are not recorded (the id stays usable), state-dependent ones are.
#include "ledger_fixture.hpp"

using namespace ledger_test;  // NOLINT
using R = CreateTransferResult;

TEST_CASE("a retry within the same batch sees the first as existing") {
  Ledger ledger;
  const auto results =
      ledger.create({transfer(1, settlement, alice, 100), transfer(1, settlement, alice, 100),
                     transfer(1, settlement, alice, 99)});
  CHECK(results == std::vector<R>{R::ok, R::exists, R::exists_with_different_amount});
  CHECK(ledger.get(alice).credits_posted == 100);
  ledger.check_verified();
}

TEST_CASE("a post retry matches with inherited (zero) or explicit fields") {
  Ledger ledger;
  REQUIRE(ledger.create(pending(1, settlement, alice, 100)) == R::ok);
  REQUIRE(ledger.create(post(2, 1)) == R::ok);
  CHECK(ledger.create(post(2, 1)) == R::exists);
  Transfer explicit_post = post(2, 1, 100);
  explicit_post.debit_account_id = settlement;
  explicit_post.credit_account_id = alice;
  explicit_post.code = 1;
  CHECK(ledger.create(explicit_post) == R::exists);
  CHECK(ledger.create(post(2, 1, 50)) == R::exists_with_different_amount);
  CHECK(ledger.get(alice).credits_posted == 100);
}

TEST_CASE("idempotency comes before validation: a retry with a bad field is exists_with_*") {
  Ledger ledger;
  REQUIRE(ledger.create(transfer(1, settlement, alice, 100)) == R::ok);
  Transfer t = transfer(1, settlement, alice, 100);
  t.code = 0;
  CHECK(ledger.create(t) == R::exists_with_different_code);
}

TEST_CASE("validation-only failures are not recorded: the id can be used once fixed") {
  Ledger ledger;
  CHECK(ledger.create(transfer(1, settlement, alice, 0)) == R::amount_must_not_be_zero);
  CHECK(ledger.state.failed(1) == nullptr);
  CHECK(ledger.create(transfer(1, settlement, alice, 5)) == R::ok);
}

TEST_CASE("a state-dependent failure is recorded even inside a rolled-back chain") {
  Ledger ledger;
  const auto results = ledger.create(
      {transfer(1, settlement, alice, 100, transfer_flags::linked), transfer(2, alice, bob, 500)});
  CHECK(results == std::vector<R>{R::linked_event_failed, R::exceeds_credits});
  CHECK(ledger.state.failed(1) == nullptr);  // linked_event_failed is not state-dependent
  REQUIRE(ledger.state.failed(2) != nullptr);
  CHECK(ledger.state.failed(2)->result == R::exceeds_credits);
  const auto retried = ledger.create(
      {transfer(1, settlement, alice, 600, transfer_flags::linked), transfer(2, alice, bob, 500)});
  CHECK(retried == std::vector<R>{R::linked_event_failed, R::id_already_failed});
}

TEST_CASE("needs_for_transfers lists sorted, unique, in-range ids to lock and load") {
  Transfer a = transfer(9, 3, 1, 10);
  Transfer b = post(4, 9);
  Transfer c = transfer(std::uint64_t{1} << 63, 0, 3, 10);
  const std::vector<Transfer> batch{a, b, c};
  const BatchNeeds needs = needs_for_transfers(batch);
  CHECK(needs.account_ids == std::vector<AccountId>{1, 3});
  CHECK(needs.transfer_ids == std::vector<TransferId>{4, 9});
  CHECK(needs.pending_ids == std::vector<TransferId>{9});
  Transfer stored = pending(9, 7, 8, 10);
  const std::vector<TransferRecord> pendings{{stored, PendingStatus::pending}};
  CHECK(needs_for_pendings(needs, pendings) == std::vector<AccountId>{7, 8});
}
