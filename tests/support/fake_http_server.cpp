// FakeHttpServer over Asio C++20 coroutines: one accept loop and one coroutine per connection on
// an io_context run by two threads. See fake_http_server.hpp.
#include "support/fake_http_server.hpp"

#include <atomic>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/http.hpp>
#include <mutex>
#include <optional>
#include <thread>

namespace drop_test {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using asio::awaitable;
using asio::use_awaitable;
using asio::ip::tcp;
using drop::http_client::HttpRequest;
using drop::http_client::HttpResponse;

class FakeHttpServer::Impl {
 public:
  Impl(FakeHandler handler, FakeServerOptions options)
      : handler_(std::move(handler)), options_(options), acceptor_(io_) {
    const tcp::endpoint endpoint(asio::ip::make_address("127.0.0.1"), 0);
    acceptor_.open(endpoint.protocol());
    acceptor_.set_option(tcp::acceptor::reuse_address(true));
    acceptor_.bind(endpoint);
    acceptor_.listen();
    port_ = acceptor_.local_endpoint().port();
    if (options_.tls != nullptr) {
      tls_.emplace(asio::ssl::context::tls_server);
      tls_->use_certificate_chain(asio::buffer(options_.tls->leaf_pem));
      tls_->use_private_key(asio::buffer(options_.tls->leaf_key_pem), asio::ssl::context::pem);
    }
    asio::co_spawn(io_, accept_loop(), asio::detached);
    for (int i = 0; i < 2; ++i) threads_.emplace_back([this] { io_.run(); });
  }

  ~Impl() {
    io_.stop();
    for (auto& thread : threads_) thread.join();
  }

  std::uint16_t port_ = 0;
  std::atomic<std::size_t> accepted_{0};
  mutable std::mutex mutex_;
  FakeHandler handler_;
  Misbehaviour misbehaviour_;
  std::vector<HttpRequest> requests_;
  std::vector<std::string> raw_requests_;
  const FakeServerOptions options_;

 private:
  awaitable<void> accept_loop() {
    for (;;) {
      tcp::socket socket = co_await acceptor_.async_accept(use_awaitable);
      accepted_.fetch_add(1);
      socket.set_option(tcp::no_delay(true));
      bool silent = false;
      {
        std::lock_guard lock(mutex_);
        silent = misbehaviour_.silent;
      }
      if (silent) {
        asio::co_spawn(io_, swallow(std::move(socket)), asio::detached);
      } else if (tls_) {
        asio::co_spawn(io_, tls_session(std::move(socket)), asio::detached);
      } else {
        asio::co_spawn(io_, plain_session(std::move(socket)), asio::detached);
      }
    }
  }

  awaitable<void> tls_session(tcp::socket socket) {
    asio::ssl::stream<tcp::socket> stream(std::move(socket), *tls_);
    try {
      co_await stream.async_handshake(asio::ssl::stream_base::server, use_awaitable);
    } catch (const std::exception&) {
      co_return;  // the client refused the certificate (a test of exactly that)
    }
    co_await serve(stream);
  }

  // Reads and discards until the peer closes: a server that never answers.
  awaitable<void> swallow(tcp::socket socket) {
    char chunk[4096];
    boost::system::error_code failed;
    while (!failed) {
      co_await socket.async_read_some(asio::buffer(chunk),
                                      asio::redirect_error(use_awaitable, failed));
    }
  }

  awaitable<void> plain_session(tcp::socket socket) { co_await serve(socket); }

  // Reads one request into `parser`, keeping the bytes it used in `raw`. False on close/error.
  template <typename Stream>
  awaitable<bool> read_request(Stream& stream, std::string& pending,
                               http::request_parser<http::string_body>& parser, std::string& raw) {
    bool need_read = pending.empty();
    while (!parser.is_done()) {
      if (need_read) {
        char chunk[8192];
        boost::system::error_code failed;
        const std::size_t got = co_await stream.async_read_some(
            asio::buffer(chunk), asio::redirect_error(use_awaitable, failed));
        if (failed) co_return false;
        pending.append(chunk, got);
      }
      boost::system::error_code failed;
      const std::size_t used = parser.put(asio::buffer(pending), failed);
      raw.append(pending, 0, used);
      pending.erase(0, used);
      if (failed == http::error::need_more) {
        need_read = true;
      } else if (failed) {
        co_return false;
      } else {
        need_read = pending.empty();
      }
    }
    co_return true;
  }

