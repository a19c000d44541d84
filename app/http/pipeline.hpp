// Pipeline: everything between "a complete request arrived" and "send this response", with no
// I/O of its own -- the server moves bytes, the pipeline decides. For every request, in order:
//   1. X-Request-Id: echo a valid incoming one (1..128 of [A-Za-z0-9._-]) or generate one;
//   2. route: 404 not_found, 405 method_not_allowed (with Allow);
//   3. body: > 64 KiB -> 413; a body that is not application/json -> 415;
//   4. IP rate limits (auth, public classes) -> 429 with Retry-After;
//   5. authentication (Bearer token or drop_session cookie; admin token) -> 401;
//   6. the per-user rate limit -> 429;
//   7. JSON body (routes that take one): malformed or not an object -> 400 invalid_request;
//   8. Idempotency-Key (routes that require one): missing -> 400, replay, 409, 422;
//   9. the handler (an exception becomes 500 internal, logged, never shown).
// Every response gets X-Request-Id and, when a limit applied, the RateLimit-* headers.
// Thread-safety: const after construction; prepare/run/finish may run on any thread.
#pragma once

#include <cstdint>
#include <optional>

#include "drop/limits.hpp"
#include "drop/ratelimit/gcra.hpp"
#include "http/context.hpp"
#include "http/problem.hpp"
#include "http/router.hpp"

namespace drop::http {

inline constexpr std::size_t request_body_bytes_max = 64 * 1024;

struct Prepared {
  RouteMatch match;
  std::optional<ratelimit::Decision> rate_limit;  // the last limit applied, for headers
};

class Pipeline {
 public:
  Pipeline(const Router& router, Context& context) : router_(router), context_(context) {}

  // Steps 1-2: cheap, never blocks.
  Prepared prepare(Request& request) const;
  // Whether run() may block (database work): then it must run on the worker pool.
  static bool blocking(const Prepared& prepared) {
    return prepared.match.outcome == RouteMatch::Outcome::found &&
           !prepared.match.route->inline_handler;
  }
  // Steps 3-9.
  Response run(Request& request, Prepared& prepared) const;
  // A response for a request the server refused before the pipeline (413, 503 when the worker
  // queue is full, 400 unparsable): problem+json with X-Request-Id.
  Response refuse(Request& request, ErrorCode code, std::string_view detail) const;
  // Metrics and the request log line, after the response is ready.
  void finish(const Request& request, const Prepared& prepared, const Response& response,
              std::int64_t latency_us) const;

  Context& context() const { return context_; }

 private:
  std::optional<Response> check_body(const Request& request) const;
  std::optional<Response> limit(Request& request, Prepared& prepared, RateClass rate_class) const;
  std::optional<Response> authenticate(Request& request, const Route& route) const;
  Response run_idempotent(Request& request, const Route& route) const;
  Response call_handler(const Request& request, const Route& route) const;

  const Router& router_;
  Context& context_;
};

// True for 1..128 characters of [A-Za-z0-9._-].
bool is_valid_request_id(std::string_view text);
// True for 1..255 printable ASCII characters (API.md "Idempotency").
bool is_valid_idempotency_key(std::string_view text);
// Lowercase hex SHA-256 of method, path and body (the idempotency request hash).
std::string request_hash(std::string_view method, std::string_view path, std::string_view body);
// The bare media type of a Content-Type value, lowercased ("application/json").
std::string media_type(std::string_view content_type);

}  // namespace drop::http
