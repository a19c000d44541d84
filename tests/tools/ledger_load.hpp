// The deterministic load shared by drop_test_ledger_load and the tests that drive it: a
// settlement account 1 and wallets 100..(100 + load_wallets - 1) that cannot overdraw; transfer
// `id` moves a small amount between two wallets chosen from the id (so many are refused when a
// wallet runs dry).
#pragma once

#include <vector>

#include "drop/ledger/account.hpp"
#include "drop/ledger/transfer.hpp"

namespace drop_test {

inline constexpr int load_wallets = 6;
inline constexpr std::int64_t load_deposit_minor = 20'000;

inline drop::Timestamp load_now() { return drop::Timestamp::from_unix_seconds(1'800'000'000); }

inline std::uint64_t load_mix(std::uint64_t x) {
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdULL;
  x ^= x >> 33;
  return x;
}

inline drop::ledger::Transfer load_transfer(drop::ledger::TransferId id) {
  const std::uint64_t h = load_mix(id);
  const auto from = static_cast<drop::ledger::AccountId>(100 + h % load_wallets);
  auto to = static_cast<drop::ledger::AccountId>(100 + (h >> 8) % load_wallets);
  if (to == from) to = 100 + (to - 100 + 1) % load_wallets;
  return drop::ledger::Transfer{.id = id,
                                .debit_account_id = from,
                                .credit_account_id = to,
                                .amount_minor = 1 + static_cast<std::int64_t>((h >> 16) % 3000),
                                .currency = *drop::Currency::from_code("NOK"),
                                .code = 2};
}

inline std::vector<drop::ledger::Account> load_accounts() {
  const drop::Currency nok = *drop::Currency::from_code("NOK");
  std::vector<drop::ledger::Account> accounts{
      {.id = 1, .currency = nok, .kind = drop::ledger::AccountKind::settlement}};
  for (int w = 0; w < load_wallets; ++w) {
    accounts.push_back({.id = static_cast<drop::ledger::AccountId>(100 + w),
                        .currency = nok,
                        .kind = drop::ledger::AccountKind::wallet,
                        .flags = drop::ledger::account_flags::debits_must_not_exceed_credits});
  }
  return accounts;
}

inline std::vector<drop::ledger::Transfer> load_deposits() {
  std::vector<drop::ledger::Transfer> deposits;
  for (int w = 0; w < load_wallets; ++w) {
    deposits.push_back({.id = static_cast<drop::ledger::TransferId>(10 + w),
                        .debit_account_id = 1,
                        .credit_account_id = static_cast<drop::ledger::AccountId>(100 + w),
                        .amount_minor = load_deposit_minor,
                        .currency = *drop::Currency::from_code("NOK"),
                        .code = 1});
  }
  return deposits;
}

}  // namespace drop_test
