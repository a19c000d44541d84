// verify: a clean ledger passes; each invariant is broken on purpose in a copy of a real
// snapshot and verify must name that violation (kind and a readable text).
#include <algorithm>
#include <limits>

#include "ledger_fixture.hpp"

using namespace ledger_test;  // NOLINT
using R = CreateTransferResult;

namespace {

LedgerSnapshot busy_snapshot() {
  Ledger ledger;
  ledger.fund(alice, 1000, 1);
  REQUIRE(ledger.create(pending(2, alice, bob, 300)) == R::ok);
  REQUIRE(ledger.create(post(3, 2, 200)) == R::ok);
  REQUIRE(ledger.create(pending(4, alice, bob, 50)) == R::ok);
  REQUIRE(ledger.create(transfer(5, alice, bob, 10)) == R::ok);
  return ledger.state.snapshot();
}

bool has(const VerifyReport& report, ViolationKind kind) {
  for (const Violation& v : report.violations) UNSCOPED_INFO(v.text);
  return std::any_of(report.violations.begin(), report.violations.end(),
                     [kind](const Violation& v) { return v.kind == kind && !v.text.empty(); });
}

Account& find_account(LedgerSnapshot& s, AccountId id) {
  return *std::find_if(s.accounts.begin(), s.accounts.end(),
                       [id](const Account& a) { return a.id == id; });
}
TransferRecord& find_transfer(LedgerSnapshot& s, TransferId id) {
  return *std::find_if(s.transfers.begin(), s.transfers.end(),
                       [id](const TransferRecord& t) { return t.transfer.id == id; });
}

}  // namespace

TEST_CASE("verify: a busy ledger is clean and reports per-currency totals") {
  const VerifyReport report = verify(busy_snapshot());
  CHECK(report.ok());
  CHECK(report.accounts == 6);
  CHECK(report.transfers == 5);
  REQUIRE(report.currencies.size() == 2);  // EUR, NOK
  CHECK(report.currencies[1].currency.code() == "NOK");
  CHECK(report.currencies[1].debits_posted == 1210);
  CHECK(report.currencies[1].debits_pending == 50);
}

TEST_CASE("verify detects posted debits != credits in a currency") {
  LedgerSnapshot s = busy_snapshot();
  find_account(s, bob).credits_posted += 1;
  CHECK(has(verify(s), ViolationKind::debits_not_equal_credits));
}

TEST_CASE("verify detects pending debits != credits in a currency") {
  LedgerSnapshot s = busy_snapshot();
  find_account(s, bob).credits_pending += 1;
  CHECK(has(verify(s), ViolationKind::debits_not_equal_credits));
}

TEST_CASE("verify detects a balance that is not the fold of its entries") {
  LedgerSnapshot s = busy_snapshot();
  s.entries.erase(std::find_if(s.entries.begin(), s.entries.end(), [](const Entry& e) {
    return e.account_id == bob && e.column == EntryColumn::credits_pending;
  }));
  CHECK(has(verify(s), ViolationKind::balance_not_fold_of_entries));
}

TEST_CASE("verify detects a wrong balance_after") {
  LedgerSnapshot s = busy_snapshot();
  s.entries.front().balance_after_minor += 1;
  CHECK(has(verify(s), ViolationKind::balance_after_mismatch));
}

TEST_CASE("verify detects a balance that is not the sum of its transfers") {
  LedgerSnapshot s = busy_snapshot();
  s.transfers.erase(s.transfers.begin() + 4);  // transfer 5
  CHECK(has(verify(s), ViolationKind::balance_not_sum_of_transfers));
}

TEST_CASE("verify detects a broken debits_must_not_exceed_credits flag") {
  LedgerSnapshot s = busy_snapshot();
  find_account(s, alice).debits_posted += 10'000;
  CHECK(has(verify(s), ViolationKind::flag_violated));
}

TEST_CASE("verify detects a broken credits_must_not_exceed_debits flag") {
  LedgerSnapshot s = busy_snapshot();
  find_account(s, fees).credits_posted = 5;
  CHECK(has(verify(s), ViolationKind::flag_violated));
}

TEST_CASE("verify detects a negative balance") {
  LedgerSnapshot s = busy_snapshot();
  find_account(s, euro).debits_posted = -1;
  CHECK(has(verify(s), ViolationKind::negative_balance));
}

TEST_CASE("verify detects a pending resolved twice") {
  LedgerSnapshot s = busy_snapshot();
  TransferRecord second_void = find_transfer(s, 3);
  second_void.transfer.id = 77;
  second_void.transfer.flags = transfer_flags::void_pending;
  s.transfers.push_back(second_void);
  CHECK(has(verify(s), ViolationKind::pending_resolved_twice));
}

TEST_CASE("verify detects a pending status that contradicts its resolutions") {
  LedgerSnapshot s = busy_snapshot();
  find_transfer(s, 2).status = PendingStatus::voided;
  CHECK(has(verify(s), ViolationKind::pending_status_inconsistent));
  LedgerSnapshot t = busy_snapshot();
  find_transfer(t, 5).status = PendingStatus::pending;  // not a pending transfer
  CHECK(has(verify(t), ViolationKind::pending_status_inconsistent));
}

TEST_CASE("verify detects duplicate ids and entries without an account") {
  LedgerSnapshot s = busy_snapshot();
  s.accounts.push_back(s.accounts.front());
  CHECK(has(verify(s), ViolationKind::duplicate_id));
  LedgerSnapshot t = busy_snapshot();
  t.entries.front().account_id = 99;
  CHECK(has(verify(t), ViolationKind::entry_without_account));
}

TEST_CASE("verify detects a currency total that overflows") {
  LedgerSnapshot s = busy_snapshot();
  find_account(s, euro).credits_posted = std::numeric_limits<std::int64_t>::max();
  find_account(s, euro_source).credits_posted = std::numeric_limits<std::int64_t>::max();
  CHECK(has(verify(s), ViolationKind::totals_overflow));
}

TEST_CASE("verify bounds the number of violations it lists") {
  LedgerSnapshot s = busy_snapshot();
  for (Entry& e : s.entries) e.balance_after_minor = -1;
  for (int i = 0; i < 2000; ++i)
    s.entries.push_back(Entry{.id = 1u + static_cast<unsigned>(i), .account_id = 99});
  const VerifyReport report = verify(s);
  CHECK(report.violations.size() == 1000);
  CHECK(report.truncated);
}
