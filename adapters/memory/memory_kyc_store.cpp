#include "drop/adapters/memory/memory_kyc_store.hpp"

namespace drop::adapters::memory {

using ports::PortError;

Result<std::optional<std::string>, PortError> MemoryKycStore::applicant_of(
    std::string_view user_id) {
  std::lock_guard lock(mutex_);
  const auto found = applicants_.find(user_id);
  if (found == applicants_.end()) return std::optional<std::string>();
  return std::optional<std::string>(found->second);
}

Result<std::string, PortError> MemoryKycStore::save_applicant(std::string_view user_id,
                                                              std::string_view applicant_id,
                                                              Timestamp /*now*/) {
  std::lock_guard lock(mutex_);
  for (const auto& [user, applicant] : applicants_) {
    if (applicant == applicant_id && user != user_id) {
      return Err{PortError{PortError::Kind::invalid, "applicant id belongs to another user"}};
    }
  }
  const auto [entry, inserted] =
      applicants_.emplace(std::string(user_id), std::string(applicant_id));
  (void)inserted;
  return entry->second;
}

Result<bool, PortError> MemoryKycStore::record_event(const ports::KycEventRecord& event) {
  std::lock_guard lock(mutex_);
  const auto [entry, inserted] = events_.emplace(event.id, false);
  return inserted || !entry->second;
}

Result<void, PortError> MemoryKycStore::mark_processed(std::string_view event_id,
                                                       Timestamp /*now*/) {
  std::lock_guard lock(mutex_);
  const auto found = events_.find(event_id);
  if (found != events_.end()) found->second = true;
  return {};
}

}  // namespace drop::adapters::memory
