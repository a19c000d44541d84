#include "connection.hpp"

#include <openssl/ssl.h>
#include <openssl/x509_vfy.h>
#include <poll.h>

#include <algorithm>
#include <boost/asio/connect.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>

namespace drop::http_client {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using boost::system::error_code;
using tcp = asio::ip::tcp;

Connection::Connection(asio::ssl::context& tls_context, const ParsedUrl& url,
                       bool plain_http_listed)
    : url_(url), plain_http_listed_(plain_http_listed), io_(1), stream_(io_, tls_context) {}

HttpError Connection::error(HttpErrorKind kind, std::string_view phase,
                            std::string_view what) const {
  return HttpError{kind, url_.origin() + ": " + std::string(phase) + ": " + std::string(what)};
}

bool Connection::run(const bool& done, SteadyTime deadline, const std::function<void()>& cancel) {
  io_.restart();
  io_.run_until(deadline);
  if (done) return true;
  cancel();
  io_.restart();
  io_.run();
  return false;
}

void Connection::close() {
  error_code ignored;
  stream_.next_layer().close(ignored);
}

Result<void, HttpError> Connection::open(
    const OpenDeadlines& deadlines, const std::function<void(const std::string&)>& before_resolve) {
  tcp::resolver resolver(io_);
  bool done = false;
  error_code result;
  tcp::resolver::results_type endpoints;
  if (before_resolve) before_resolve(url_.host);
  resolver.async_resolve(url_.host, std::to_string(url_.port),
                         [&](const error_code& e, tcp::resolver::results_type found) {
                           result = e;
                           endpoints = std::move(found);
                           done = true;
                         });
  if (!run(done, deadlines.connect, [&] { resolver.cancel(); })) {
    return Err{error(HttpErrorKind::timeout, "resolve", "deadline passed")};
  }
  if (result) return Err{error(HttpErrorKind::resolve, "resolve", result.message())};
  // plain http: every address must be loopback (the URL check came first), unless the options
  // list this IP literal (which resolves to itself).
  if (!url_.tls && !plain_http_listed_) {
    for (const auto& entry : endpoints) {
      if (!entry.endpoint().address().is_loopback()) {
        return Err{error(HttpErrorKind::insecure_url, "resolve",
                         "plain http resolved to a non-loopback address")};
      }
    }
  }
  done = false;
  asio::async_connect(stream_.next_layer(), endpoints,
                      [&](const error_code& e, const tcp::endpoint&) {
                        result = e;
                        done = true;
                      });
  if (!run(done, deadlines.connect, [&] { close(); })) {
    return Err{error(HttpErrorKind::timeout, "connect", "deadline passed")};
  }
  if (result) return Err{error(HttpErrorKind::connect, "connect", result.message())};
  error_code ignored;
  stream_.next_layer().set_option(tcp::no_delay(true), ignored);
  if (!url_.tls) return {};

  SSL* ssl = stream_.native_handle();
  error_code not_address;
  asio::ip::make_address(url_.host, not_address);
  if (not_address) {  // a name: SNI and a DNS-name check
    if (SSL_set_tlsext_host_name(ssl, url_.host.c_str()) != 1 ||
        SSL_set1_host(ssl, url_.host.c_str()) != 1) {
      return Err{error(HttpErrorKind::tls, "handshake", "cannot set the expected host name")};
    }
  } else if (X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(ssl), url_.host.c_str()) != 1) {
    return Err{error(HttpErrorKind::tls, "handshake", "cannot set the expected IP address")};
  }
  stream_.set_verify_mode(asio::ssl::verify_peer);
  done = false;
  stream_.async_handshake(asio::ssl::stream_base::client, [&](const error_code& e) {
    result = e;
    done = true;
  });
  const SteadyTime handshake_deadline =
      std::min(deadlines.exchange, std::chrono::steady_clock::now() + deadlines.handshake);
  if (!run(done, handshake_deadline, [&] { close(); })) {
    return Err{error(HttpErrorKind::timeout, "tls handshake", "deadline passed")};
  }
  if (result) {
    std::string what = result.message();
    const long verified = SSL_get_verify_result(ssl);
    if (verified != X509_V_OK) {
      what = std::string("certificate: ") + X509_verify_cert_error_string(verified);
    }
    return Err{error(HttpErrorKind::tls, "tls handshake", what)};
  }
  return {};
}

