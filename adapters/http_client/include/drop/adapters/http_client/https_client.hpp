// The real outbound HTTP client: HTTP/1.1 over TLS (Beast + Asio + OpenSSL), blocking per call.
//
// - Certificates are always verified (system trust store plus `extra_ca_file`), with SNI and a
//   host-name (or IP address) check against the URL's host. TLS 1.2 or newer.
// - Plain http only to loopback hosts (127.0.0.0/8, ::1, "localhost"); decided from the URL
//   before any name resolution, anything else fails with insecure_url.
// - Deadlines: connect, TLS handshake, and the whole exchange (request.timeout_ms, else
//   `exchange_timeout_ms`) including resolution, connect and handshake.
// - Responses larger than `response_bytes_max` (status line, headers and body) fail with
//   too_large; chunked bodies are decoded.
// - Keep-alive connections are pooled per scheme+host+port (at most
//   `idle_connections_per_origin_max` idle ones, dropped after `idle_keepalive_ms`). A pooled
//   connection that turns out closed before any byte of the response arrived is retried once
//   on a fresh connection; once response bytes arrived, the failure is returned.
// - Error messages name the host, port and phase, never a header value, query or body.
//
// Thread-safety: `send` may be called from many threads at once; each call uses its own
// connection (the pool is shared under a mutex).
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "drop/adapters/http_client/http_client.hpp"

namespace drop::http_client {

struct HttpsClientOptions {
  // A PEM file of extra trusted CAs (SSL_CERT_FILE); empty: the system store only. The app
  // passes the setting; the adapter never reads the environment. If it cannot be loaded, every
  // send fails with tls naming the file.
  std::string extra_ca_file;
  std::uint32_t connect_timeout_ms = 5'000;
  std::uint32_t handshake_timeout_ms = 5'000;
  // The whole-exchange deadline when a request does not set timeout_ms.
  std::uint32_t exchange_timeout_ms = 30'000;
  // Status line + headers + body of one response.
  std::size_t response_bytes_max = 4 * 1024 * 1024;
  std::size_t idle_connections_per_origin_max = 4;
  std::uint32_t idle_keepalive_ms = 30'000;
  // IP-literal hosts that may be reached over plain http although they are not loopback: only
  // the link-local AWS container-credentials endpoints (169.254.170.2, 169.254.170.23,
  // fd00:ec2::23), which AWS serves over http inside the task's network namespace.
  std::vector<std::string> plain_http_hosts;
  // Sent unless the request has its own User-Agent header.
  std::string user_agent = "drop";
  // Test hook: called with the host just before each name resolution (nullptr: none).
  std::function<void(const std::string& host)> before_resolve;
};

// A client with `options`. Never returns nullptr.
std::unique_ptr<HttpClient> make_https_client(const HttpsClientOptions& options);

// True when `host` (as written in a URL: "localhost", "127.0.0.1", "[::1]") is a loopback host,
// decided from the text alone (no resolution).
bool is_loopback_host(std::string_view host);

// True when the client (without extra plain-http hosts) would send to `url`: a well-formed
// http(s) URL without user-info that is https, or http to a loopback host. Settings and
// discovered endpoints are checked with this rule before they are used.
bool is_allowed_url(std::string_view url);

}  // namespace drop::http_client
