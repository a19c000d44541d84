// The outbound HTTP client every integration adapter (BankID, Sumsub, Slack, AWS, ECB) talks
// through. This header is the contract; `make_https_client()` (https_client.cpp) is the real
// implementation over Beast + OpenSSL, and tests may substitute their own `HttpClient`.
//
// Rules every implementation keeps:
//   - https with certificate verification, SNI and host-name check always on; plain http only
//     when the host is a loopback address (127.0.0.0/8, ::1, "localhost") for local fakes.
//   - the request is sent exactly as given (method, path and query, headers, body bytes), so a
//     caller may sign those bytes; the client adds only Host, Content-Length and User-Agent.
//   - deadlines for connect, TLS handshake and the whole exchange; a response size limit.
//   - no exception escapes; every failure is an `HttpError` whose message never contains a
//     header value or body (they may hold secrets).
//
// Thread-safety: `send` may be called from many threads at once.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "drop/result.hpp"

namespace drop::http_client {

struct HttpHeader {
  std::string name;
  std::string value;
};

struct HttpRequest {
  std::string method = "GET";       // GET, POST, ...
  std::string url;                  // absolute: https://host[:port]/path[?query]
  std::vector<HttpHeader> headers;  // sent in this order, after Host
  std::string body;
  // The deadline for the whole exchange (connect + TLS + write + read); 0 = client default.
  std::uint32_t timeout_ms = 0;
  // May this request be sent again after a failure (GET, or a POST the service deduplicates)?
  // The retrying client only retries requests marked so.
  bool retry_safe = false;
};

struct HttpResponse {
  unsigned status = 0;
  std::vector<HttpHeader> headers;
  std::string body;

  // The first header with this name (case-insensitive), if any.
  std::optional<std::string_view> header(std::string_view name) const;
};

enum class HttpErrorKind {
  invalid_url,   // not an absolute http(s) URL
  insecure_url,  // plain http to a host that is not loopback
  resolve,       // the host name did not resolve
  connect,       // connection refused / reset / unreachable
  tls,           // handshake or certificate verification failed
  timeout,       // a deadline passed
  too_large,     // the response exceeded the size limit
  protocol,      // the peer's answer is not valid HTTP/1.1
  circuit_open,  // the service's circuit breaker is open: not attempted
  overloaded,    // the service's concurrency limit is reached: not attempted
};
std::string_view to_string(HttpErrorKind kind);

struct HttpError {
  HttpErrorKind kind = HttpErrorKind::protocol;
  std::string message;  // for operators: names the host and what failed, never secrets
};

class HttpClient {
 public:
  virtual ~HttpClient() = default;
  // Sends one request and returns the response (any status, 4xx and 5xx included), or an
  // HttpError when no complete response arrived.
  virtual Result<HttpResponse, HttpError> send(const HttpRequest& request) = 0;
};

}  // namespace drop::http_client
