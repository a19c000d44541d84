// A concurrent, conflicting transfer load for any LedgerStore: `threads` callers post random
// transfers between a few wallets that cannot overdraw (so many are refused with
// exceeds_credits), including linked pairs and retries of ids already sent. Afterwards:
// no PortError reached a caller, every accepted id exists exactly once, no refused id exists,
// an idempotent retry answered `exists` or `id_already_failed`, money was neither created nor
// lost, and verify passes.
#pragma once

#include <atomic>
#include <catch2/catch.hpp>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "drop/ledger/verify.hpp"
#include "drop/ports/ledger_store.hpp"

namespace drop_test {

struct LoadShape {
  int threads = 32;
  int batches_per_thread = 40;
  int wallets = 8;  // few wallets: heavy conflicts
  std::int64_t deposit_minor = 5'000;
  std::uint64_t first_transfer_id = 1'000'000;
  std::uint64_t seed = 42;
};

inline std::uint64_t splitmix64(std::uint64_t& state) {
  std::uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

inline void run_conflicting_load(drop::ports::LedgerStore& store, const LoadShape& shape) {
  using namespace drop::ledger;
  const drop::Currency nok = *drop::Currency::from_code("NOK");
  const drop::Timestamp t0 = drop::Timestamp::from_unix_seconds(1'800'000'000);
  constexpr AccountId settlement = 1;
  std::vector<Account> accounts{
      Account{.id = settlement, .currency = nok, .kind = AccountKind::settlement}};
  for (int w = 0; w < shape.wallets; ++w) {
    accounts.push_back(Account{.id = static_cast<AccountId>(100 + w),
                               .currency = nok,
                               .kind = AccountKind::wallet,
                               .flags = account_flags::debits_must_not_exceed_credits});
  }
  REQUIRE(store.create_accounts(accounts, t0).ok());
  std::vector<Transfer> deposits;
  for (int w = 0; w < shape.wallets; ++w) {
    deposits.push_back(Transfer{.id = static_cast<TransferId>(10 + w),
                                .debit_account_id = settlement,
                                .credit_account_id = static_cast<AccountId>(100 + w),
                                .amount_minor = shape.deposit_minor,
                                .currency = nok,
                                .code = 1});
  }
  auto deposited = store.create_transfers(deposits, t0);
  REQUIRE(deposited.ok());
  for (auto result : *deposited) REQUIRE(result == CreateTransferResult::ok);

  std::atomic<int> port_errors{0}, bad_retries{0};
  std::mutex mutex;
  std::vector<TransferId> accepted, refused;
  std::vector<std::string> retry_surprises;
  std::vector<std::thread> callers;
  for (int t = 0; t < shape.threads; ++t) {
    callers.emplace_back([&, t] {
      std::uint64_t random = shape.seed * 1000 + static_cast<std::uint64_t>(t);
      TransferId next_id = shape.first_transfer_id + static_cast<TransferId>(t) * 100'000;
      std::vector<TransferId> mine_accepted, mine_refused;
      for (int b = 0; b < shape.batches_per_thread; ++b) {
        std::vector<Transfer> batch;
        const int size = 1 + static_cast<int>(splitmix64(random) % 3);
        for (int i = 0; i < size; ++i) {
          const auto from = static_cast<AccountId>(100 + splitmix64(random) % shape.wallets);
          auto to = static_cast<AccountId>(100 + splitmix64(random) % shape.wallets);
          if (to == from) to = static_cast<AccountId>(100 + (to - 100 + 1) % shape.wallets);
          const bool link = i + 1 < size && splitmix64(random) % 4 == 0;
          batch.push_back(
              Transfer{.id = next_id++,
                       .debit_account_id = from,
                       .credit_account_id = to,
                       .amount_minor = 1 + static_cast<std::int64_t>(splitmix64(random) % 900),
                       .currency = nok,
                       .code = 2,
                       .flags = link ? transfer_flags::linked : transfer_flags::none});
        }
        const auto now = t0.plus_seconds(1 + b);
        auto results = store.create_transfers(batch, now);
        if (!results) {
          ++port_errors;
          continue;
        }
        for (std::size_t i = 0; i < batch.size(); ++i) {
          ((*results)[i] == CreateTransferResult::ok ? mine_accepted : mine_refused)
              .push_back(batch[i].id);
        }
        if (splitmix64(random) % 5 == 0) {  // retry the whole batch with the same ids
          auto again = store.create_transfers(batch, now);
          if (!again) {
            ++port_errors;
            continue;
          }
          for (std::size_t i = 0; i < batch.size(); ++i) {
            const auto first = (*results)[i];
            const auto second = (*again)[i];
            // Accepted: `exists`. Refused for the account state: recorded, `id_already_failed`.
            // Refused only because its chain failed (linked_event_failed): nothing was recorded
            // for it, so the retry is judged afresh and may now pass.
            bool fine = false;
            if (first == CreateTransferResult::ok) {
              fine = second == CreateTransferResult::exists;
            } else if (first == CreateTransferResult::linked_event_failed) {
              fine = true;
              if (second == CreateTransferResult::ok) {
                std::erase(mine_refused, batch[i].id);
                mine_accepted.push_back(batch[i].id);
              }
            } else {
              // Recorded: never accepted later. (Its chain may break earlier this time.)
              fine = second == CreateTransferResult::id_already_failed ||
                     second == CreateTransferResult::linked_event_failed;
            }
            if (!fine) {
              std::lock_guard lock(mutex);
              retry_surprises.push_back(std::string(to_string(first)) + " then " +
                                        std::string(to_string(second)));
              ++bad_retries;
            }
          }
        }
      }
      std::lock_guard lock(mutex);
      accepted.insert(accepted.end(), mine_accepted.begin(), mine_accepted.end());
      refused.insert(refused.end(), mine_refused.begin(), mine_refused.end());
    });
  }
  for (auto& caller : callers) caller.join();
  CHECK(port_errors.load() == 0);
  for (const auto& surprise : retry_surprises) UNSCOPED_INFO("retry: " << surprise);
  CHECK(bad_retries.load() == 0);
  CHECK(!accepted.empty());
  CHECK(!refused.empty());  // the wallets are small: conflicts must refuse some

  for (std::size_t offset = 0; offset < accepted.size(); offset += 4000) {
    const std::span<const TransferId> chunk(accepted.data() + offset,
                                            std::min<std::size_t>(4000, accepted.size() - offset));
    auto found = store.lookup_transfers(chunk);
    REQUIRE(found.ok());
    CHECK(found->size() == chunk.size());
  }
  for (std::size_t offset = 0; offset < refused.size(); offset += 4000) {
    const std::span<const TransferId> chunk(refused.data() + offset,
                                            std::min<std::size_t>(4000, refused.size() - offset));
    auto found = store.lookup_transfers(chunk);
    REQUIRE(found.ok());
    CHECK(found->empty());
  }
  std::vector<AccountId> wallet_ids;
  for (int w = 0; w < shape.wallets; ++w) wallet_ids.push_back(static_cast<AccountId>(100 + w));
  auto wallets = store.lookup_accounts(wallet_ids);
  REQUIRE(wallets.ok());
  std::int64_t total = 0;
  for (const Account& wallet : *wallets) {
    CHECK(wallet.debits_posted <= wallet.credits_posted);
    total += wallet.posted_net();
  }
  CHECK(total == shape.deposit_minor * shape.wallets);
  auto report = drop::ports::verify_store(store);
  REQUIRE(report.ok());
  CHECK(report->ok());
}

}  // namespace drop_test
