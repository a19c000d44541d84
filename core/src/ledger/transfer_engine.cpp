// TransferEngine: applying transfers to the batch's working state, and rolling chains back.
#include "ledger/transfer_engine.hpp"

#include <algorithm>

namespace drop::ledger::detail {

using R = CreateTransferResult;

TransferEngine::TransferEngine(const LockedState& state, std::size_t events, BatchOutcome& outcome)
    : account_index_(state.accounts.size()),
      known_index_(state.transfers.size() + events),
      failed_index_(state.failed.size() + events),
      outcome_(outcome) {
  accounts_.reserve(state.accounts.size());
  for (const Account& account : state.accounts) {
    DROP_ASSERT(account_index_.find(account.id) == FlatIndex::missing);
    if (!accounts_.empty() && accounts_.back().id > account.id) accounts_sorted_ = false;
    account_index_.assign(account.id, static_cast<std::uint32_t>(accounts_.size()));
    accounts_.push_back(account);
  }
  changed_mark_.assign(accounts_.size(), 0);
  known_.reserve(state.transfers.size() + events);
  for (const TransferRecord& record : state.transfers) {
    DROP_ASSERT(known_index_.find(record.transfer.id) == FlatIndex::missing);
    known_index_.assign(record.transfer.id, static_cast<std::uint32_t>(known_.size()));
    known_.push_back(Known{&record.transfer, record.status});
  }
  for (const FailedTransfer& failed : state.failed) failed_index_.assign(failed.id, 1);
  // Pointers into outcome.transfers must stay valid: never reallocate it.
  outcome_.transfers.reserve(events);
}

CreateTransferResult TransferEngine::create(const Transfer& t, Timestamp timestamp) {
  if (t.timestamp.unix_us != 0) return R::timestamp_must_be_zero;
  if ((t.flags & ~transfer_flags::all) != 0) return R::reserved_flag;
  if (t.id == 0) return R::id_must_not_be_zero;
  if (t.id > id_max) return R::id_must_not_be_int_max;
  if (const R seen = check_idempotency(t); seen != R::ok) return seen;
  if (const R invalid = check_fields(t); invalid != R::ok) return invalid;
  return t.is_resolution() ? create_resolution(t, timestamp) : create_single(t, timestamp);
}

CreateTransferResult TransferEngine::create_single(const Transfer& t, Timestamp timestamp) {
  const std::uint32_t debit = account_index(t.debit_account_id);
  if (debit == FlatIndex::missing) return R::debit_account_not_found;
  const std::uint32_t credit = account_index(t.credit_account_id);
  if (credit == FlatIndex::missing) return R::credit_account_not_found;
  if (accounts_[debit].currency != accounts_[credit].currency) {
    return R::accounts_must_have_same_currency;
  }
  if (t.currency != accounts_[debit].currency) {
    return R::transfer_must_have_the_same_currency_as_accounts;
  }
  if (const R balance = check_balances(t, accounts_[debit], accounts_[credit]); balance != R::ok) {
    return balance;
  }
  const bool pending = t.has_flag(transfer_flags::pending);
  const EntryColumn debit_column =
      pending ? EntryColumn::debits_pending : EntryColumn::debits_posted;
  const EntryColumn credit_column =
      pending ? EntryColumn::credits_pending : EntryColumn::credits_posted;
  move(debit, debit_column, t.amount_minor);
  move(credit, credit_column, t.amount_minor);
  add_entry(debit, debit_column, t.amount_minor, t.id, t.code, timestamp);
  add_entry(credit, credit_column, t.amount_minor, t.id, t.code, timestamp);
  TransferRecord& record = outcome_.transfers.emplace_back(TransferRecord{t, PendingStatus::none});
  record.transfer.timestamp = timestamp;
  if (pending) record.status = PendingStatus::pending;
  remember(&record.transfer, record.status);
  return R::ok;
}

CreateTransferResult TransferEngine::create_resolution(const Transfer& t, Timestamp timestamp) {
  std::uint32_t known = 0;
  std::int64_t amount = 0;
  if (const R result = check_resolution(t, timestamp, &known, &amount); result != R::ok) {
    return result;
  }
  const Transfer& p = *known_[known].transfer;
  const std::uint32_t debit = account_index(p.debit_account_id);
  const std::uint32_t credit = account_index(p.credit_account_id);
  const bool post = t.has_flag(transfer_flags::post_pending);
  move(debit, EntryColumn::debits_pending, -p.amount_minor);
  move(credit, EntryColumn::credits_pending, -p.amount_minor);
  if (post) {
    move(debit, EntryColumn::debits_posted, amount);
    move(credit, EntryColumn::credits_posted, amount);
    add_entry(debit, EntryColumn::debits_posted, amount, t.id, p.code, timestamp);
    add_entry(credit, EntryColumn::credits_posted, amount, t.id, p.code, timestamp);
  }
  add_entry(debit, EntryColumn::debits_pending, -p.amount_minor, t.id, p.code, timestamp);
  add_entry(credit, EntryColumn::credits_pending, -p.amount_minor, t.id, p.code, timestamp);
  const TransferId pending_id = p.id;
  TransferRecord& record = outcome_.transfers.emplace_back(TransferRecord{t, PendingStatus::none});
  record.transfer.debit_account_id = p.debit_account_id;
  record.transfer.credit_account_id = p.credit_account_id;
  record.transfer.amount_minor = amount;
  record.transfer.code = p.code;
  record.transfer.timestamp = timestamp;
  remember(&record.transfer, PendingStatus::none);
  set_status(known, post ? PendingStatus::posted : PendingStatus::voided);
  outcome_.pending_changes.push_back(PendingChange{pending_id, known_[known].status});
  return R::ok;
}

void TransferEngine::expire(TransferId pending_id, Timestamp timestamp) {
  const std::uint32_t known = known_index_.find(pending_id);
  DROP_ASSERT(known != FlatIndex::missing);
  DROP_ASSERT(known_[known].status == PendingStatus::pending);
  const Transfer& p = *known_[known].transfer;
  DROP_ASSERT(p.expires_at() <= timestamp);
  const std::uint32_t debit = account_index(p.debit_account_id);
  const std::uint32_t credit = account_index(p.credit_account_id);
  DROP_ASSERT(debit != FlatIndex::missing);
  DROP_ASSERT(credit != FlatIndex::missing);
  move(debit, EntryColumn::debits_pending, -p.amount_minor);
  move(credit, EntryColumn::credits_pending, -p.amount_minor);
  add_entry(debit, EntryColumn::debits_pending, -p.amount_minor, p.id, p.code, timestamp);
  add_entry(credit, EntryColumn::credits_pending, -p.amount_minor, p.id, p.code, timestamp);
  set_status(known, PendingStatus::expired);
  outcome_.pending_changes.push_back(PendingChange{pending_id, PendingStatus::expired});
}

void TransferEngine::move(std::uint32_t account, EntryColumn column, std::int64_t delta) {
  if (changed_mark_[account] == 0) {
    changed_mark_[account] = 1;
    changed_.push_back(account);
    if (in_chain_) undo_.push_back(Undo{UndoKind::changed_mark, column, account, 0, 0});
  }
  std::int64_t& value = column_of(accounts_[account], column);
  if (in_chain_) undo_.push_back(Undo{UndoKind::column, column, account, 0, value});
  value += delta;
  DROP_ASSERT(value >= 0);
}

void TransferEngine::add_entry(std::uint32_t account, EntryColumn column, std::int64_t delta,
                               TransferId transfer_id, std::uint16_t code, Timestamp timestamp) {
  const Account& a = accounts_[account];
  outcome_.entries.push_back(Entry{entry_id(timestamp, column), a.id, transfer_id, column, delta,
                                   a.posted_net(), code, timestamp});
}

void TransferEngine::remember(const Transfer* transfer, PendingStatus status) {
  if (in_chain_) {
    const std::uint32_t previous = known_index_.find(transfer->id);
    undo_.push_back(Undo{UndoKind::known, EntryColumn::debits_posted, previous, transfer->id, 0});
  }
  known_index_.assign(transfer->id, static_cast<std::uint32_t>(known_.size()));
  known_.push_back(Known{transfer, status});
}

void TransferEngine::set_status(std::uint32_t known, PendingStatus status) {
  if (in_chain_) {
    undo_.push_back(Undo{UndoKind::status, EntryColumn::debits_posted, known, 0,
                         static_cast<std::int64_t>(known_[known].status)});
  }
  known_[known].status = status;
}

void TransferEngine::begin_chain() {
  commit();
  in_chain_ = true;
}

void TransferEngine::commit() {
  in_chain_ = false;
  undo_.clear();
  saved_transfers_ = outcome_.transfers.size();
  saved_pending_changes_ = outcome_.pending_changes.size();
  saved_entries_ = outcome_.entries.size();
}

void TransferEngine::rollback() {
  DROP_ASSERT(in_chain_);
  in_chain_ = false;
  for (auto undo = undo_.rbegin(); undo != undo_.rend(); ++undo) {
    switch (undo->kind) {
      case UndoKind::column:
        column_of(accounts_[undo->index], undo->column) = undo->old_value;
        break;
      case UndoKind::changed_mark:
        changed_mark_[undo->index] = 0;
        DROP_ASSERT(changed_.back() == undo->index);
        changed_.pop_back();
        break;
      case UndoKind::known:
        known_.pop_back();
        known_index_.assign(undo->key, undo->index);
        break;
      case UndoKind::status:
        known_[undo->index].status = static_cast<PendingStatus>(undo->old_value);
        break;
    }
  }
  undo_.clear();
  auto truncate = [](auto& items, std::size_t size) {
    items.erase(items.begin() + static_cast<std::ptrdiff_t>(size), items.end());
  };
  truncate(outcome_.transfers, saved_transfers_);
  truncate(outcome_.pending_changes, saved_pending_changes_);
  truncate(outcome_.entries, saved_entries_);
}

void TransferEngine::record_failure(TransferId id, CreateTransferResult result,
                                    Timestamp timestamp) {
  failed_index_.assign(id, 1);
  outcome_.failed.push_back(FailedTransfer{id, result, timestamp});
}

void TransferEngine::finish() {
  outcome_.accounts.reserve(changed_.size());
  if (accounts_sorted_ && 4 * changed_.size() >= accounts_.size()) {
    // Index order is id order: a linear pass beats sorting when many accounts changed.
    for (std::uint32_t account = 0; account < accounts_.size(); ++account) {
      if (changed_mark_[account] != 0) outcome_.accounts.push_back(accounts_[account]);
    }
    return;
  }
  std::sort(changed_.begin(), changed_.end(),
            [this](std::uint32_t a, std::uint32_t b) { return accounts_[a].id < accounts_[b].id; });
  for (const std::uint32_t account : changed_) outcome_.accounts.push_back(accounts_[account]);
}

}  // namespace drop::ledger::detail
