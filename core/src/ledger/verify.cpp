// verify: every ledger invariant over a snapshot (see verify.hpp).
#include "drop/ledger/verify.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <limits>
#include <map>
#include <unordered_map>

#include "drop/limits.hpp"

namespace drop::ledger {
namespace {

using Columns = std::array<std::int64_t, 4>;  // indexed by EntryColumn

class Checker {
 public:
  explicit Checker(const LedgerSnapshot& snapshot) : snapshot_(snapshot) {}
  VerifyReport run();

 private:
  template <typename... Args>
  void report(ViolationKind kind, std::uint64_t id, fmt::format_string<Args...> format,
              Args&&... args) {
    if (report_.violations.size() >= limits::ledger_verify_violations_max) {
      report_.truncated = true;
      return;
    }
    report_.violations.push_back(
        Violation{kind, id, fmt::format(format, std::forward<Args>(args)...)});
  }
  // Adds b to a; false (and a unchanged) on overflow.
  static bool add(std::int64_t& a, std::int64_t b) {
    if ((b > 0 && a > std::numeric_limits<std::int64_t>::max() - b) ||
        (b < 0 && a < std::numeric_limits<std::int64_t>::min() - b)) {
      return false;
    }
    a += b;
    return true;
  }
  void check_accounts();
  void check_totals();
  void check_entries();
  void check_transfers();
  void compare(const char* what, ViolationKind kind,
               const std::unordered_map<AccountId, Columns>& sums);

