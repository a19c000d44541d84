// create_accounts: one TEST_CASE per result code (precedence in results.hpp), timestamps, and
// idempotent re-creation.
#include "ledger_fixture.hpp"

using namespace ledger_test;  // NOLINT
using A = CreateAccountResult;

namespace {
A create_one(Account a) {
  LedgerState state;
  const std::vector<Account> existing{account(1, "NOK", AccountKind::wallet, 0)};
  REQUIRE(state.create_accounts(existing, t0).results[0] == A::ok);
  const std::vector<Account> batch{a};
  return state.create_accounts(batch, t0).results[0];
}
Account wallet(AccountId id) { return account(id, "NOK", AccountKind::wallet, 0); }
}  // namespace

TEST_CASE("accounts: ok, with a timestamp assigned") {
  LedgerState state;
  const std::vector<Account> batch{wallet(2), wallet(3)};
  const AccountBatchOutcome outcome = state.create_accounts(batch, t0);
  CHECK(outcome.results == std::vector<A>{A::ok, A::ok});
  CHECK(state.account(2)->timestamp == t0);
  CHECK(state.account(3)->timestamp == t0.plus_us(1));
}
TEST_CASE("accounts: timestamp_must_be_zero") {
  Account a = wallet(2);
  a.timestamp = t0;
  CHECK(create_one(a) == A::timestamp_must_be_zero);
}
TEST_CASE("accounts: reserved_flag") {
  CHECK(create_one(account(2, "NOK", AccountKind::wallet, 1u << 5)) == A::reserved_flag);
}
TEST_CASE("accounts: id_must_not_be_zero") {
  CHECK(create_one(wallet(0)) == A::id_must_not_be_zero);
}
TEST_CASE("accounts: id_must_not_be_int_max") {
  CHECK(create_one(wallet(std::uint64_t{1} << 63)) == A::id_must_not_be_int_max);
}
TEST_CASE("accounts: flags_are_mutually_exclusive") {
  CHECK(create_one(account(2, "NOK", AccountKind::wallet, account_flags::all)) ==
        A::flags_are_mutually_exclusive);
}
TEST_CASE("accounts: debits_pending_must_be_zero") {
  Account a = wallet(2);
  a.debits_pending = 1;
  CHECK(create_one(a) == A::debits_pending_must_be_zero);
}
TEST_CASE("accounts: debits_posted_must_be_zero") {
  Account a = wallet(2);
  a.debits_posted = 1;
  CHECK(create_one(a) == A::debits_posted_must_be_zero);
}
TEST_CASE("accounts: credits_pending_must_be_zero") {
  Account a = wallet(2);
  a.credits_pending = 1;
  CHECK(create_one(a) == A::credits_pending_must_be_zero);
}
TEST_CASE("accounts: credits_posted_must_be_zero") {
  Account a = wallet(2);
  a.credits_posted = 1;
  CHECK(create_one(a) == A::credits_posted_must_be_zero);
}
TEST_CASE("accounts: kind_must_be_valid") {
  Account a = wallet(2);
  a.kind = static_cast<AccountKind>(0);
  CHECK(create_one(a) == A::kind_must_be_valid);
  a.kind = static_cast<AccountKind>(7);
  CHECK(create_one(a) == A::kind_must_be_valid);
}
TEST_CASE("accounts: exists_with_different_flags") {
  CHECK(create_one(account(1, "NOK", AccountKind::wallet, 1)) == A::exists_with_different_flags);
}
TEST_CASE("accounts: exists_with_different_currency") {
  CHECK(create_one(account(1, "EUR", AccountKind::wallet, 0)) == A::exists_with_different_currency);
}
TEST_CASE("accounts: exists_with_different_kind") {
  CHECK(create_one(account(1, "NOK", AccountKind::fees, 0)) == A::exists_with_different_kind);
}
TEST_CASE("accounts: exists (also within one batch), balances untouched") {
  CHECK(create_one(wallet(1)) == A::exists);
  LedgerState state;
  const std::vector<Account> batch{wallet(2), wallet(2), account(2, "SEK", AccountKind::wallet, 0)};
  CHECK(state.create_accounts(batch, t0).results ==
        std::vector<A>{A::ok, A::exists, A::exists_with_different_currency});
  CHECK(state.account_count() == 1);
}
TEST_CASE("accounts: every result code has a name") {
  for (int code = 0; code <= create_account_result_max; ++code) {
    CHECK(to_string(static_cast<A>(code)) != "unknown");
  }
  CHECK(to_string(AccountKind::payout_clearing) == "payout_clearing");
}
