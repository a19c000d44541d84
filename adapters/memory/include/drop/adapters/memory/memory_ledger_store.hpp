// MemoryLedgerStore: the in-memory LedgerStore (tests, benchmarks, the reference behaviour),
// and FailingLedgerStore, a wrapper that starts failing after n successful calls.
//
// MemoryLedgerStore is a ledger::LedgerState behind one mutex; it never fails.
// FailingLedgerStore forwards to another store; once `fail_after(n)` calls have succeeded,
// every call returns PortError{unavailable} without reaching the inner store (so a failed
// batch changes nothing, as with a rolled-back transaction). Thread-safety: both are safe to
// call from any thread.
#pragma once

#include <atomic>
#include <cstdint>
#include <mutex>

#include "drop/ledger/ledger_state.hpp"
#include "drop/ports/ledger_store.hpp"

namespace drop::adapters::memory {

class MemoryLedgerStore final : public ports::LedgerStore {
 public:
  Result<std::vector<ledger::CreateAccountResult>, ports::PortError> create_accounts(
      std::span<const ledger::Account> batch, Timestamp now) override;
  Result<std::vector<ledger::CreateTransferResult>, ports::PortError> create_transfers(
      std::span<const ledger::Transfer> batch, Timestamp now) override;
  Result<std::vector<ledger::Account>, ports::PortError> lookup_accounts(
      std::span<const ledger::AccountId> ids) override;
  Result<std::vector<ledger::TransferRecord>, ports::PortError> lookup_transfers(
      std::span<const ledger::TransferId> ids) override;
  Result<ports::EntryPage, ports::PortError> account_entries(
      ledger::AccountId account_id, std::size_t limit,
      std::optional<std::uint64_t> before_entry_id) override;
  Result<std::size_t, ports::PortError> expire_pending(Timestamp now) override;
  Result<ledger::LedgerSnapshot, ports::PortError> snapshot() override;

 private:
  std::mutex mutex_;
  ledger::LedgerState state_;  // guarded by mutex_
};

class FailingLedgerStore final : public ports::LedgerStore {
 public:
  // REQUIRES: `inner` outlives this wrapper.
  explicit FailingLedgerStore(ports::LedgerStore& inner) : inner_(inner) {}

  // The next `successes` calls succeed (forwarded); every call after them fails.
  void fail_after(std::uint64_t successes) { remaining_.store(successes); }
  // Back to forwarding every call.
  void heal() { remaining_.store(never); }

  Result<std::vector<ledger::CreateAccountResult>, ports::PortError> create_accounts(
      std::span<const ledger::Account> batch, Timestamp now) override;
  Result<std::vector<ledger::CreateTransferResult>, ports::PortError> create_transfers(
      std::span<const ledger::Transfer> batch, Timestamp now) override;
  Result<std::vector<ledger::Account>, ports::PortError> lookup_accounts(
      std::span<const ledger::AccountId> ids) override;
  Result<std::vector<ledger::TransferRecord>, ports::PortError> lookup_transfers(
      std::span<const ledger::TransferId> ids) override;
  Result<ports::EntryPage, ports::PortError> account_entries(
      ledger::AccountId account_id, std::size_t limit,
      std::optional<std::uint64_t> before_entry_id) override;
  Result<std::size_t, ports::PortError> expire_pending(Timestamp now) override;
  Result<ledger::LedgerSnapshot, ports::PortError> snapshot() override;

 private:
  static constexpr std::uint64_t never = ~std::uint64_t{0};
  // True when this call may proceed (and counts it).
  bool admit();
  ports::LedgerStore& inner_;
  std::atomic<std::uint64_t> remaining_{never};
};

}  // namespace drop::adapters::memory
