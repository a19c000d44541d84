// TransferEngine: the working state of one batch (private to drop_core).
//
// Holds copies of the locked accounts and an overlay of the transfers and failed ids the batch
// has seen, applies transfers one by one into a BatchOutcome, and can roll back to the start of
// a linked chain through an undo log. A transfer either passes every check and is applied, or
// changes nothing. Thread-safety: none (one per batch, on one thread).
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "drop/ledger/ledger.hpp"
#include "ledger/flat_index.hpp"

namespace drop::ledger::detail {

class TransferEngine {
 public:
  // REQUIRES: `state` and `outcome` outlive the engine; at most `events` transfers are created.
  TransferEngine(const LockedState& state, std::size_t events, BatchOutcome& outcome);

  // Validates `transfer` at `timestamp` (the order of checks is results.hpp's) and applies it
  // when the result is ok; otherwise changes nothing.
  CreateTransferResult create(const Transfer& transfer, Timestamp timestamp);
  // Releases an expired pending transfer. REQUIRES: it is loaded, still pending and expired.
  void expire(TransferId pending_id, Timestamp timestamp);

  // Linked chains: begin_chain() marks a savepoint; everything applied after it is undone by
  // rollback(), or kept by commit(). Outside a chain nothing is logged: a transfer that fails
  // changes nothing, so there is nothing to undo.
  void begin_chain();
  void commit();
  void rollback();
  // Records a state-dependent rejection (after any rollback: the record survives it).
  void record_failure(TransferId id, CreateTransferResult result, Timestamp timestamp);
  // Writes the changed accounts into the outcome (ascending id). Call once, at the end.
  void finish();

 private:
  struct Known {
    const Transfer* transfer;  // nullptr: rolled back, absent
    PendingStatus status;
  };
  enum class UndoKind : std::uint8_t { column, changed_mark, known, status };
  struct Undo {
    UndoKind kind;
    EntryColumn column;
    std::uint32_t index;
    std::uint64_t key;
    std::int64_t old_value;
  };

  CreateTransferResult check_fields(const Transfer& transfer) const;
  CreateTransferResult check_idempotency(const Transfer& transfer) const;
  CreateTransferResult create_single(const Transfer& transfer, Timestamp timestamp);
  CreateTransferResult check_resolution(const Transfer& transfer, Timestamp timestamp,
                                        std::uint32_t* known_index,
                                        std::int64_t* amount_minor) const;
  CreateTransferResult create_resolution(const Transfer& transfer, Timestamp timestamp);
  CreateTransferResult check_balances(const Transfer& transfer, const Account& debit,
                                      const Account& credit) const;

  void move(std::uint32_t account, EntryColumn column, std::int64_t delta);
  void add_entry(std::uint32_t account, EntryColumn column, std::int64_t delta,
                 TransferId transfer_id, std::uint16_t code, Timestamp timestamp);
  void remember(const Transfer* transfer, PendingStatus status);
  void set_status(std::uint32_t known, PendingStatus status);
  std::uint32_t account_index(AccountId id) const { return account_index_.find(id); }

  std::vector<Account> accounts_;
  FlatIndex account_index_;
  std::vector<std::uint32_t> changed_;  // accounts changed so far, in order of first change
  std::vector<std::uint8_t> changed_mark_;
  std::vector<Known> known_;
  FlatIndex known_index_;
  FlatIndex failed_index_;
  std::vector<Undo> undo_;
  bool in_chain_ = false;
  bool accounts_sorted_ = true;  // state.accounts came in ascending id order
  std::size_t saved_transfers_ = 0;
  std::size_t saved_pending_changes_ = 0;
  std::size_t saved_entries_ = 0;
  BatchOutcome& outcome_;
};

}  // namespace drop::ledger::detail