  const LedgerSnapshot& snapshot_;
  VerifyReport report_;
  std::unordered_map<AccountId, const Account*> accounts_;
};

void Checker::check_accounts() {
  accounts_.reserve(snapshot_.accounts.size());
  for (const Account& a : snapshot_.accounts) {
    if (!accounts_.emplace(a.id, &a).second) {
      report(ViolationKind::duplicate_id, a.id, "account {}: duplicate id", a.id);
    }
    for (const EntryColumn column : {EntryColumn::debits_posted, EntryColumn::credits_posted,
                                     EntryColumn::debits_pending, EntryColumn::credits_pending}) {
      if (column_of(a, column) < 0) {
        report(ViolationKind::negative_balance, a.id, "account {}: {} is negative ({})", a.id,
               to_string(column), column_of(a, column));
      }
    }
    std::int64_t debits = a.debits_posted;
    std::int64_t credits = a.credits_posted;
    const bool debits_fit = add(debits, a.debits_pending);
    const bool credits_fit = add(credits, a.credits_pending);
    if (a.has_flag(account_flags::debits_must_not_exceed_credits) &&
        (!debits_fit || debits > a.credits_posted)) {
      report(ViolationKind::flag_violated, a.id,
             "account {}: debits_posted {} + debits_pending {} exceed credits_posted {}", a.id,
             a.debits_posted, a.debits_pending, a.credits_posted);
    }
    if (a.has_flag(account_flags::credits_must_not_exceed_debits) &&
        (!credits_fit || credits > a.debits_posted)) {
      report(ViolationKind::flag_violated, a.id,
             "account {}: credits_posted {} + credits_pending {} exceed debits_posted {}", a.id,
             a.credits_posted, a.credits_pending, a.debits_posted);
    }
  }
}

void Checker::check_totals() {
  std::map<std::string_view, CurrencyTotals> totals;
  for (const Account& a : snapshot_.accounts) {
    auto [it, inserted] = totals.try_emplace(a.currency.code(), CurrencyTotals{a.currency});
    CurrencyTotals& t = it->second;
    if (!add(t.debits_posted, a.debits_posted) || !add(t.credits_posted, a.credits_posted) ||
        !add(t.debits_pending, a.debits_pending) || !add(t.credits_pending, a.credits_pending)) {
      report(ViolationKind::totals_overflow, 0, "{}: a total does not fit in int64",
             a.currency.code());
    }
  }
  for (const auto& [code, t] : totals) {
    if (t.debits_posted != t.credits_posted) {
      report(ViolationKind::debits_not_equal_credits, 0,
             "{}: debits_posted {} != credits_posted {}", code, t.debits_posted, t.credits_posted);
    }
    if (t.debits_pending != t.credits_pending) {
      report(ViolationKind::debits_not_equal_credits, 0,
             "{}: debits_pending {} != credits_pending {}", code, t.debits_pending,
             t.credits_pending);
    }
    report_.currencies.push_back(t);
  }
}

void Checker::check_entries() {
  std::vector<const Entry*> entries;
  entries.reserve(snapshot_.entries.size());
  for (const Entry& e : snapshot_.entries) entries.push_back(&e);
  std::sort(entries.begin(), entries.end(), [](const Entry* a, const Entry* b) {
    return a->account_id != b->account_id ? a->account_id < b->account_id : a->id < b->id;
  });
  std::unordered_map<AccountId, Columns> folds;
  const Entry* previous = nullptr;
  std::int64_t net = 0;
  for (const Entry* e : entries) {
    if (accounts_.find(e->account_id) == accounts_.end()) {
      report(ViolationKind::entry_without_account, e->id, "entry {}: no account {}", e->id,
             e->account_id);
      continue;
    }
    if (previous == nullptr || previous->account_id != e->account_id) net = 0;
    if (previous != nullptr && previous->account_id == e->account_id && previous->id == e->id) {
      report(ViolationKind::duplicate_id, e->id, "entry {}: duplicate id", e->id);
    }
    previous = e;
    Columns& fold = folds[e->account_id];
    add(fold[static_cast<std::size_t>(e->column)], e->amount_minor);
    if (e->column == EntryColumn::credits_posted) add(net, e->amount_minor);
    if (e->column == EntryColumn::debits_posted) add(net, -e->amount_minor);
    if (net != e->balance_after_minor) {
      report(ViolationKind::balance_after_mismatch, e->id,
             "entry {} (account {}): balance_after {} but the entries before it give {}", e->id,
             e->account_id, e->balance_after_minor, net);
    }
  }
  compare("the fold of its entries", ViolationKind::balance_not_fold_of_entries, folds);
}

void Checker::compare(const char* what, ViolationKind kind,
                      const std::unordered_map<AccountId, Columns>& sums) {
  static const Columns zero{};
  for (const Account& a : snapshot_.accounts) {
    const auto it = sums.find(a.id);
    const Columns& sum = it == sums.end() ? zero : it->second;
    for (std::size_t column = 0; column < 4; ++column) {
      const auto c = static_cast<EntryColumn>(column);
      if (column_of(a, c) != sum[column]) {
        report(kind, a.id, "account {}: {} is {} but {} gives {}", a.id, to_string(c),
               column_of(a, c), what, sum[column]);
      }
    }
  }
}

}  // namespace

namespace {

struct Resolutions {
  int posts = 0;
  int voids = 0;
};

void Checker::check_transfers() {
  std::unordered_map<TransferId, const TransferRecord*> transfers;
  transfers.reserve(snapshot_.transfers.size());
  std::unordered_map<TransferId, Resolutions> resolutions;
  std::unordered_map<AccountId, Columns> sums;
  for (const TransferRecord& record : snapshot_.transfers) {
    const Transfer& t = record.transfer;
    if (!transfers.emplace(t.id, &record).second) {
      report(ViolationKind::duplicate_id, t.id, "transfer {}: duplicate id", t.id);
    }
    if (t.has_flag(transfer_flags::post_pending)) ++resolutions[t.pending_id].posts;
    if (t.has_flag(transfer_flags::void_pending)) ++resolutions[t.pending_id].voids;
    const bool posts =
        !t.has_flag(transfer_flags::pending) && !t.has_flag(transfer_flags::void_pending);
    const bool reserves = record.status == PendingStatus::pending;
    if (posts) {
      add(sums[t.debit_account_id][static_cast<std::size_t>(EntryColumn::debits_posted)],
          t.amount_minor);
      add(sums[t.credit_account_id][static_cast<std::size_t>(EntryColumn::credits_posted)],
          t.amount_minor);
    } else if (reserves) {
      add(sums[t.debit_account_id][static_cast<std::size_t>(EntryColumn::debits_pending)],
          t.amount_minor);
      add(sums[t.credit_account_id][static_cast<std::size_t>(EntryColumn::credits_pending)],
          t.amount_minor);
    }
  }
  for (const auto& [pending_id, resolved] : resolutions) {
    if (resolved.posts + resolved.voids > 1) {
      report(ViolationKind::pending_resolved_twice, pending_id,
             "pending {}: resolved {} times ({} posts, {} voids)", pending_id,
             resolved.posts + resolved.voids, resolved.posts, resolved.voids);
    }
    const auto it = transfers.find(pending_id);
    if (it == transfers.end() || it->second->status == PendingStatus::none) {
      report(ViolationKind::pending_status_inconsistent, pending_id,
             "transfer {}: posted or voided but it is not a stored pending transfer", pending_id);
    }
  }
  for (const TransferRecord& record : snapshot_.transfers) {
    const TransferId id = record.transfer.id;
    const bool is_pending = record.transfer.has_flag(transfer_flags::pending);
    if (is_pending != (record.status != PendingStatus::none)) {
      report(ViolationKind::pending_status_inconsistent, id, "transfer {}: status {} with flags {}",
             id, to_string(record.status), record.transfer.flags);
      continue;
    }
    if (!is_pending) continue;
    const auto it = resolutions.find(id);
    const Resolutions resolved = it == resolutions.end() ? Resolutions{} : it->second;
    const bool consistent =
        (record.status == PendingStatus::posted && resolved.posts == 1 && resolved.voids == 0) ||
        (record.status == PendingStatus::voided && resolved.posts == 0 && resolved.voids == 1) ||
        ((record.status == PendingStatus::pending || record.status == PendingStatus::expired) &&
         resolved.posts + resolved.voids == 0);
    if (!consistent) {
      report(ViolationKind::pending_status_inconsistent, id,
             "pending {}: status {} but {} posts and {} voids refer to it", id,
             to_string(record.status), resolved.posts, resolved.voids);
    }
  }
  compare("the sum of its transfers", ViolationKind::balance_not_sum_of_transfers, sums);
}

VerifyReport Checker::run() {
  report_.accounts = snapshot_.accounts.size();
  report_.transfers = snapshot_.transfers.size();
  report_.entries = snapshot_.entries.size();
  check_accounts();
  check_totals();
  check_entries();
  check_transfers();
  return std::move(report_);
}

}  // namespace

VerifyReport verify(const LedgerSnapshot& snapshot) { return Checker(snapshot).run(); }

}  // namespace drop::ledger
