// apply_transfers and apply_expiries: batches through the TransferEngine, with linked chains.
#include <algorithm>

#include "drop/ledger/ledger.hpp"
#include "drop/limits.hpp"
#include "ledger/transfer_engine.hpp"

namespace drop::ledger {
namespace {

Timestamp first_timestamp(Timestamp timestamp_last, Timestamp now) {
  return std::max(now, timestamp_last.plus_us(1));
}

}  // namespace

BatchOutcome apply_transfers(const LockedState& state, std::span<const Transfer> batch,
                             Timestamp now) {
  DROP_ASSERT(batch.size() <= limits::ledger_batch_transfers_max);
  DROP_ASSERT(now.unix_us >= 0);
  BatchOutcome outcome;
  outcome.results.assign(batch.size(), CreateTransferResult::ok);
  outcome.entries.reserve(2 * batch.size());  // single-phase: two entries; grows for posts
  detail::TransferEngine engine(state, batch.size(), outcome);
  const Timestamp base = first_timestamp(state.timestamp_last, now);
  constexpr std::size_t no_chain = static_cast<std::size_t>(-1);
  std::size_t chain_start = no_chain;
  bool chain_broken = false;
  for (std::size_t i = 0; i < batch.size(); ++i) {
    const Transfer& transfer = batch[i];
    const Timestamp timestamp = base.plus_us(static_cast<std::int64_t>(i));
    const bool linked = transfer.has_flag(transfer_flags::linked);
    if (linked && chain_start == no_chain) {
      chain_start = i;
      engine.begin_chain();
    }
    CreateTransferResult result = CreateTransferResult::ok;
    if (linked && i + 1 == batch.size()) {
      result = CreateTransferResult::linked_event_chain_open;
    } else if (chain_broken) {
      result = CreateTransferResult::linked_event_failed;
    } else {
      result = engine.create(transfer, timestamp);
    }
    outcome.results[i] = result;
    // `exists` (an identical retry) does not break a chain: its effect is already in the
    // ledger, so retrying a whole chain that succeeded answers `exists` for every event instead
    // of reporting the chain as failed (TigerBeetle would answer linked_event_failed).
    if (result != CreateTransferResult::ok && result != CreateTransferResult::exists) {
      if (chain_start != no_chain && !chain_broken) {
        chain_broken = true;
        engine.rollback();
        for (std::size_t j = chain_start; j < i; ++j) {
          if (outcome.results[j] != CreateTransferResult::exists) {
            outcome.results[j] = CreateTransferResult::linked_event_failed;
          }
        }
      }
      if (is_state_dependent(result)) engine.record_failure(transfer.id, result, timestamp);
    }
    const bool chain_ends = chain_start != no_chain && (!linked || i + 1 == batch.size());
    if (chain_ends) {
      if (!chain_broken) engine.commit();
      chain_start = no_chain;
      chain_broken = false;
    }
  }
  outcome.timestamp_last = batch.empty()
                               ? state.timestamp_last
                               : base.plus_us(static_cast<std::int64_t>(batch.size()) - 1);
  engine.finish();
  return outcome;
}

BatchOutcome apply_expiries(const LockedState& state, std::span<const TransferId> pending_ids,
                            Timestamp now) {
  DROP_ASSERT(pending_ids.size() <= limits::ledger_batch_transfers_max);
  DROP_ASSERT(now.unix_us >= 0);
  BatchOutcome outcome;
  detail::TransferEngine engine(state, 0, outcome);
  const Timestamp base = first_timestamp(state.timestamp_last, now);
  for (std::size_t i = 0; i < pending_ids.size(); ++i) {
    engine.expire(pending_ids[i], base.plus_us(static_cast<std::int64_t>(i)));
  }
  engine.commit();
  outcome.timestamp_last = pending_ids.empty()
                               ? state.timestamp_last
                               : base.plus_us(static_cast<std::int64_t>(pending_ids.size()) - 1);
  engine.finish();
  return outcome;
}

std::vector<TransferId> select_expired(std::span<const TransferRecord> candidates, Timestamp now,
                                       std::size_t limit) {
  std::vector<TransferId> ids;
  for (const TransferRecord& record : candidates) {
    if (record.status == PendingStatus::pending && record.transfer.expires_at() <= now) {
      ids.push_back(record.transfer.id);
    }
  }
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  if (ids.size() > limit) ids.resize(limit);
  return ids;
}

}  // namespace drop::ledger