namespace {

bool is_closed(const error_code& e) {
  return e == http::error::end_of_stream || e == http::error::partial_message ||
         e == asio::error::eof || e == asio::error::connection_reset ||
         e == asio::error::broken_pipe || e == asio::ssl::error::stream_truncated;
}

HttpResponse to_response(http::response<http::string_body>&& message) {
  HttpResponse response;
  response.status = message.result_int();
  for (const auto& field : message) {
    response.headers.push_back({std::string(field.name_string()), std::string(field.value())});
  }
  response.body = std::move(message.body());
  return response;
}

}  // namespace

ExchangeOutcome Connection::exchange(const BeastRequest& request, SteadyTime deadline,
                                     std::size_t response_bytes_max) {
  ExchangeOutcome outcome;
  bool done = false;
  error_code result;
  std::size_t transferred = 0;
  const auto on_done = [&](const error_code& e, std::size_t bytes) {
    result = e;
    transferred = bytes;
    done = true;
  };
  const auto cancel = [this] { close(); };
  if (url_.tls) {
    http::async_write(stream_, request, on_done);
  } else {
    http::async_write(stream_.next_layer(), request, on_done);
  }
  if (!run(done, deadline, cancel)) {
    outcome.result = Err{error(HttpErrorKind::timeout, "write", "deadline passed")};
    return outcome;
  }
  if (result) {
    outcome.closed_before_response = is_closed(result);
    outcome.result = Err{error(HttpErrorKind::connect, "write", result.message())};
    return outcome;
  }

  http::response_parser<http::string_body> parser;
  parser.header_limit(
      static_cast<std::uint32_t>(std::min<std::size_t>(response_bytes_max, UINT32_MAX)));
  parser.body_limit(response_bytes_max);
  if (request.method() == http::verb::head) parser.skip(true);
  const auto read = [&](auto& stream, bool header_only) {
    done = false;
    if (header_only) {
      http::async_read_header(stream, buffer_, parser, on_done);
    } else {
      http::async_read(stream, buffer_, parser, on_done);
    }
  };
  for (const bool header_only : {true, false}) {
    if (!header_only) {
      if (parser.is_done()) break;
      parser.body_limit(response_bytes_max - std::min(response_bytes_max, transferred));
    }
    if (url_.tls) {
      read(stream_, header_only);
    } else {
      read(stream_.next_layer(), header_only);
    }
    const std::string_view phase = header_only ? "read header" : "read body";
    if (!run(done, deadline, cancel)) {
      outcome.result = Err{error(HttpErrorKind::timeout, phase, "deadline passed")};
      return outcome;
    }
    if (!result) continue;
    if (result == http::error::body_limit || result == http::error::header_limit ||
        result == http::error::buffer_overflow) {
      outcome.result =
          Err{error(HttpErrorKind::too_large, phase,
                    "response larger than " + std::to_string(response_bytes_max) + " bytes")};
    } else if (is_closed(result) && !parser.got_some() && buffer_.size() == 0) {
      outcome.closed_before_response = true;
      outcome.result =
          Err{error(HttpErrorKind::connect, phase, "connection closed before any response")};
    } else if (is_closed(result)) {
      outcome.result = Err{error(HttpErrorKind::protocol, phase, "connection closed mid-response")};
    } else {
      outcome.result = Err{error(HttpErrorKind::protocol, phase, result.message())};
    }
    return outcome;
  }
  outcome.reusable = parser.get().keep_alive() && request.keep_alive() && buffer_.size() == 0;
  outcome.result = to_response(parser.release());
  return outcome;
}

bool Connection::looks_alive() {
  if (buffer_.size() != 0 || !stream_.next_layer().is_open()) return false;
  pollfd descriptor{};
  descriptor.fd = stream_.next_layer().native_handle();
  descriptor.events = POLLIN;
  // Readable while idle means a close (FIN, TLS close_notify) or unexpected bytes: not reusable.
  return ::poll(&descriptor, 1, 0) == 0;
}

}  // namespace drop::http_client
