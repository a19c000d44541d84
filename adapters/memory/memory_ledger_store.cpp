// MemoryLedgerStore and FailingLedgerStore (see memory_ledger_store.hpp).
#include "drop/adapters/memory/memory_ledger_store.hpp"

#include <limits>

#include "drop/limits.hpp"

namespace drop::adapters::memory {

using ports::PortError;

Result<std::vector<ledger::CreateAccountResult>, PortError> MemoryLedgerStore::create_accounts(
    std::span<const ledger::Account> batch, Timestamp now) {
  DROP_ASSERT(batch.size() <= limits::ledger_batch_transfers_max);
  std::lock_guard lock(mutex_);
  return std::move(state_.create_accounts(batch, now).results);
}

Result<std::vector<ledger::CreateTransferResult>, PortError> MemoryLedgerStore::create_transfers(
    std::span<const ledger::Transfer> batch, Timestamp now) {
  DROP_ASSERT(batch.size() <= limits::ledger_batch_transfers_max);
  std::lock_guard lock(mutex_);
  return std::move(state_.create_transfers(batch, now).results);
}

Result<std::vector<ledger::Account>, PortError> MemoryLedgerStore::lookup_accounts(
    std::span<const ledger::AccountId> ids) {
  DROP_ASSERT(ids.size() <= limits::ledger_batch_accounts_max);
  std::lock_guard lock(mutex_);
  std::vector<ledger::Account> found;
  for (const ledger::AccountId id : ids) {
    if (const ledger::Account* account = state_.account(id); account != nullptr) {
      found.push_back(*account);
    }
  }
  return found;
}

Result<std::vector<ledger::TransferRecord>, PortError> MemoryLedgerStore::lookup_transfers(
    std::span<const ledger::TransferId> ids) {
  DROP_ASSERT(ids.size() <= limits::ledger_batch_transfers_max);
  std::lock_guard lock(mutex_);
  std::vector<ledger::TransferRecord> found;
  for (const ledger::TransferId id : ids) {
    if (const ledger::TransferRecord* record = state_.transfer(id); record != nullptr) {
      found.push_back(*record);
    }
  }
  return found;
}

Result<ports::EntryPage, PortError> MemoryLedgerStore::account_entries(
    ledger::AccountId account_id, std::size_t limit, std::optional<std::uint64_t> before_entry_id) {
  DROP_ASSERT(limit >= 1);
  DROP_ASSERT(limit <= limits::ledger_entries_page_max);
  std::lock_guard lock(mutex_);
  ports::EntryPage page;
  // One more than asked tells whether an older page exists.
  page.entries = state_.account_entries(
      account_id, limit + 1, before_entry_id.value_or(std::numeric_limits<std::uint64_t>::max()));
  if (page.entries.size() > limit) {
    page.entries.pop_back();
    page.next_before_entry_id = page.entries.back().id;
  }
  return page;
}

Result<std::size_t, PortError> MemoryLedgerStore::expire_pending(Timestamp now) {
  std::lock_guard lock(mutex_);
  return state_.expire_pending(now, limits::ledger_expiries_per_sweep_max).pending_changes.size();
}

Result<ledger::LedgerSnapshot, PortError> MemoryLedgerStore::snapshot() {
  std::lock_guard lock(mutex_);
  return state_.snapshot();
}

// FailingLedgerStore ----------------------------------------------------------------------------

bool FailingLedgerStore::admit() {
  std::uint64_t remaining = remaining_.load();
  while (true) {
    if (remaining == never) return true;
    if (remaining == 0) return false;
    if (remaining_.compare_exchange_weak(remaining, remaining - 1)) return true;
  }
}

namespace {
PortError injected() { return PortError{ports::PortErrorKind::unavailable, "injected failure"}; }
}  // namespace

Result<std::vector<ledger::CreateAccountResult>, PortError> FailingLedgerStore::create_accounts(
    std::span<const ledger::Account> batch, Timestamp now) {
  if (!admit()) return Err{injected()};
  return inner_.create_accounts(batch, now);
}

Result<std::vector<ledger::CreateTransferResult>, PortError> FailingLedgerStore::create_transfers(
    std::span<const ledger::Transfer> batch, Timestamp now) {
  if (!admit()) return Err{injected()};
  return inner_.create_transfers(batch, now);
}

Result<std::vector<ledger::Account>, PortError> FailingLedgerStore::lookup_accounts(
    std::span<const ledger::AccountId> ids) {
  if (!admit()) return Err{injected()};
  return inner_.lookup_accounts(ids);
}

Result<std::vector<ledger::TransferRecord>, PortError> FailingLedgerStore::lookup_transfers(
    std::span<const ledger::TransferId> ids) {
  if (!admit()) return Err{injected()};
  return inner_.lookup_transfers(ids);
}

Result<ports::EntryPage, PortError> FailingLedgerStore::account_entries(
    ledger::AccountId account_id, std::size_t limit, std::optional<std::uint64_t> before_entry_id) {
  if (!admit()) return Err{injected()};
  return inner_.account_entries(account_id, limit, before_entry_id);
}

Result<std::size_t, PortError> FailingLedgerStore::expire_pending(Timestamp now) {
  if (!admit()) return Err{injected()};
  return inner_.expire_pending(now);
}

Result<ledger::LedgerSnapshot, PortError> FailingLedgerStore::snapshot() {
  if (!admit()) return Err{injected()};
  return inner_.snapshot();
}

}  // namespace drop::adapters::memory
