// FakeHttpServer: a real HTTP/1.1 server on 127.0.0.1 (ephemeral port) for end-to-end tests of
// the outbound client and of fake outside services. It serves a `FakeHandler` with the same
// contract as InProcessHttpClient (in_process_http.hpp): the handler sees the request with
// `url` in origin form ("/path?query"), headers in the order received and the exact body, and
// returns the response (status, headers in order, body; Content-Length is added unless given).
//
// Options: TLS with a certificate generated at test time (TestCertificates; the client trusts
// `certificates.ca_file`), keep-alive on or off. Misbehaviours can be changed while it runs:
// answer after a delay, close without answering, answer with an oversized body, send bodies
// chunked. Counts accepted connections and records every request (parsed and raw bytes).
//
// Usage:
//   drop_test::FakeHttpServer server([](const HttpRequest& request) {
//     return HttpResponse{200, {{"Content-Type", "text/plain"}}, "hello"};
//   });
//   client.send({.url = server.base_url() + "/hello"});
//
// Thread-safety: the handler runs on the server's threads (two), possibly concurrently: it
// must be thread-safe. Every public method may be called from any thread. The destructor stops
// the server (requests being delayed are abandoned).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "support/in_process_http.hpp"
#include "support/test_certificates.hpp"

namespace drop_test {

struct FakeServerOptions {
  // Serve https with this leaf certificate (must outlive the server); nullptr: plain http.
  const TestCertificates* tls = nullptr;
  // false: answer every request with "Connection: close" and close.
  bool keep_alive = true;
};

struct Misbehaviour {
  std::uint32_t delay_ms = 0;            // wait this long before answering each request
  bool close_without_answer = false;     // read the request, then close the connection
  std::size_t oversized_body_bytes = 0;  // > 0: answer 200 with a body this large instead
  bool chunked = false;                  // send bodies with Transfer-Encoding: chunked
  bool silent = false;  // accept connections but never send a byte (nor the TLS handshake)
  // Close without answering any request after the first on a connection (a server whose idle
  // timeout raced the client's reuse).
  bool drop_reused = false;
};

class FakeHttpServer {
 public:
  explicit FakeHttpServer(FakeHandler handler, FakeServerOptions options = {});
  ~FakeHttpServer();
  FakeHttpServer(const FakeHttpServer&) = delete;
  FakeHttpServer& operator=(const FakeHttpServer&) = delete;

  std::uint16_t port() const;
  // "http://127.0.0.1:<port>" or "https://127.0.0.1:<port>" (the test leaf lists both
  // 127.0.0.1 and localhost by default).
  std::string base_url() const;

  void set_handler(FakeHandler handler);
  void set_misbehaviour(Misbehaviour misbehaviour);

  std::size_t accepted_connections() const;
  // Every complete request received, as the handler saw it (also for misbehaving answers).
  std::vector<drop::http_client::HttpRequest> requests() const;
  // The same requests as the bytes received (request line, headers, body).
  std::vector<std::string> raw_requests() const;

  class Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace drop_test
