// One client connection of the outbound HTTPS client (private to the adapter): TCP (plain http,
// loopback only) or TLS over TCP, with its own io_context so that each blocking call can run
// asynchronous operations under a deadline. Used by one thread at a time (the pool hands it
// out exclusively).
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <chrono>
#include <functional>
#include <string>

#include "drop/adapters/http_client/http_client.hpp"
#include "url.hpp"

namespace drop::http_client {

using SteadyTime = std::chrono::steady_clock::time_point;
using BeastRequest = boost::beast::http::request<boost::beast::http::string_body>;

struct OpenDeadlines {
  SteadyTime connect;                   // resolution + TCP connect
  std::chrono::milliseconds handshake;  // TLS handshake, from its start
  SteadyTime exchange;                  // bounds both
};

struct ExchangeOutcome {
  Result<HttpResponse, HttpError> result = Err{HttpError{}};
  // The peer closed (or reset) before any byte of the response: a reused connection may be
  // retried on a fresh one.
  bool closed_before_response = false;
  // The connection may carry another request.
  bool reusable = false;
};

class Connection {
 public:
  // `plain_http_listed`: plain http to this (IP-literal) host was allowed by the options.
  Connection(boost::asio::ssl::context& tls_context, const ParsedUrl& url,
             bool plain_http_listed = false);
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // Resolves, connects and (https) verifies the peer. Errors: resolve, connect, insecure_url
  // (plain http whose name resolved to a non-loopback address), tls, timeout.
  Result<void, HttpError> open(const OpenDeadlines& deadlines,
                               const std::function<void(const std::string&)>& before_resolve);

  // Writes `request` and reads one response of at most `response_bytes_max` bytes by
  // `deadline`.
  ExchangeOutcome exchange(const BeastRequest& request, SteadyTime deadline,
                           std::size_t response_bytes_max);

  // True when the idle connection shows no sign of having been closed by the peer.
  bool looks_alive();

  SteadyTime idle_since;

 private:
  // Runs the pending operation until its handler sets `done` or `deadline` passes; on the
  // deadline calls `cancel`, drains and returns false.
  bool run(const bool& done, SteadyTime deadline, const std::function<void()>& cancel);
  void close();
  HttpError error(HttpErrorKind kind, std::string_view phase, std::string_view what) const;

  ParsedUrl url_;
  bool plain_http_listed_ = false;
  boost::asio::io_context io_;
  boost::asio::ssl::stream<boost::asio::ip::tcp::socket> stream_;
  boost::beast::flat_buffer buffer_;
};

}  // namespace drop::http_client
