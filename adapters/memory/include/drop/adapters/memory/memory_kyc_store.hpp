// In-memory KycStore: the reference behaviour of the contract suite, and a store for tests.
// Thread-safe (one mutex).
#pragma once

#include <map>
#include <mutex>
#include <string>

#include "drop/ports/kyc_store.hpp"

namespace drop::adapters::memory {

class MemoryKycStore final : public ports::KycStore {
 public:
  Result<std::optional<std::string>, ports::PortError> applicant_of(
      std::string_view user_id) override;
  Result<std::string, ports::PortError> save_applicant(std::string_view user_id,
                                                       std::string_view applicant_id,
                                                       Timestamp now) override;
  Result<bool, ports::PortError> record_event(const ports::KycEventRecord& event) override;
  Result<void, ports::PortError> mark_processed(std::string_view event_id, Timestamp now) override;

 private:
  std::mutex mutex_;
  std::map<std::string, std::string, std::less<>> applicants_;  // user id -> applicant id
  std::map<std::string, bool, std::less<>> events_;             // event id -> processed
};

}  // namespace drop::adapters::memory
