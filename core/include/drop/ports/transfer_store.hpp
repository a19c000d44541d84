// TransferStore port: remittances (API "transfers") and their audit trail.
//
// Adapters: memory, sqlite, postgres; one contract suite
// (tests/contract/transfer_store_contract.hpp). Thread-safe; every method is atomic. A status
// change is a compare-and-set (from -> to) that appends one event row in the same transaction, so
// two instances never both move one remittance.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "drop/ports/port_error.hpp"
#include "drop/remittance/remittance.hpp"
#include "drop/result.hpp"

namespace drop::ports {

struct RemittancePage {
  std::vector<remittance::Remittance> items;  // newest first
  std::optional<std::string> next_cursor;     // pass back to get the next page
};

class TransferStore {
 public:
  virtual ~TransferStore() = default;

  // Stores a new remittance and its first event (its status), atomically. Fails when the id
  // exists or its quote is already used by another remittance that is not rejected (conflict
  // from memory, invalid from the SQL adapters' constraints).
  virtual Result<void, PortError> insert(const remittance::Remittance& remittance) = 0;

  virtual Result<std::optional<remittance::Remittance>, PortError> find(std::string_view id) = 0;

  // The user's visible remittances (not pending, not rejected), newest first. `cursor` as returned
  // by a previous page (opaque). REQUIRES: 1 <= limit <= 100. A malformed cursor: invalid.
  virtual Result<RemittancePage, PortError> list_by_user(
      std::string_view user_id, std::size_t limit, std::optional<std::string_view> cursor) = 0;

  // Up to `limit` unfinished remittances (pending, processing or failed) last changed before
  // `changed_before`, oldest change first: what the payout worker finishes after a crash.
  virtual Result<std::vector<remittance::Remittance>, PortError> list_unfinished(
      Timestamp changed_before, std::size_t limit) = 0;

  // Moves the remittance from `from` to `to` and appends an event; false (nothing changed) when
  // it is not in `from` (or does not exist).
  virtual Result<bool, PortError> transition(std::string_view id, remittance::Status from,
                                             remittance::Status to, std::string_view detail,
                                             Timestamp now) = 0;

  // The remittance's events, oldest first.
  virtual Result<std::vector<remittance::Event>, PortError> events(std::string_view id) = 0;
};

}  // namespace drop::ports
