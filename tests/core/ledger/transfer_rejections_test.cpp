// create_transfers rejections: one TEST_CASE per result code, each building the smallest ledger
// state that triggers exactly that reason, checking the code and that nothing changed
// (balances, verify) where the rejection must be side-effect free.
#include <limits>

#include "ledger_fixture.hpp"

using namespace ledger_test;  // NOLINT
using R = CreateTransferResult;

namespace {
constexpr std::int64_t int64_max = std::numeric_limits<std::int64_t>::max();
constexpr std::uint64_t too_big_id = std::uint64_t{1} << 63;

// Two unlimited NOK accounts for the overflow cases.
constexpr AccountId big_a = 10;
constexpr AccountId big_b = 11;
void add_big_accounts(Ledger& ledger) {
  const std::vector<Account> accounts{account(big_a, "NOK", AccountKind::settlement, 0),
                                      account(big_b, "NOK", AccountKind::settlement, 0)};
  ledger.state.create_accounts(accounts, ledger.now);
}
}  // namespace

TEST_CASE("rejects linked_event_failed: the chain's other events fail with it") {
  Ledger ledger;
  const auto results = ledger.create(
      {transfer(1, settlement, alice, 100, transfer_flags::linked), transfer(2, alice, bob, 500)});
  CHECK(results[0] == R::linked_event_failed);
  CHECK(results[1] == R::exceeds_credits);
  CHECK(ledger.get(alice).credits_posted == 0);
  ledger.check_verified();
}

TEST_CASE("rejects linked_event_chain_open: linked on the batch's last event") {
  Ledger ledger;
  const auto results = ledger.create({transfer(1, settlement, alice, 100, transfer_flags::linked),
                                      transfer(2, settlement, bob, 100, transfer_flags::linked)});
  CHECK(results[0] == R::linked_event_failed);
  CHECK(results[1] == R::linked_event_chain_open);
  CHECK(ledger.get(alice).credits_posted == 0);
}

TEST_CASE("rejects timestamp_must_be_zero") {
  Ledger ledger;
  Transfer t = transfer(1, settlement, alice, 100);
  t.timestamp = t0;
  CHECK(ledger.create(t) == R::timestamp_must_be_zero);
}

TEST_CASE("rejects reserved_flag") {
  Ledger ledger;
  CHECK(ledger.create(transfer(1, settlement, alice, 100, 1u << 9)) == R::reserved_flag);
}

TEST_CASE("rejects id_must_not_be_zero") {
  Ledger ledger;
  CHECK(ledger.create(transfer(0, settlement, alice, 100)) == R::id_must_not_be_zero);
}

TEST_CASE("rejects id_must_not_be_int_max: ids must fit a signed 64-bit column") {
  Ledger ledger;
  CHECK(ledger.create(transfer(too_big_id, settlement, alice, 100)) == R::id_must_not_be_int_max);
  CHECK(ledger.create(transfer(id_max, settlement, alice, 100)) == R::ok);
}

TEST_CASE("rejects exists_with_different_flags") {
  Ledger ledger;
  REQUIRE(ledger.create(transfer(1, settlement, alice, 100)) == R::ok);
  CHECK(ledger.create(pending(1, settlement, alice, 100)) == R::exists_with_different_flags);
}

TEST_CASE("rejects exists_with_different_pending_id") {
  Ledger ledger;
  REQUIRE(ledger.create(pending(1, settlement, alice, 100)) == R::ok);
  REQUIRE(ledger.create(pending(2, settlement, alice, 100)) == R::ok);
  REQUIRE(ledger.create(post(3, 1)) == R::ok);
  CHECK(ledger.create(post(3, 2)) == R::exists_with_different_pending_id);
}

TEST_CASE("rejects exists_with_different_timeout") {
  Ledger ledger;
  REQUIRE(ledger.create(pending(1, settlement, alice, 100, 60)) == R::ok);
  CHECK(ledger.create(pending(1, settlement, alice, 100, 61)) == R::exists_with_different_timeout);
}

