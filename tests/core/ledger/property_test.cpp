// Seeded randomized property test of the ledger: at least 1,000,000 operations (random accounts
// in three currencies with random limits, single-phase and pending transfers, posts (full and
// partial), voids, expiries, linked chains, retries with the same id, invalid transfers) run
// through LedgerState and, independently, through a plain model (property_model.hpp).
// After every batch: results, created transfers, pending changes and the balances of every
// touched account must equal the model's; and, incrementally, per-currency debits == credits
// (posted and pending), every touched balance == the fold of its entries, balance_after,
// flags, and each pending resolved at most once. A full verify() runs periodically and at the
// end. The seed is printed; DROP_SEED=<n> replays a run exactly. A second case replays a seed
// twice and compares the final state hashes.
#include <algorithm>
#include <array>
#include <cinttypes>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <set>
#include <string>

#include "ledger_fixture.hpp"
#include "property_model.hpp"

using namespace ledger_test;  // NOLINT
using ledger_model::Model;
using R = CreateTransferResult;

namespace {

// splitmix64: tiny, and identical on every platform and standard library.
class Rng {
 public:
  explicit Rng(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  std::uint64_t below(std::uint64_t n) { return next() % n; }  // n > 0
  bool chance(std::uint64_t percent) { return below(100) < percent; }

 private:
  std::uint64_t state_;
};

std::uint64_t seed_from_environment() {
  const char* text = std::getenv("DROP_SEED");
  return text != nullptr ? std::strtoull(text, nullptr, 0) : 0x5EED'1ED6'E400ull;
}

struct Run {
  std::uint64_t operations = 0;
  std::uint64_t batches = 0;
  std::uint64_t accepted = 0;
  std::uint64_t state_hash = 0;
  std::map<R, std::uint64_t> results;
};

class Simulation {
 public:
  explicit Simulation(std::uint64_t seed) : rng_(seed) {}
  Run run(std::uint64_t operations_target);

 private:
  void create_accounts(std::size_t count);
  Transfer random_transfer();
  Transfer random_resolution();
  std::vector<Transfer> random_batch();
  void check_batch(const std::vector<Transfer>& batch, const BatchOutcome& outcome,
                   const std::vector<R>& expected, const std::vector<TransferRecord>& created);
  void check_outcome_invariants(const BatchOutcome& outcome);
  void check_full();
  std::uint64_t hash_state() const;

