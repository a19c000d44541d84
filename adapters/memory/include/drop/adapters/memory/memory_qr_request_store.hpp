// MemoryQrRequestStore: the in-memory QrRequestStore (tests). Thread-safe (one mutex).
#pragma once

#include <map>
#include <mutex>
#include <string>

#include "drop/ports/qr_request_store.hpp"

namespace drop::adapters::memory {

class MemoryQrRequestStore final : public ports::QrRequestStore {
 public:
  Result<void, ports::PortError> insert(const ports::QrRequest& request) override {
    std::lock_guard lock(mutex_);
    if (!requests_.emplace(request.id, request).second) {
      return Err{ports::PortError{ports::PortError::Kind::conflict, "qr request id exists"}};
    }
    return {};
  }
  Result<std::optional<ports::QrRequest>, ports::PortError> find(std::string_view id) override {
    std::lock_guard lock(mutex_);
    const auto found = requests_.find(id);
    if (found == requests_.end()) return std::optional<ports::QrRequest>();
    return std::optional<ports::QrRequest>(found->second);
  }

 private:
  std::mutex mutex_;
  std::map<std::string, ports::QrRequest, std::less<>> requests_;
};

}  // namespace drop::adapters::memory
