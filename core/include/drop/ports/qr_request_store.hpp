// QrRequestStore port: Drop payment requests shown as QR codes (table `qr_requests`).
// A request has a payee, an optional NOK amount (dynamic; absent = static, the payer types it),
// a reference, its payload and, when dynamic, an expiry. Adapters: memory, sqlite, postgres.
// Thread-safe; every method is atomic.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "drop/money/money.hpp"
#include "drop/ports/port_error.hpp"
#include "drop/result.hpp"
#include "drop/time/timestamp.hpp"

namespace drop::ports {

struct QrRequest {
  std::string id;  // "qr_<decimal>"
  std::string payee_user_id;
  std::optional<Money> amount;  // NOK; absent: static
  std::string reference;
  std::string payload;
  Timestamp created_at;
  std::optional<Timestamp> expires_at;  // dynamic only
};

class QrRequestStore {
 public:
  virtual ~QrRequestStore() = default;
  // Fails when the id exists (or the payee is not a user, in SQL adapters).
  virtual Result<void, PortError> insert(const QrRequest& request) = 0;
  virtual Result<std::optional<QrRequest>, PortError> find(std::string_view id) = 0;
};

}  // namespace drop::ports
