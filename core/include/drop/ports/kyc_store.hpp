// KycStore port: the KYC provider's applicant id of each user, and every webhook event received
// (table `kyc_events`), recorded durably and once. Adapters: memory, sqlite, postgres (one
// contract suite, tests/contract/kyc_store_contract.hpp).
// Thread-safety: implementations are thread-safe; every method is atomic.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "drop/ports/port_error.hpp"
#include "drop/result.hpp"
#include "drop/time/timestamp.hpp"

namespace drop::ports {

struct KycEventRecord {
  std::string id;       // the dedupe key: hex SHA-256 of the raw body
  std::string user_id;  // the Drop user it concerns; empty when unknown
  std::string event_type;
  std::string review_answer;  // "GREEN", "RED" or empty
  std::string reject_type;    // "RETRY", "FINAL" or empty
  std::int64_t created_at_ms = 0;
  Timestamp received_at;
};

class KycStore {
 public:
  virtual ~KycStore() = default;

  // The applicant id recorded for `user_id`, or nullopt.
  virtual Result<std::optional<std::string>, PortError> applicant_of(std::string_view user_id) = 0;

  // Records `applicant_id` for `user_id` unless one is recorded already; returns the one that
  // is stored (the first wins when two requests race).
  // REQUIRES: `user_id` names an existing user.
  virtual Result<std::string, PortError> save_applicant(std::string_view user_id,
                                                        std::string_view applicant_id,
                                                        Timestamp now) = 0;

  // Stores `event` unless an event with its id exists. Returns true when the event still needs
  // processing (new, or stored earlier but never marked processed), false when it was
  // processed already (a duplicate delivery).
  virtual Result<bool, PortError> record_event(const KycEventRecord& event) = 0;

  // Marks the event processed (idempotent).
  virtual Result<void, PortError> mark_processed(std::string_view event_id, Timestamp now) = 0;
};

}  // namespace drop::ports