TEST_CASE("rejects exists_with_different_debit_account_id") {
  Ledger ledger;
  REQUIRE(ledger.create(transfer(1, settlement, alice, 100)) == R::ok);
  CHECK(ledger.create(transfer(1, bob, alice, 100)) == R::exists_with_different_debit_account_id);
}

TEST_CASE("rejects exists_with_different_credit_account_id") {
  Ledger ledger;
  REQUIRE(ledger.create(transfer(1, settlement, alice, 100)) == R::ok);
  CHECK(ledger.create(transfer(1, settlement, bob, 100)) ==
        R::exists_with_different_credit_account_id);
}

TEST_CASE("rejects exists_with_different_amount") {
  Ledger ledger;
  REQUIRE(ledger.create(transfer(1, settlement, alice, 100)) == R::ok);
  CHECK(ledger.create(transfer(1, settlement, alice, 101)) == R::exists_with_different_amount);
}

TEST_CASE("rejects exists_with_different_currency") {
  Ledger ledger;
  REQUIRE(ledger.create(transfer(1, settlement, alice, 100)) == R::ok);
  Transfer t = transfer(1, settlement, alice, 100);
  t.currency = currency("EUR");
  CHECK(ledger.create(t) == R::exists_with_different_currency);
}

TEST_CASE("rejects exists_with_different_code") {
  Ledger ledger;
  REQUIRE(ledger.create(transfer(1, settlement, alice, 100)) == R::ok);
  Transfer t = transfer(1, settlement, alice, 100);
  t.code = 2;
  CHECK(ledger.create(t) == R::exists_with_different_code);
}

TEST_CASE("rejects exists_with_different_reference") {
  Ledger ledger;
  Transfer t = transfer(1, settlement, alice, 100);
  t.reference = "invoice 1";
  REQUIRE(ledger.create(t) == R::ok);
  t.reference = "invoice 2";
  CHECK(ledger.create(t) == R::exists_with_different_reference);
}

TEST_CASE("rejects exists: an identical retry changes nothing") {
  Ledger ledger;
  REQUIRE(ledger.create(transfer(1, settlement, alice, 100)) == R::ok);
  CHECK(ledger.create(transfer(1, settlement, alice, 100)) == R::exists);
  CHECK(ledger.get(alice).credits_posted == 100);
  ledger.check_verified();
}

TEST_CASE("rejects id_already_failed: a state-dependent rejection is final for its id") {
  Ledger ledger;
  REQUIRE(ledger.create(transfer(1, alice, bob, 100)) == R::exceeds_credits);
  ledger.fund(alice, 1000, 2);
  CHECK(ledger.create(transfer(1, alice, bob, 100)) == R::id_already_failed);
  CHECK(ledger.get(bob).credits_posted == 0);
}

TEST_CASE("rejects flags_are_mutually_exclusive") {
  Ledger ledger;
  Transfer t = post(2, 1);
  t.flags |= transfer_flags::void_pending;
  CHECK(ledger.create(t) == R::flags_are_mutually_exclusive);
  CHECK(ledger.create(transfer(3, settlement, alice, 1,
                               transfer_flags::pending | transfer_flags::post_pending)) ==
        R::flags_are_mutually_exclusive);
}

TEST_CASE("rejects reference_too_long") {
  Ledger ledger;
  Transfer t = transfer(1, settlement, alice, 100);
  t.reference = std::string(141, 'x');
  CHECK(ledger.create(t) == R::reference_too_long);
  t.reference = std::string(140, 'x');
  CHECK(ledger.create(t) == R::ok);
}

TEST_CASE("rejects debit_account_id_must_not_be_zero") {
  Ledger ledger;
  CHECK(ledger.create(transfer(1, 0, alice, 100)) == R::debit_account_id_must_not_be_zero);
}

TEST_CASE("rejects debit_account_id_must_not_be_int_max") {
  Ledger ledger;
  CHECK(ledger.create(transfer(1, too_big_id, alice, 100)) ==
        R::debit_account_id_must_not_be_int_max);
}