  Rng rng_;
  LedgerState state_;
  Model model_;
  Timestamp now_ = t0;
  AccountId accounts_ = 0;
  std::map<std::uint16_t, std::vector<AccountId>> by_currency_;  // created accounts
  TransferId next_id_ = 1;
  std::vector<Transfer> sent_;           // ring of recent transfers, for retries
  std::vector<Transfer> sent_pendings_;  // ring of recent pending transfers
  std::map<std::uint16_t, std::array<std::int64_t, 4>> totals_;  // currency index -> columns
  std::map<AccountId, std::array<std::int64_t, 4>> folds_;
  std::map<AccountId, std::int64_t> nets_;
  std::set<TransferId> resolved_;
  Run result_;
};

const char* const currency_codes[] = {"NOK", "EUR", "SEK"};

void Simulation::create_accounts(std::size_t count) {
  std::vector<Account> batch;
  for (std::size_t i = 0; i < count; ++i) {
    const std::uint16_t flags = rng_.chance(50)   ? account_flags::debits_must_not_exceed_credits
                                : rng_.chance(20) ? account_flags::credits_must_not_exceed_debits
                                                  : account_flags::none;
    const AccountId id = rng_.chance(5) && accounts_ > 0 ? 1 + rng_.below(accounts_) : ++accounts_;
    batch.push_back(account(id, currency_codes[rng_.below(3)],
                            static_cast<AccountKind>(1 + rng_.below(6)), flags));
  }
  now_ = now_.plus_us(static_cast<std::int64_t>(rng_.below(1000)));
  const AccountBatchOutcome outcome = state_.create_accounts(batch, now_);
  for (const Account& created : outcome.accounts) {
    by_currency_[created.currency.index()].push_back(created.id);
  }
  const auto expected = model_.create_accounts(batch, now_);
  if (outcome.results != expected) FAIL("create_accounts results differ from the model");
  result_.operations += count;
}

Transfer Simulation::random_resolution() {
  const Transfer& p = sent_pendings_[rng_.below(sent_pendings_.size())];
  const bool post = rng_.chance(65);
  Transfer t = transfer(next_id_++, 0, 0, 0,
                        post ? transfer_flags::post_pending : transfer_flags::void_pending);
  t.pending_id = p.id;
  t.currency = p.currency;
  t.code = 0;
  if (post && rng_.chance(50))
    t.amount_minor =
        1 + static_cast<std::int64_t>(rng_.below(static_cast<std::uint64_t>(p.amount_minor) + 2));
  if (rng_.chance(20)) {  // spell out the inherited fields
    t.debit_account_id = p.debit_account_id;
    t.credit_account_id = p.credit_account_id;
    t.code = p.code;
  }
  if (rng_.chance(3)) t.credit_account_id = p.debit_account_id;  // a different credit account
  return t;
}

Transfer Simulation::random_transfer() {
  const std::uint64_t kind = rng_.below(100);
  if (kind < 8 && !sent_.empty()) {  // a retry: identical, or with another amount
    Transfer t = sent_[rng_.below(sent_.size())];
    t.flags &= static_cast<std::uint16_t>(~transfer_flags::linked);
    if (rng_.chance(25)) t.amount_minor += 1;
    return t;
  }
  if (kind < 26 && !sent_pendings_.empty()) return random_resolution();
  const AccountId debit = 1 + rng_.below(accounts_ + 2);  // sometimes an unknown account
  AccountId credit = 1 + rng_.below(accounts_ + 2);
  if (const Account* a = state_.account(debit); a != nullptr && rng_.chance(95)) {
    // Mostly an account of the same currency (else accounts_must_have_same_currency).
    const std::vector<AccountId>& same = by_currency_.at(a->currency.index());
    credit = same[rng_.below(same.size())];
  }
  std::int64_t amount = 1 + static_cast<std::int64_t>(rng_.below(rng_.chance(10) ? 100'000 : 1000));
  if (rng_.chance(1)) amount = 0;
  const bool pending = kind < 45;
  Transfer t = transfer(rng_.chance(1) ? 0 : next_id_++, debit, credit, amount,
                        pending ? transfer_flags::pending : transfer_flags::none);
  if (const Account* a = state_.account(debit); a != nullptr && !rng_.chance(2)) {
    t.currency = a->currency;
  }
  if (pending && rng_.chance(60)) t.timeout_s = 1 + static_cast<std::uint32_t>(rng_.below(120));
  t.code = static_cast<std::uint16_t>(1 + rng_.below(5));
  if (rng_.chance(10)) t.reference = "ref " + std::to_string(rng_.below(100));
  return t;
}

std::vector<Transfer> Simulation::random_batch() {
  const std::size_t size = rng_.chance(5) ? 1 + rng_.below(400) : 1 + rng_.below(40);
  std::vector<Transfer> batch;
  batch.reserve(size);
  while (batch.size() < size) {
    if (rng_.chance(15)) {  // a linked chain of 2..4 (rarely left open at the batch's end)
      const std::size_t length = 2 + rng_.below(3);
      for (std::size_t i = 0; i < length && batch.size() < size; ++i) {
        Transfer t = random_transfer();
        if (i + 1 < length) t.flags |= transfer_flags::linked;
        batch.push_back(t);
      }
      continue;
    }
    batch.push_back(random_transfer());
  }
  auto remember = [this](std::vector<Transfer>& ring, const Transfer& t) {
    if (ring.size() < 4096) {
      ring.push_back(t);
    } else {
      ring[rng_.below(ring.size())] = t;
    }
  };
  for (const Transfer& t : batch) {
    remember(sent_, t);
    if (t.has_flag(transfer_flags::pending)) remember(sent_pendings_, t);
  }
  return batch;
}

// The model and the engine must agree on everything the batch did.
void Simulation::check_batch(const std::vector<Transfer>& batch, const BatchOutcome& outcome,
                             const std::vector<R>& expected,
                             const std::vector<TransferRecord>& created) {
  for (std::size_t i = 0; i < batch.size(); ++i) {
    if (outcome.results[i] != expected[i]) {
      FAIL("batch " << result_.batches << " event " << i << " (id " << batch[i].id << "): engine "
                    << to_string(outcome.results[i]) << ", model " << to_string(expected[i]));
    }
    ++result_.results[expected[i]];
  }
  if (outcome.transfers != created)
    FAIL("batch " << result_.batches << ": created transfers differ");
  for (const TransferRecord& record : outcome.transfers) {
    for (const AccountId id :
         {record.transfer.debit_account_id, record.transfer.credit_account_id}) {
      if (!(*state_.account(id) == model_.accounts.at(id))) {
        FAIL("batch " << result_.batches << ": account " << id << " differs from the model");
      }
    }
  }
  for (const Account& account : outcome.accounts) {
    if (!(account == model_.accounts.at(account.id))) {
      FAIL("batch " << result_.batches << ": account " << account.id << " differs from the model");
    }
  }
  if (model_.last != state_.timestamp_last()) FAIL("timestamp_last differs from the model");
}

// Invariants checked incrementally from the outcome (a full verify() is too slow per batch).
void Simulation::check_outcome_invariants(const BatchOutcome& outcome) {
  for (const Entry& e : outcome.entries) {
    const Account& a = *state_.account(e.account_id);
    totals_[a.currency.index()][static_cast<std::size_t>(e.column)] += e.amount_minor;
    folds_[e.account_id][static_cast<std::size_t>(e.column)] += e.amount_minor;
    std::int64_t& net = nets_[e.account_id];
    if (e.column == EntryColumn::credits_posted) net += e.amount_minor;
    if (e.column == EntryColumn::debits_posted) net -= e.amount_minor;
    if (e.balance_after_minor != net) FAIL("entry " << e.id << ": wrong balance_after");
  }
  for (const Account& a : outcome.accounts) {
    const auto& fold = folds_[a.id];
    for (std::size_t column = 0; column < 4; ++column) {
      if (column_of(a, static_cast<EntryColumn>(column)) != fold[column]) {
        FAIL("account " << a.id << ": balance is not the fold of its entries");
      }
    }
    if (a.has_flag(account_flags::debits_must_not_exceed_credits) &&
        a.debits_posted + a.debits_pending > a.credits_posted) {
      FAIL("account " << a.id << ": debits exceed credits");
    }
    if (a.has_flag(account_flags::credits_must_not_exceed_debits) &&
        a.credits_posted + a.credits_pending > a.debits_posted) {
      FAIL("account " << a.id << ": credits exceed debits");
    }
  }
  for (const auto& [currency, sums] : totals_) {
    const auto sum = [&sums](EntryColumn c) { return sums[static_cast<std::size_t>(c)]; };
    if (sum(EntryColumn::debits_posted) != sum(EntryColumn::credits_posted) ||
        sum(EntryColumn::debits_pending) != sum(EntryColumn::credits_pending)) {
      FAIL("currency index " << currency << ": debits != credits");
    }
  }
  for (const PendingChange& change : outcome.pending_changes) {
    if (!resolved_.insert(change.pending_id).second) {
      FAIL("pending " << change.pending_id << " resolved twice");
    }
  }
}

void Simulation::check_full() {
  const VerifyReport report = verify(state_.snapshot());
  if (!report.ok()) FAIL("verify: " << report.violations.front().text);
}

std::uint64_t Simulation::hash_state() const {
  std::uint64_t hash = 0xCBF29CE484222325ull;
  const auto mix = [&hash](std::uint64_t value) {
    hash ^= value;
    hash *= 0x100000001B3ull;
  };
  const LedgerSnapshot snapshot = state_.snapshot();
  for (const Account& a : snapshot.accounts) {
    for (const std::int64_t v : {a.debits_posted, a.credits_posted, a.debits_pending,
                                 a.credits_pending, a.timestamp.unix_us}) {
      mix(static_cast<std::uint64_t>(v));
    }
  }
  for (const TransferRecord& r : snapshot.transfers) {
    mix(r.transfer.id);
    mix(static_cast<std::uint64_t>(r.transfer.amount_minor));
    mix(static_cast<std::uint64_t>(r.transfer.timestamp.unix_us));
    mix(static_cast<std::uint64_t>(r.status));
  }
  for (const Entry& e : snapshot.entries) mix(e.id ^ static_cast<std::uint64_t>(e.amount_minor));
  return hash;
}

Run Simulation::run(std::uint64_t operations_target) {
  create_accounts(20 + rng_.below(40));
  while (result_.operations < operations_target) {
    now_ = now_.plus_us(static_cast<std::int64_t>(rng_.below(3'000'000)));
    if (rng_.chance(1)) create_accounts(1 + rng_.below(4));
    if (rng_.chance(4)) {  // the expiry sweep
      const std::size_t limit = 1 + rng_.below(200);
      const BatchOutcome outcome = state_.expire_pending(now_, limit);
      const std::vector<TransferId> expected = model_.expire(now_, limit);
      std::vector<TransferId> released;
      for (const PendingChange& change : outcome.pending_changes)
        released.push_back(change.pending_id);
      if (released != expected) FAIL("expiry sweep differs from the model");
      check_outcome_invariants(outcome);
      result_.operations += 1 + released.size();
    }
    const std::vector<Transfer> batch = random_batch();
    const BatchOutcome outcome = state_.create_transfers(batch, now_);
    std::vector<TransferRecord> created;
    const std::vector<R> expected = model_.create_transfers(batch, now_, created);
    check_batch(batch, outcome, expected, created);
    check_outcome_invariants(outcome);
    result_.operations += batch.size();
    result_.accepted += outcome.transfers.size();
    if (++result_.batches % 16384 == 0) check_full();
  }
  check_full();
  result_.state_hash = hash_state();
  return result_;
}

}  // namespace

TEST_CASE("property: one million random operations agree with the model and keep every invariant") {
  const std::uint64_t seed = seed_from_environment();
  std::printf("ledger property test: seed %" PRIu64 " (replay: DROP_SEED=%" PRIu64 ")\n", seed,
              seed);
  // DROP_PROPERTY_OPERATIONS changes the count (a longer soak, or a short run to profile).
  const char* configured = std::getenv("DROP_PROPERTY_OPERATIONS");
  const std::uint64_t operations =
      configured != nullptr ? std::strtoull(configured, nullptr, 0) : std::uint64_t{1'000'000};
  const Run run = Simulation(seed).run(operations);
  std::printf("ledger property test: %" PRIu64 " operations, %" PRIu64 " batches, %" PRIu64
              " accepted, state hash %016" PRIx64 "\n",
              run.operations, run.batches, run.accepted, run.state_hash);
  for (const auto& [result, count] : run.results) {
    std::printf("  %-50s %10" PRIu64 "\n", std::string(to_string(result)).c_str(), count);
  }
  CHECK(run.operations >= operations);
  // The generator must reach the interesting paths, not only the happy one.
  for (const R reason : {R::ok, R::exists, R::exists_with_different_amount, R::id_already_failed,
                         R::linked_event_failed, R::exceeds_credits, R::pending_transfer_expired,
                         R::pending_transfer_already_posted, R::pending_transfer_already_voided,
                         R::debit_account_not_found, R::accounts_must_have_same_currency,
                         R::exceeds_pending_transfer_amount}) {
    INFO(to_string(reason));
    CHECK(run.results.count(reason) == 1);
  }
}

TEST_CASE("property: the same seed replays to an identical final state") {
  const std::uint64_t seed = seed_from_environment() + 1;
  const Run first = Simulation(seed).run(100'000);
  const Run second = Simulation(seed).run(100'000);
  CHECK(first.state_hash == second.state_hash);
  CHECK(first.operations == second.operations);
  const Run other = Simulation(seed + 1).run(100'000);
  CHECK(other.state_hash != first.state_hash);
}