  // Answers requests on `stream` until the peer closes or keep-alive ends.
  template <typename Stream>
  awaitable<void> serve(Stream& stream) {
    std::string pending;
    int served = 0;
    try {
      for (;;) {
        http::request_parser<http::string_body> parser;
        parser.body_limit(64 * 1024 * 1024);
        std::string raw;
        if (!co_await read_request(stream, pending, parser, raw)) co_return;
        http::request<http::string_body> message = parser.release();
        HttpRequest request;
        request.method = std::string(message.method_string());
        request.url = std::string(message.target());
        for (const auto& field : message) {
          request.headers.push_back({std::string(field.name_string()), std::string(field.value())});
        }
        request.body = message.body();
        Misbehaviour misbehaviour;
        FakeHandler handler;
        {
          std::lock_guard lock(mutex_);
          requests_.push_back(request);
          raw_requests_.push_back(raw);
          misbehaviour = misbehaviour_;
          handler = handler_;
        }
        if (misbehaviour.delay_ms > 0) {
          asio::steady_timer timer(co_await asio::this_coro::executor);
          timer.expires_after(std::chrono::milliseconds(misbehaviour.delay_ms));
          co_await timer.async_wait(use_awaitable);
        }
        if (misbehaviour.close_without_answer) co_return;
        if (misbehaviour.drop_reused && served++ > 0) co_return;
        HttpResponse answer;
        if (misbehaviour.oversized_body_bytes > 0) {
          answer = HttpResponse{200, {}, std::string(misbehaviour.oversized_body_bytes, 'x')};
        } else {
          answer = handler(request);
        }
        const bool keep_alive = options_.keep_alive && message.keep_alive();
        http::response<http::string_body> response(static_cast<http::status>(answer.status), 11);
        bool has_length = false;
        for (const auto& header : answer.headers) {
          has_length |= beast::iequals(header.name, "Content-Length");
          response.insert(header.name, header.value);
        }
        response.body() = std::move(answer.body);
        if (misbehaviour.chunked) {
          response.erase(http::field::content_length);
          response.chunked(true);
        } else if (!has_length) {
          response.content_length(response.body().size());
        }
        response.keep_alive(keep_alive);
        co_await http::async_write(stream, response, use_awaitable);
        if (!keep_alive) co_return;
      }
    } catch (const std::exception&) {
      co_return;  // the peer went away
    }
  }

  asio::io_context io_;
  tcp::acceptor acceptor_;
  std::optional<asio::ssl::context> tls_;
  std::vector<std::thread> threads_;
};

FakeHttpServer::FakeHttpServer(FakeHandler handler, FakeServerOptions options)
    : impl_(std::make_unique<Impl>(std::move(handler), options)) {}

FakeHttpServer::~FakeHttpServer() = default;

std::uint16_t FakeHttpServer::port() const { return impl_->port_; }

std::string FakeHttpServer::base_url() const {
  return std::string(impl_->options_.tls != nullptr ? "https" : "http") +
         "://127.0.0.1:" + std::to_string(impl_->port_);
}

void FakeHttpServer::set_handler(FakeHandler handler) {
  std::lock_guard lock(impl_->mutex_);
  impl_->handler_ = std::move(handler);
}

void FakeHttpServer::set_misbehaviour(Misbehaviour misbehaviour) {
  std::lock_guard lock(impl_->mutex_);
  impl_->misbehaviour_ = misbehaviour;
}

std::size_t FakeHttpServer::accepted_connections() const { return impl_->accepted_.load(); }

std::vector<HttpRequest> FakeHttpServer::requests() const {
  std::lock_guard lock(impl_->mutex_);
  return impl_->requests_;
}

std::vector<std::string> FakeHttpServer::raw_requests() const {
  std::lock_guard lock(impl_->mutex_);
  return impl_->raw_requests_;
}

}  // namespace drop_test
