// BatchingLedgerStore: group commit in front of a LedgerStore.
//
// Callers on many threads call create_transfers() with their own (small) batches. One writer
// thread takes everything queued so far, up to limits::ledger_batch_transfers_max transfers,
// concatenates the requests into one batch, applies it through the inner store (one database
// transaction), and hands each caller its own slice of the results.
// - The batch grows with load (while one batch commits, the next one fills) and never waits to
//   fill when traffic is light: with one caller, each request goes alone, immediately.
// - Cohorts: callers that wait for their result (closed loop) would otherwise split into two
//   groups that alternate, each batch holding half of them (one group's batch commits while the
//   other group queues). After a batch that released at least `gather_min_released` callers,
//   the writer waits a short window (at most `gather_window_max`, and at most 1/divisor of the
//   last batch's time) until as many new requests as it released have joined the queue, so
//   the groups merge into one batch per commit (as PostgreSQL's commit_delay with
//   commit_siblings, or MySQL's binlog_group_commit_sync_delay). The window ends as soon as
//   they are there; below the threshold there is no wait at all. A window that runs out with
//   fewer than half of the released callers back (open-loop traffic, as HTTP workers that serve
//   other requests first) turns gathering off for the next `gather_skip_after_timeout` batches,
//   so such traffic does not pay the wait every time.
// - Requests are never split, so a caller's linked chains stay whole. A request whose last
//   transfer leaves a chain open goes last in its batch, so the open chain fails on its own
//   (linked_event_chain_open) instead of swallowing another caller's transfers.
// - The queue is bounded (limits::ledger_queue_transfers_max): past it, callers get
//   PortError::unavailable at once instead of piling up.
// - A PortError of the inner store fails every request of that batch; nothing of it was
//   applied, and transfer ids make retries safe.
// The other methods pass through. Thread-safe. The destructor finishes queued work first.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>

#include "drop/ports/ledger_store.hpp"

namespace drop::adapters::batching {

struct BatchingStats {
  std::uint64_t batches = 0;
  std::uint64_t transfers = 0;
  std::uint64_t largest_batch = 0;
  std::uint64_t apply_us = 0;         // time in the inner store's create_transfers, summed
  std::uint64_t gather_us = 0;        // time spent waiting for released callers to return, summed
  std::uint64_t gather_timeouts = 0;  // gathers whose window ran out
};

struct BatchingOptions {
  std::size_t gather_min_released = 4;
  std::chrono::microseconds gather_window_max{1000};
  int gather_window_divisor = 4;
  std::size_t gather_skip_after_timeout = 8;
};

class BatchingLedgerStore final : public ports::LedgerStore {
 public:
  // REQUIRES: `inner` outlives this store. `on_batch(size)` (optional) is called by the writer
  // thread after each batch (for metrics).
  explicit BatchingLedgerStore(ports::LedgerStore& inner,
                               std::function<void(std::size_t)> on_batch = {},
                               BatchingOptions options = {});
  ~BatchingLedgerStore() override;
  BatchingLedgerStore(const BatchingLedgerStore&) = delete;
  BatchingLedgerStore& operator=(const BatchingLedgerStore&) = delete;

  Result<std::vector<ledger::CreateTransferResult>, ports::PortError> create_transfers(
      std::span<const ledger::Transfer> batch, Timestamp now) override;

  Result<std::vector<ledger::CreateAccountResult>, ports::PortError> create_accounts(
      std::span<const ledger::Account> batch, Timestamp now) override {
    return inner_.create_accounts(batch, now);
  }
  Result<std::vector<ledger::Account>, ports::PortError> lookup_accounts(
      std::span<const ledger::AccountId> ids) override {
    return inner_.lookup_accounts(ids);
  }
  Result<std::vector<ledger::TransferRecord>, ports::PortError> lookup_transfers(
      std::span<const ledger::TransferId> ids) override {
    return inner_.lookup_transfers(ids);
  }
  Result<ports::EntryPage, ports::PortError> account_entries(
      ledger::AccountId account_id, std::size_t limit,
      std::optional<std::uint64_t> before_entry_id) override {
    return inner_.account_entries(account_id, limit, before_entry_id);
  }
  Result<std::size_t, ports::PortError> expire_pending(Timestamp now) override {
    return inner_.expire_pending(now);
  }
  Result<ledger::LedgerSnapshot, ports::PortError> snapshot() override { return inner_.snapshot(); }

  BatchingStats stats() const;
  // Transfers waiting for the writer right now.
  std::size_t queued_transfers() const;

 private:
  struct Request;
  void run_writer();
  // After a batch released `released` callers: waits (bounded) for that many new requests.
  void gather(std::unique_lock<std::mutex>& lock, std::size_t released,
              std::chrono::steady_clock::duration last_batch);
  // Takes the requests of the next batch off the queue. REQUIRES: mutex_ held, queue not empty.
  std::vector<Request*> take_batch();

  ports::LedgerStore& inner_;
  std::function<void(std::size_t)> on_batch_;
  const BatchingOptions options_;
  std::size_t wake_at_requests_ = 1;
  std::size_t gathers_to_skip_ = 0;  // callers notify the writer once the queue holds this many
  mutable std::mutex mutex_;
  std::condition_variable work_;
  std::deque<Request*> queue_;
  std::size_t queued_transfers_ = 0;
  bool stopping_ = false;
  BatchingStats stats_;
  std::thread writer_;
};

}  // namespace drop::adapters::batching
