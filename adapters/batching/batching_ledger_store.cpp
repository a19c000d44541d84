#include "drop/adapters/batching/batching_ledger_store.hpp"

#include <algorithm>

#include "drop/limits.hpp"

namespace drop::adapters::batching {

using ports::PortError;

// One caller's request, living on the caller's stack until `done`.
struct BatchingLedgerStore::Request {
  Request(std::span<const ledger::Transfer> transfers_in, Timestamp now_in)
      : transfers(transfers_in), now(now_in) {}
  std::span<const ledger::Transfer> transfers;
  Timestamp now;
  Result<std::vector<ledger::CreateTransferResult>, PortError> outcome =
      Err{PortError{PortError::Kind::internal, "not applied"}};
  bool done = false;
  std::condition_variable finished;
};

BatchingLedgerStore::BatchingLedgerStore(ports::LedgerStore& inner,
                                         std::function<void(std::size_t)> on_batch,
                                         BatchingOptions options)
    : inner_(inner),
      on_batch_(std::move(on_batch)),
      options_(options),
      writer_([this] { run_writer(); }) {}

BatchingLedgerStore::~BatchingLedgerStore() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  work_.notify_all();
  writer_.join();
}

Result<std::vector<ledger::CreateTransferResult>, PortError> BatchingLedgerStore::create_transfers(
    std::span<const ledger::Transfer> batch, Timestamp now) {
  DROP_ASSERT(batch.size() <= limits::ledger_batch_transfers_max);
  if (batch.empty()) return std::vector<ledger::CreateTransferResult>();
  Request request(batch, now);
  std::unique_lock lock(mutex_);
  if (stopping_) return Err{PortError{PortError::Kind::unavailable, "ledger writer is stopping"}};
  if (queued_transfers_ + batch.size() > limits::ledger_queue_transfers_max) {
    return Err{PortError{PortError::Kind::unavailable, "ledger writer queue is full"}};
  }
  queue_.push_back(&request);
  queued_transfers_ += batch.size();
  if (queue_.size() >= wake_at_requests_) work_.notify_one();
  request.finished.wait(lock, [&] { return request.done; });
  return std::move(request.outcome);
}

std::vector<BatchingLedgerStore::Request*> BatchingLedgerStore::take_batch() {
  std::vector<Request*> taken;
  std::size_t transfers = 0;
  while (!queue_.empty()) {
    Request* next = queue_.front();
    if (!taken.empty() && transfers + next->transfers.size() > limits::ledger_batch_transfers_max) {
      break;
    }
    queue_.pop_front();
    queued_transfers_ -= next->transfers.size();
    transfers += next->transfers.size();
    taken.push_back(next);
    // An open chain at the end of a request must end the batch (see the header).
    if (next->transfers.back().has_flag(ledger::transfer_flags::linked)) break;
  }
  return taken;
}

void BatchingLedgerStore::gather(std::unique_lock<std::mutex>& lock, std::size_t released,
                                 std::chrono::steady_clock::duration last_batch) {
  if (released < options_.gather_min_released || stopping_) return;
  if (gathers_to_skip_ > 0) {
    --gathers_to_skip_;
    return;
  }
  const auto window = std::min<std::chrono::steady_clock::duration>(
      options_.gather_window_max, last_batch / options_.gather_window_divisor);
  const std::size_t queued_before = queue_.size();  // only this thread takes from the queue
  const std::size_t wanted = std::min(queued_before + released, limits::ledger_batch_transfers_max);
  wake_at_requests_ = wanted;
  const auto started = std::chrono::steady_clock::now();
  const bool gathered =
      work_.wait_for(lock, window, [&] { return stopping_ || queue_.size() >= wanted; });
  if (!gathered) {
    stats_.gather_timeouts += 1;
    // Fewer than half of the released callers came back within a batch's time: open-loop
    // traffic (HTTP workers serve other requests first), where waiting only adds latency. A
    // late straggler or two among closed-loop callers does not count.
    const std::size_t returned = queue_.size() - queued_before;
    if (returned < released / 2) gathers_to_skip_ = options_.gather_skip_after_timeout;
  }
  stats_.gather_us +=
      static_cast<std::uint64_t>(std::chrono::duration_cast<std::chrono::microseconds>(
                                     std::chrono::steady_clock::now() - started)
                                     .count());
  wake_at_requests_ = 1;
}

void BatchingLedgerStore::run_writer() {
  std::vector<ledger::Transfer> combined;
  combined.reserve(limits::ledger_batch_transfers_max);
  std::unique_lock lock(mutex_);
  std::size_t released = 0;
  auto last_batch = std::chrono::steady_clock::duration::zero();
  while (true) {
    gather(lock, released, last_batch);
    work_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
    if (queue_.empty()) return;  // stopping, and everything queued was done
    std::vector<Request*> batch = take_batch();
    lock.unlock();

    const auto started = std::chrono::steady_clock::now();
    combined.clear();
    Timestamp now{};
    for (Request* request : batch) {
      combined.insert(combined.end(), request->transfers.begin(), request->transfers.end());
      now = std::max(now, request->now);
    }
    auto outcome = inner_.create_transfers(combined, now);
    if (on_batch_) on_batch_(combined.size());
    last_batch = std::chrono::steady_clock::now() - started;

    lock.lock();
    stats_.batches += 1;
    stats_.transfers += combined.size();
    stats_.largest_batch = std::max<std::uint64_t>(stats_.largest_batch, combined.size());
    stats_.apply_us += static_cast<std::uint64_t>(
        std::chrono::duration_cast<std::chrono::microseconds>(last_batch).count());
    std::size_t offset = 0;
    for (Request* request : batch) {
      if (outcome) {
        DROP_ASSERT(outcome->size() == combined.size());
        const auto first = outcome->begin() + static_cast<std::ptrdiff_t>(offset);
        request->outcome = std::vector<ledger::CreateTransferResult>(
            first, first + static_cast<std::ptrdiff_t>(request->transfers.size()));
      } else {
        request->outcome = Err{outcome.error()};
      }
      offset += request->transfers.size();
      request->done = true;
      request->finished.notify_one();
    }
    released = batch.size();
  }
}

std::size_t BatchingLedgerStore::queued_transfers() const {
  std::lock_guard lock(mutex_);
  return queued_transfers_;
}

BatchingStats BatchingLedgerStore::stats() const {
  std::lock_guard lock(mutex_);
  return stats_;
}

}  // namespace drop::adapters::batching
