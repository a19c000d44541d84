// SecretCell: one secret value that may change while the server runs (JWT_SECRET and
// DROP_ADMIN_TOKEN rotated in Secrets Manager). Readers copy the current value; the secrets
// refresher replaces it. Thread-safe.
#pragma once

#include <mutex>
#include <string>
#include <utility>

namespace drop::http {

class SecretCell {
 public:
  explicit SecretCell(std::string value) : value_(std::move(value)) {}

  std::string get() const {
    std::lock_guard lock(mutex_);
    return value_;
  }
  // Replaces the value (an empty one is ignored: a secret is never unset while serving).
  void set(std::string value) {
    if (value.empty()) return;
    std::lock_guard lock(mutex_);
    value_ = std::move(value);
  }

 private:
  mutable std::mutex mutex_;
  std::string value_;
};

}  // namespace drop::http