TEST_CASE("rejects credit_account_id_must_not_be_zero") {
  Ledger ledger;
  CHECK(ledger.create(transfer(1, settlement, 0, 100)) == R::credit_account_id_must_not_be_zero);
}

TEST_CASE("rejects credit_account_id_must_not_be_int_max") {
  Ledger ledger;
  CHECK(ledger.create(transfer(1, settlement, too_big_id, 100)) ==
        R::credit_account_id_must_not_be_int_max);
}

TEST_CASE("rejects accounts_must_be_different") {
  Ledger ledger;
  CHECK(ledger.create(transfer(1, alice, alice, 100)) == R::accounts_must_be_different);
}

TEST_CASE("rejects pending_id_must_be_zero") {
  Ledger ledger;
  Transfer t = transfer(1, settlement, alice, 100);
  t.pending_id = 7;
  CHECK(ledger.create(t) == R::pending_id_must_be_zero);
}

TEST_CASE("rejects pending_id_must_not_be_zero") {
  Ledger ledger;
  CHECK(ledger.create(post(1, 0)) == R::pending_id_must_not_be_zero);
}

TEST_CASE("rejects pending_id_must_not_be_int_max") {
  Ledger ledger;
  CHECK(ledger.create(void_pending(1, too_big_id)) == R::pending_id_must_not_be_int_max);
}

TEST_CASE("rejects pending_id_must_be_different") {
  Ledger ledger;
  CHECK(ledger.create(post(1, 1)) == R::pending_id_must_be_different);
}

TEST_CASE("rejects timeout_reserved_for_pending_transfer") {
  Ledger ledger;
  Transfer t = transfer(1, settlement, alice, 100);
  t.timeout_s = 10;
  CHECK(ledger.create(t) == R::timeout_reserved_for_pending_transfer);
  Transfer p = post(2, 1);
  p.timeout_s = 10;
  CHECK(ledger.create(p) == R::timeout_reserved_for_pending_transfer);
}

TEST_CASE("rejects timeout_must_not_exceed_max") {
  Ledger ledger;
  CHECK(ledger.create(pending(1, settlement, alice, 100, 30 * 24 * 3600 + 1)) ==
        R::timeout_must_not_exceed_max);
}

TEST_CASE("rejects amount_must_not_be_zero") {
  Ledger ledger;
  CHECK(ledger.create(transfer(1, settlement, alice, 0)) == R::amount_must_not_be_zero);
}

TEST_CASE("rejects amount_must_be_positive") {
  Ledger ledger;
  CHECK(ledger.create(transfer(1, settlement, alice, -5)) == R::amount_must_be_positive);
  CHECK(ledger.create(post(2, 9, -5)) == R::amount_must_be_positive);
}

TEST_CASE("rejects code_must_not_be_zero") {
  Ledger ledger;
  Transfer t = transfer(1, settlement, alice, 100);
  t.code = 0;
  CHECK(ledger.create(t) == R::code_must_not_be_zero);
}

TEST_CASE("rejects debit_account_not_found (state-dependent: recorded)") {
  Ledger ledger;
  CHECK(ledger.create(transfer(1, 99, alice, 100)) == R::debit_account_not_found);
  CHECK(ledger.state.failed(1) != nullptr);
}

TEST_CASE("rejects credit_account_not_found (state-dependent: recorded)") {
  Ledger ledger;
  CHECK(ledger.create(transfer(1, settlement, 99, 100)) == R::credit_account_not_found);
  CHECK(ledger.state.failed(1) != nullptr);
}

TEST_CASE("rejects accounts_must_have_same_currency (not recorded)") {
  Ledger ledger;
  CHECK(ledger.create(transfer(1, settlement, euro, 100)) == R::accounts_must_have_same_currency);
  CHECK(ledger.state.failed(1) == nullptr);
}

TEST_CASE("rejects transfer_must_have_the_same_currency_as_accounts") {
  Ledger ledger;
  Transfer t = transfer(1, euro_source, euro, 100);  // accounts EUR, transfer NOK
  CHECK(ledger.create(t) == R::transfer_must_have_the_same_currency_as_accounts);
}

