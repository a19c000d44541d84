// IdempotencyStore port: the Idempotency-Key records behind every state-changing money POST,
// shared by all server instances (API.md "Idempotency").
//
// A record is claimed by begin() (state running), then completed with the response to replay,
// or released when the request failed before changing anything. A running record older than
// `lease` is considered abandoned (its server died) and may be claimed again.
// Thread-safe; begin() is atomic across processes.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "drop/ports/port_error.hpp"
#include "drop/result.hpp"
#include "drop/time/timestamp.hpp"

namespace drop::ports {

struct IdempotencyBegin {
  enum class Outcome : std::uint8_t {
    started,      // the caller owns the key: run the request, then complete() or release()
    in_progress,  // another request with this key is running -> 409 idempotency_in_progress
    replay,       // done before with the same request -> replay status_code and response_body
    mismatch,     // the key was used with a different request -> 422 idempotency_key_reused
  };
  Outcome outcome = Outcome::started;
  int status_code = 0;        // replay only
  std::string response_body;  // replay only
};

class IdempotencyStore {
 public:
  virtual ~IdempotencyStore() = default;

  // scope: the user id (or "admin"); key: 1..255 printable ASCII; request_hash: a digest of the
  // method, route and body. Records expire `retention_s` after creation (>= 24 h per API.md).
  virtual Result<IdempotencyBegin, PortError> begin(std::string_view scope, std::string_view key,
                                                    std::string_view request_hash, Timestamp now,
                                                    std::int64_t retention_s,
                                                    std::int64_t lease_s) = 0;

  // Stores the response of a started request; later begin() calls replay it.
  virtual Result<void, PortError> complete(std::string_view scope, std::string_view key,
                                           int status_code, std::string_view response_body) = 0;

  // Forgets a started request that changed nothing (so the client may retry with the key).
  virtual Result<void, PortError> release(std::string_view scope, std::string_view key) = 0;

  // Deletes expired records; returns how many.
  virtual Result<std::size_t, PortError> purge_expired(Timestamp now) = 0;
};

}  // namespace drop::ports
