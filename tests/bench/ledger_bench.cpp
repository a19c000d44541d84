// Ledger core throughput: transfers per second through the pure engine (needs_for_transfers,
// load the touched accounts from an in-memory table, apply_transfers, write the new balances
// back), single thread, batches of 1, 100 and 8,000 over 10,000 and 100,000 accounts, with
// uniformly random accounts or with one hot account on the credit side of every transfer.
// Transfers are single-phase, NOK, on wallets with the no-overdraft flag (so every limit check
// runs). Storage of transfers and entries is not included (the engine returns them; a store
// persists them). Figures are printed, never asserted.
#include <cstdint>
#include <string>
#include <vector>

#include "bench.hpp"
#include "drop/ledger/ledger.hpp"

using namespace drop::ledger;  // NOLINT: bench brevity

namespace {

class Splitmix {
 public:
  explicit Splitmix(std::uint64_t seed) : state_(seed) {}
  std::uint64_t below(std::uint64_t n) {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return (z ^ (z >> 31)) % n;
  }

 private:
  std::uint64_t state_;
};

// Accounts 1..count in a vector indexed by id - 1 (the "table").
std::vector<Account> make_accounts(std::size_t count, drop::Currency nok) {
  std::vector<Account> accounts;
  accounts.reserve(count);
  for (std::size_t i = 0; i < count; ++i) {
    accounts.push_back(Account{.id = i + 1,
                               .currency = nok,
                               .kind = AccountKind::wallet,
                               .flags = account_flags::debits_must_not_exceed_credits,
                               .credits_posted = std::int64_t{1} << 50});
  }
  return accounts;
}

std::vector<Transfer> make_transfers(std::size_t count, std::size_t accounts, bool hot,
                                     drop::Currency nok) {
  Splitmix rng(count * 31 + accounts + (hot ? 1 : 0));
  std::vector<Transfer> transfers;
  transfers.reserve(count);
  for (std::size_t i = 0; i < count; ++i) {
    const AccountId debit = 2 + rng.below(accounts - 1);
    AccountId credit = hot ? 1 : 1 + rng.below(accounts);
    if (credit == debit) credit = debit == accounts ? 1 : debit + 1;
    transfers.push_back(Transfer{.id = i + 1,
                                 .debit_account_id = debit,
                                 .credit_account_id = credit,
                                 .amount_minor = 1 + static_cast<std::int64_t>(rng.below(1000)),
                                 .currency = nok,
                                 .code = 1});
  }
  return transfers;
}

void run(std::size_t account_count, std::size_t batch_size, bool hot) {
  const drop::Currency nok = *drop::Currency::from_code("NOK");
  std::vector<Account> table = make_accounts(account_count, nok);
  const std::size_t pool = std::max<std::size_t>(batch_size * 16, 160'000);
  const std::vector<Transfer> transfers = make_transfers(pool, account_count, hot, nok);
  std::vector<Account> locked;
  locked.reserve(2 * batch_size);
  std::size_t offset = 0;
  drop::Timestamp now = drop::Timestamp::from_unix_seconds(1'800'000'000);
  drop::Timestamp last{};
  const std::string name = "ledger: batch " + std::to_string(batch_size) + ", " +
                           std::to_string(account_count) + " accounts, " +
                           (hot ? "one hot account" : "uniform");
  drop_bench::measure(name.c_str(), batch_size, [&] {
    if (offset + batch_size > transfers.size()) offset = 0;
    const std::span<const Transfer> batch(transfers.data() + offset, batch_size);
    offset += batch_size;
    const BatchNeeds needs = needs_for_transfers(batch);
    locked.clear();
    for (const AccountId id : needs.account_ids) locked.push_back(table[id - 1]);
    const LockedState state{locked, {}, {}, last};
    BatchOutcome outcome = apply_transfers(state, batch, now);
    for (const Account& account : outcome.accounts) table[account.id - 1] = account;
    last = outcome.timestamp_last;
    now = now.plus_us(1);
    drop_bench::keep(outcome.results.data());
  });
}

}  // namespace

int main() {
  for (const std::size_t accounts : {10'000u, 100'000u}) {
    for (const bool hot : {false, true}) {
      for (const std::size_t batch : {1u, 100u, 8000u}) run(accounts, batch, hot);
    }
  }
}
