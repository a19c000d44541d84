// Shared helpers of the ledger tests: a small ledger with known accounts, transfer builders,
// and an always-verify check. Not a test file itself (no _test suffix).
#pragma once

#include <catch2/catch.hpp>
#include <initializer_list>
#include <string>
#include <vector>

#include "drop/ledger/ledger_state.hpp"
#include "drop/ledger/verify.hpp"

namespace ledger_test {

using namespace drop::ledger;  // NOLINT: test brevity
using drop::Currency;
using drop::Timestamp;

inline Currency currency(const char* code) { return *Currency::from_code(code); }
inline constexpr Timestamp t0 = Timestamp::from_unix_seconds(1'800'000'000);

// Account ids of the standard ledger.
inline constexpr AccountId settlement = 1;   // NOK, no limits (the money's source)
inline constexpr AccountId alice = 2;        // NOK wallet, debits_must_not_exceed_credits
inline constexpr AccountId bob = 3;          // NOK wallet, debits_must_not_exceed_credits
inline constexpr AccountId fees = 4;         // NOK fees, credits_must_not_exceed_debits
inline constexpr AccountId euro = 5;         // EUR wallet, no limits
inline constexpr AccountId euro_source = 6;  // EUR settlement

inline Account account(AccountId id, const char* code, AccountKind kind, std::uint16_t flags) {
  return Account{.id = id, .currency = currency(code), .kind = kind, .flags = flags};
}

inline Transfer transfer(TransferId id, AccountId debit, AccountId credit, std::int64_t amount,
                         std::uint16_t flags = transfer_flags::none) {
  return Transfer{.id = id,
                  .debit_account_id = debit,
                  .credit_account_id = credit,
                  .amount_minor = amount,
                  .currency = currency("NOK"),
                  .code = 1,
                  .flags = flags};
}
inline Transfer pending(TransferId id, AccountId debit, AccountId credit, std::int64_t amount,
                        std::uint32_t timeout_s = 0) {
  Transfer t = transfer(id, debit, credit, amount, transfer_flags::pending);
  t.timeout_s = timeout_s;
  return t;
}
inline Transfer post(TransferId id, TransferId pending_id, std::int64_t amount = 0) {
  Transfer t = transfer(id, 0, 0, amount, transfer_flags::post_pending);
  t.pending_id = pending_id;
  t.code = 0;
  return t;
}
inline Transfer void_pending(TransferId id, TransferId pending_id) {
  Transfer t = post(id, pending_id);
  t.flags = transfer_flags::void_pending;
  return t;
}

struct Ledger {
  LedgerState state;
  Timestamp now = t0;

  Ledger() {
    const std::vector<Account> accounts{
        account(settlement, "NOK", AccountKind::settlement, account_flags::none),
        account(alice, "NOK", AccountKind::wallet, account_flags::debits_must_not_exceed_credits),
        account(bob, "NOK", AccountKind::wallet, account_flags::debits_must_not_exceed_credits),
        account(fees, "NOK", AccountKind::fees, account_flags::credits_must_not_exceed_debits),
        account(euro, "EUR", AccountKind::wallet, account_flags::none),
        account(euro_source, "EUR", AccountKind::settlement, account_flags::none),
    };
    for (const CreateAccountResult r : state.create_accounts(accounts, now).results) {
      REQUIRE(r == CreateAccountResult::ok);
    }
  }
  std::vector<CreateTransferResult> create(const std::vector<Transfer>& batch) {
    now = now.plus_seconds(1);
    return state.create_transfers(batch, now).results;
  }
  CreateTransferResult create(const Transfer& t) { return create(std::vector<Transfer>{t})[0]; }
  const Account& get(AccountId id) const {
    const Account* a = state.account(id);
    REQUIRE(a != nullptr);
    return *a;
  }
  // Funds a wallet from settlement.
  void fund(AccountId id, std::int64_t amount, TransferId transfer_id) {
    REQUIRE(create(transfer(transfer_id, settlement, id, amount)) == CreateTransferResult::ok);
  }
  void check_verified() const {
    const VerifyReport report = verify(state.snapshot());
    for (const Violation& v : report.violations) INFO(v.text);
    CHECK(report.violations.empty());
  }
};

}  // namespace ledger_test

namespace Catch {
template <>
struct StringMaker<drop::ledger::CreateTransferResult> {
  static std::string convert(drop::ledger::CreateTransferResult r) {
    return std::string(drop::ledger::to_string(r));
  }
};
template <>
struct StringMaker<drop::ledger::CreateAccountResult> {
  static std::string convert(drop::ledger::CreateAccountResult r) {
    return std::string(drop::ledger::to_string(r));
  }
};
}  // namespace Catch