TEST_CASE("rejects pending_transfer_not_found (state-dependent: recorded)") {
  Ledger ledger;
  CHECK(ledger.create(post(2, 1)) == R::pending_transfer_not_found);
  CHECK(ledger.state.failed(2) != nullptr);
}

TEST_CASE("rejects pending_transfer_not_pending") {
  Ledger ledger;
  REQUIRE(ledger.create(transfer(1, settlement, alice, 100)) == R::ok);
  CHECK(ledger.create(post(2, 1)) == R::pending_transfer_not_pending);
}

TEST_CASE("rejects pending_transfer_has_different_debit_account_id") {
  Ledger ledger;
  REQUIRE(ledger.create(pending(1, settlement, alice, 100)) == R::ok);
  Transfer t = post(2, 1);
  t.debit_account_id = bob;
  CHECK(ledger.create(t) == R::pending_transfer_has_different_debit_account_id);
}

TEST_CASE("rejects pending_transfer_has_different_credit_account_id") {
  Ledger ledger;
  REQUIRE(ledger.create(pending(1, settlement, alice, 100)) == R::ok);
  Transfer t = post(2, 1);
  t.credit_account_id = bob;
  CHECK(ledger.create(t) == R::pending_transfer_has_different_credit_account_id);
}

TEST_CASE("rejects pending_transfer_has_different_currency") {
  Ledger ledger;
  REQUIRE(ledger.create(pending(1, settlement, alice, 100)) == R::ok);
  Transfer t = post(2, 1);
  t.currency = currency("EUR");
  CHECK(ledger.create(t) == R::pending_transfer_has_different_currency);
}

TEST_CASE("rejects pending_transfer_has_different_code") {
  Ledger ledger;
  REQUIRE(ledger.create(pending(1, settlement, alice, 100)) == R::ok);
  Transfer t = post(2, 1);
  t.code = 9;
  CHECK(ledger.create(t) == R::pending_transfer_has_different_code);
}

TEST_CASE("rejects exceeds_pending_transfer_amount") {
  Ledger ledger;
  REQUIRE(ledger.create(pending(1, settlement, alice, 100)) == R::ok);
  CHECK(ledger.create(post(2, 1, 101)) == R::exceeds_pending_transfer_amount);
}

TEST_CASE("rejects pending_transfer_has_different_amount (void of another amount)") {
  Ledger ledger;
  REQUIRE(ledger.create(pending(1, settlement, alice, 100)) == R::ok);
  Transfer t = void_pending(2, 1);
  t.amount_minor = 50;
  CHECK(ledger.create(t) == R::pending_transfer_has_different_amount);
}

TEST_CASE("rejects pending_transfer_already_posted") {
  Ledger ledger;
  REQUIRE(ledger.create(pending(1, settlement, alice, 100)) == R::ok);
  REQUIRE(ledger.create(post(2, 1)) == R::ok);
  CHECK(ledger.create(void_pending(3, 1)) == R::pending_transfer_already_posted);
  ledger.check_verified();
}

TEST_CASE("rejects pending_transfer_already_voided") {
  Ledger ledger;
  REQUIRE(ledger.create(pending(1, settlement, alice, 100)) == R::ok);
  REQUIRE(ledger.create(void_pending(2, 1)) == R::ok);
  CHECK(ledger.create(post(3, 1)) == R::pending_transfer_already_voided);
  ledger.check_verified();
}

TEST_CASE("rejects pending_transfer_expired (before and after the sweep)") {
  Ledger ledger;
  REQUIRE(ledger.create(pending(1, settlement, alice, 100, 10)) == R::ok);
  ledger.now = ledger.now.plus_seconds(10);
  CHECK(ledger.create(post(2, 1)) == R::pending_transfer_expired);
  ledger.state.expire_pending(ledger.now, 100);
  CHECK(ledger.create(void_pending(3, 1)) == R::pending_transfer_expired);
  ledger.check_verified();
}

