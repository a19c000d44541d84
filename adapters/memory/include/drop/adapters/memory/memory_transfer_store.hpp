// MemoryTransferStore: the in-memory TransferStore (tests, single-process use). One mutex makes
// every method atomic. Thread-safe.
#pragma once

#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "drop/ports/transfer_store.hpp"

namespace drop::adapters::memory {

class MemoryTransferStore final : public ports::TransferStore {
 public:
  Result<void, ports::PortError> insert(const remittance::Remittance& remittance) override;
  Result<std::optional<remittance::Remittance>, ports::PortError> find(
      std::string_view id) override;
  Result<ports::RemittancePage, ports::PortError> list_by_user(
      std::string_view user_id, std::size_t limit, std::optional<std::string_view> cursor) override;
  Result<std::vector<remittance::Remittance>, ports::PortError> list_unfinished(
      Timestamp changed_before, std::size_t limit) override;
  Result<bool, ports::PortError> transition(std::string_view id, remittance::Status from,
                                            remittance::Status to, std::string_view detail,
                                            Timestamp now) override;
  Result<std::vector<remittance::Event>, ports::PortError> events(std::string_view id) override;

 private:
  struct Row {
    remittance::Remittance remittance;
    std::vector<remittance::Event> events;
  };
  std::mutex mutex_;
  std::map<std::string, Row, std::less<>> rows_;
};

}  // namespace drop::adapters::memory
