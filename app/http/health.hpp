// Health: what GET /api/health reports. The database is checked by a background thread of the
// composition root (never on an I/O thread); the handler only reads the last outcome, so health
// checks are cheap enough for load balancers to call often. Draining starts on SIGTERM.
// Thread-safety: atomics.
#pragma once

#include <atomic>

namespace drop::http {

class Health {
 public:
  bool draining() const { return draining_.load(std::memory_order_acquire); }
  void start_draining() { draining_.store(true, std::memory_order_release); }
  bool database_ok() const { return database_ok_.load(std::memory_order_acquire); }
  void set_database_ok(bool ok) { database_ok_.store(ok, std::memory_order_release); }
  bool ok() const { return !draining() && database_ok(); }

 private:
  std::atomic<bool> draining_{false};
  std::atomic<bool> database_ok_{false};
};

}  // namespace drop::http