TEST_CASE("rejects overflows_debits_pending") {
  Ledger ledger;
  add_big_accounts(ledger);
  REQUIRE(ledger.create(pending(1, big_a, big_b, int64_max)) == R::ok);
  CHECK(ledger.create(pending(2, big_a, settlement, 1)) == R::overflows_debits_pending);
}

TEST_CASE("rejects overflows_credits_pending") {
  Ledger ledger;
  add_big_accounts(ledger);
  REQUIRE(ledger.create(pending(1, big_a, big_b, int64_max)) == R::ok);
  CHECK(ledger.create(pending(2, settlement, big_b, 1)) == R::overflows_credits_pending);
}

TEST_CASE("rejects overflows_debits_posted") {
  Ledger ledger;
  add_big_accounts(ledger);
  REQUIRE(ledger.create(transfer(1, big_a, big_b, int64_max)) == R::ok);
  CHECK(ledger.create(transfer(2, big_a, settlement, 1)) == R::overflows_debits_posted);
}

TEST_CASE("rejects overflows_credits_posted") {
  Ledger ledger;
  add_big_accounts(ledger);
  REQUIRE(ledger.create(transfer(1, big_a, big_b, int64_max)) == R::ok);
  CHECK(ledger.create(transfer(2, settlement, big_b, 1)) == R::overflows_credits_posted);
}

TEST_CASE("rejects overflows_debits: posted plus pending") {
  Ledger ledger;
  add_big_accounts(ledger);
  REQUIRE(ledger.create(pending(1, big_a, big_b, int64_max / 2)) == R::ok);
  REQUIRE(ledger.create(transfer(2, big_a, big_b, int64_max / 2)) == R::ok);
  CHECK(ledger.create(transfer(3, big_a, settlement, 2)) == R::overflows_debits);
}

TEST_CASE("rejects overflows_credits: posted plus pending") {
  Ledger ledger;
  add_big_accounts(ledger);
  REQUIRE(ledger.create(pending(1, big_a, big_b, int64_max / 2)) == R::ok);
  REQUIRE(ledger.create(transfer(2, big_a, big_b, int64_max / 2)) == R::ok);
  CHECK(ledger.create(transfer(3, settlement, big_b, 2)) == R::overflows_credits);
}

TEST_CASE("rejects exceeds_credits (flag debits_must_not_exceed_credits)") {
  Ledger ledger;
  ledger.fund(alice, 100, 1);
  REQUIRE(ledger.create(pending(2, alice, bob, 60)) == R::ok);
  CHECK(ledger.create(transfer(3, alice, bob, 41)) == R::exceeds_credits);  // 60 reserved
  CHECK(ledger.create(transfer(4, alice, bob, 40)) == R::ok);
  CHECK(ledger.get(alice).available() == 0);
  ledger.check_verified();
}

TEST_CASE("rejects exceeds_debits (flag credits_must_not_exceed_debits)") {
  Ledger ledger;
  ledger.fund(alice, 100, 1);
  CHECK(ledger.create(transfer(2, alice, fees, 10)) == R::exceeds_debits);
  REQUIRE(ledger.create(transfer(3, fees, settlement, 10)) == R::ok);  // fees now has debits 10
  CHECK(ledger.create(transfer(4, alice, fees, 10)) == R::ok);
  CHECK(ledger.create(transfer(5, alice, fees, 1)) == R::exceeds_debits);
  ledger.check_verified();
}

TEST_CASE("every result code has a distinct name, state-dependence is the documented set") {
  std::vector<std::string> names;
  int state_dependent = 0;
  for (int code = 0; code <= create_transfer_result_max; ++code) {
    const auto result = static_cast<R>(code);
    names.emplace_back(to_string(result));
    CHECK(names.back() != "unknown");
    if (is_state_dependent(result)) ++state_dependent;
  }
  std::sort(names.begin(), names.end());
  CHECK(std::adjacent_find(names.begin(), names.end()) == names.end());
  CHECK(state_dependent == 11);
  CHECK(is_state_dependent(R::exceeds_credits));
  CHECK_FALSE(is_state_dependent(R::accounts_must_have_same_currency));
  CHECK_FALSE(is_state_dependent(R::pending_transfer_expired));
}
