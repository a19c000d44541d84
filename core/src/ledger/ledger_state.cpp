// LedgerState: load, apply, persist into maps (see ledger_state.hpp).
#include "drop/ledger/ledger_state.hpp"

#include <algorithm>

#include "drop/limits.hpp"

namespace drop::ledger {

AccountBatchOutcome LedgerState::create_accounts(std::span<const Account> batch, Timestamp now) {
  std::vector<Account> existing;
  for (const Account& account : batch) {
    if (const Account* found = this->account(account.id); found != nullptr) {
      existing.push_back(*found);
    }
  }
  AccountBatchOutcome outcome = apply_accounts(existing, batch, timestamp_last_, now);
  for (const Account& account : outcome.accounts) {
    const bool inserted = accounts_.emplace(account.id, account).second;
    DROP_ASSERT(inserted);
  }
  timestamp_last_ = outcome.timestamp_last;
  return outcome;
}

void LedgerState::load_accounts(std::span<const AccountId> ids, std::vector<Account>& out) const {
  for (const AccountId id : ids) {
    if (const auto it = accounts_.find(id); it != accounts_.end()) out.push_back(it->second);
  }
}

BatchOutcome LedgerState::create_transfers(std::span<const Transfer> batch, Timestamp now) {
  const BatchNeeds needs = needs_for_transfers(batch);
  std::vector<TransferRecord> transfers;
  std::vector<FailedTransfer> failed;
  for (const TransferId id : needs.transfer_ids) {
    if (const auto it = transfers_.find(id); it != transfers_.end()) {
      transfers.push_back(it->second);
    }
    if (const auto it = failed_.find(id); it != failed_.end()) failed.push_back(it->second);
  }
  std::vector<TransferRecord> pendings;  // the loaded transfers that posts/voids refer to
  for (const TransferId id : needs.pending_ids) {
    if (const auto it = transfers_.find(id); it != transfers_.end()) pendings.push_back(it->second);
  }
  std::vector<Account> accounts;
  accounts.reserve(needs.account_ids.size());
  load_accounts(needs.account_ids, accounts);
  load_accounts(needs_for_pendings(needs, pendings), accounts);
  const LockedState state{accounts, transfers, failed, timestamp_last_};
  BatchOutcome outcome = apply_transfers(state, batch, now);
  apply(outcome);
  return outcome;
}

BatchOutcome LedgerState::expire_pending(Timestamp now, std::size_t limit) {
  limit = std::min(limit, limits::ledger_expiries_per_sweep_max);
  std::vector<TransferRecord> pendings;
  for (auto it = expiries_.begin(); it != expiries_.end() && pendings.size() < limit; ++it) {
    if (it->first > now.unix_us) break;
    pendings.push_back(transfers_.at(it->second));
  }
  const std::vector<TransferId> ids = select_expired(pendings, now, limit);
  std::vector<Account> accounts;
  load_accounts(needs_for_pendings(BatchNeeds{}, pendings), accounts);
  const LockedState state{accounts, pendings, {}, timestamp_last_};
  BatchOutcome outcome = apply_expiries(state, ids, now);
  apply(outcome);
  return outcome;
}

void LedgerState::apply(const BatchOutcome& outcome) {
  for (const Account& account : outcome.accounts) {
    const auto it = accounts_.find(account.id);
    DROP_ASSERT(it != accounts_.end());
    DROP_ASSERT(it->second.currency == account.currency);
    it->second = account;
  }
  for (const TransferRecord& record : outcome.transfers) {
    const bool inserted = transfers_.emplace(record.transfer.id, record).second;
    DROP_ASSERT(inserted);
    if (record.status == PendingStatus::pending && record.transfer.timeout_s != 0) {
      expiries_.emplace(record.transfer.expires_at().unix_us, record.transfer.id);
    }
  }
  for (const PendingChange& change : outcome.pending_changes) {
    const auto it = transfers_.find(change.pending_id);
    DROP_ASSERT(it != transfers_.end());
    DROP_ASSERT(it->second.status == PendingStatus::pending);
    it->second.status = change.status;
    expiries_.erase({it->second.transfer.expires_at().unix_us, change.pending_id});
  }
  for (const Entry& entry : outcome.entries) {
    std::vector<Entry>& entries = entries_[entry.account_id];
    DROP_ASSERT(entries.empty() || entries.back().id < entry.id);
    entries.push_back(entry);
  }
  for (const FailedTransfer& failed : outcome.failed) {
    const bool inserted = failed_.emplace(failed.id, failed).second;
    DROP_ASSERT(inserted);
  }
  DROP_ASSERT(outcome.timestamp_last >= timestamp_last_);
  timestamp_last_ = outcome.timestamp_last;
}

const Account* LedgerState::account(AccountId id) const {
  const auto it = accounts_.find(id);
  return it == accounts_.end() ? nullptr : &it->second;
}

const TransferRecord* LedgerState::transfer(TransferId id) const {
  const auto it = transfers_.find(id);
  return it == transfers_.end() ? nullptr : &it->second;
}

const FailedTransfer* LedgerState::failed(TransferId id) const {
  const auto it = failed_.find(id);
  return it == failed_.end() ? nullptr : &it->second;
}

std::vector<Entry> LedgerState::account_entries(AccountId id, std::size_t limit,
                                                std::uint64_t before_entry_id) const {
  std::vector<Entry> page;
  const auto it = entries_.find(id);
  if (it == entries_.end()) return page;
  const std::vector<Entry>& entries = it->second;
  auto end = std::lower_bound(entries.begin(), entries.end(), before_entry_id,
                              [](const Entry& e, std::uint64_t before) { return e.id < before; });
  while (end != entries.begin() && page.size() < limit) page.push_back(*--end);
  return page;
}

LedgerSnapshot LedgerState::snapshot() const {
  LedgerSnapshot snapshot;
  snapshot.accounts.reserve(accounts_.size());
  for (const auto& [id, account] : accounts_) snapshot.accounts.push_back(account);
  std::sort(snapshot.accounts.begin(), snapshot.accounts.end(),
            [](const Account& a, const Account& b) { return a.id < b.id; });
  snapshot.transfers.reserve(transfers_.size());
  for (const auto& [id, record] : transfers_) snapshot.transfers.push_back(record);
  std::sort(snapshot.transfers.begin(), snapshot.transfers.end(),
            [](const TransferRecord& a, const TransferRecord& b) {
              return a.transfer.timestamp < b.transfer.timestamp;
            });
  for (const auto& [id, entries] : entries_) {
    snapshot.entries.insert(snapshot.entries.end(), entries.begin(), entries.end());
  }
  std::sort(snapshot.entries.begin(), snapshot.entries.end(),
            [](const Entry& a, const Entry& b) { return a.id < b.id; });
  return snapshot;
}

}  // namespace drop::ledger
