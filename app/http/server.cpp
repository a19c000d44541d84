// The Beast plumbing (after Boost.Beast's advanced server example): a listener dealing
// connections to one event loop per I/O thread, sessions that parse one request at a time with a
// deadline and limits, hand it to the Pipeline (inline or on the WorkerPool) and write the answer;
// signal handling that drains rather than calling io_context::stop(). Answers to pipelined
// requests that run inline are gathered and sent with one write (bounded), before any read.
#include "http/server.hpp"

#include <array>
#include <atomic>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>

#include "drop/text/form_decode.hpp"
#include "http/client_ip.hpp"
#include "http/problem.hpp"

namespace drop::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;

namespace {

constexpr std::uint32_t header_bytes_max = 16 * 1024;
// Bytes a connection may buffer beyond the request being parsed (pipelined requests).
constexpr std::size_t read_buffer_bytes_max = header_bytes_max + request_body_bytes_max;
// Bytes asked of one read(2).
constexpr std::size_t read_chunk_bytes = 16 * 1024;
// Pipelined requests answered inline are sent together, at most this many (or bytes) at once.
constexpr std::size_t pipelined_answers_max = 32;
constexpr std::size_t out_flush_bytes = 64 * 1024;

void split_target(std::string_view target, Request& request) {
  const auto question = target.find('?');
  request.path = std::string(target.substr(0, question));
  if (question == std::string_view::npos) return;
  std::string_view query = target.substr(question + 1);
  while (!query.empty()) {
    const auto amp = query.find('&');
    const std::string_view pair = query.substr(0, amp);
    if (!pair.empty()) {
      const auto equals = pair.find('=');
      request.query.emplace_back(text::form_decode(pair.substr(0, equals)),
                                 equals == std::string_view::npos
                                     ? std::string()
                                     : text::form_decode(pair.substr(equals + 1)));
    }
    if (amp == std::string_view::npos) break;
    query.remove_prefix(amp + 1);
  }
}

}  // namespace

class Session;

// One io_context per I/O thread (as one event loop per nginx worker): a connection lives on one
// thread for its whole life, so its handlers need no strand and the contexts share no lock. The
// acceptor on context 0 deals connections round-robin.
struct Server::Impl {
  Impl(ServerOptions server_options, const Pipeline& server_pipeline, WorkerPool& pool)
      : options(std::move(server_options)), pipeline(server_pipeline), workers(pool) {
    const int count = std::max(1, options.io_threads);
    for (int i = 0; i < count; ++i) {
      contexts.push_back(std::make_unique<asio::io_context>(1));
      guards.emplace_back(contexts.back()->get_executor());
    }
    acceptor.emplace(*contexts[0]);
    signals.emplace(*contexts[0], SIGINT, SIGTERM);
    drain_timer.emplace(*contexts[0]);
  }
  ~Impl() {
    drain_timer.reset();
    signals.reset();
    acceptor.reset();
    guards.clear();
    contexts.clear();  // destroys pending handlers (and the sessions they hold) first
  }

  void accept();
  void begin_drain();
  void session_started(Session* session, const std::shared_ptr<Session>& shared);
  void session_ended(Session* session);
  void poll_drain(std::chrono::steady_clock::time_point deadline);
  void stop_all() {
    for (auto& context : contexts) context->stop();
  }

  const ServerOptions options;
  const Pipeline& pipeline;
  WorkerPool& workers;
  // Declared before the io_contexts: sessions destroyed with them still unregister here.
  std::mutex sessions_mutex;
  std::unordered_map<Session*, std::weak_ptr<Session>> sessions;
  std::atomic<bool> draining{false};
  std::atomic<bool> drained_cleanly{true};
  std::function<void()> on_drain;
  std::size_t next_context = 0;  // round-robin (touched by the accept handler only)
  std::vector<std::unique_ptr<asio::io_context>> contexts;
  std::vector<asio::executor_work_guard<asio::io_context::executor_type>> guards;
  std::optional<tcp::acceptor> acceptor;
  std::optional<asio::signal_set> signals;
  std::optional<asio::steady_timer> drain_timer;
};

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket socket, Server::Impl& server)
      : stream_(std::move(socket)), buffer_(read_buffer_bytes_max), server_(server) {
    beast::error_code error;
    const auto endpoint = stream_.socket().remote_endpoint(error);
    if (!error) peer_ip_ = endpoint.address().to_string();
  }
  ~Session() { server_.session_ended(this); }

  void start() {
    server_.session_started(this, shared_from_this());
    asio::dispatch(stream_.get_executor(), [self = shared_from_this()] { self->read(); });
  }

  // Closes the connection if it is idle; otherwise the current request finishes first.
  void drain() {
    asio::post(stream_.get_executor(), [self = shared_from_this()] {
      self->draining_ = true;
      if (self->state_ == State::reading && !(self->parser_ && self->parser_->got_some()) &&
          self->buffer_.size() == 0) {
        self->close();
      }
    });
  }

 private:
  enum class State { reading, processing, writing, closed };

  // Starts on the next request: parses what is already buffered (a pipelined request needs no
  // system call); when more bytes are needed, first sends the answers gathered so far, then
  // reads.
  void read() {
    if (state_ == State::closed) return;
    state_ = State::reading;
    parser_.emplace();
    parser_->header_limit(header_bytes_max);
    parser_->body_limit(request_body_bytes_max);
    parser_->eager(true);
    // One deadline for the whole request (and the idle time before it), not one per read: a
    // client dribbling a byte at a time must not hold the connection forever.
    read_deadline_ = std::chrono::steady_clock::now() +
                     std::chrono::milliseconds(server_.options.read_timeout_ms);
    parse_buffered();
  }

  void parse_buffered() {
    // Answers are gathered while pipelined requests are answered inline, up to a bound.
    if (out_.size() >= out_flush_bytes || answered_unflushed_ >= pipelined_answers_max) {
      return flush(After::parse);
    }
    while (buffer_.size() > 0 && !parser_->is_done()) {
      beast::error_code error;
      const std::size_t used = parser_->put(buffer_.data(), error);
      buffer_.consume(used);
      if (error == bhttp::error::need_more) break;
      if (error) return on_parsed(error);
      if (used == 0) break;  // defensive: no progress means the parser wants more bytes
    }
    if (parser_->is_done()) return on_parsed({});
    if (!out_.empty()) return flush(After::read_more);
    read_more();
  }

  void read_more() {
    if (state_ == State::closed) return;
    const std::size_t room = buffer_.max_size() - buffer_.size();
    if (room == 0) return on_parsed(bhttp::error::header_limit);  // cannot happen: limits
    stream_.expires_at(read_deadline_);
    stream_.async_read_some(
        buffer_.prepare(std::min<std::size_t>(room, read_chunk_bytes)),
        [self = shared_from_this()](beast::error_code error, std::size_t bytes) {
          self->buffer_.commit(bytes);
          if (self->state_ == State::closed) return;
          if (error) return self->close();  // end of stream, reset, timeout, cancelled
          self->parse_buffered();
        });
  }

  void on_parsed(beast::error_code error) {
    if (state_ == State::closed) return;
    request_ = Request{};
    started_ = std::chrono::steady_clock::now();
    if (error) {
      if (parser_->is_header_done()) fill_request(parser_->get(), false);
      const bool too_large = error == bhttp::error::body_limit;
      const bool headers_too_large = error == bhttp::error::header_limit;
      prepared_ = Prepared{};
      Response refused = server_.pipeline.refuse(
          request_, too_large ? ErrorCode::payload_too_large : ErrorCode::invalid_request,
          too_large           ? "The request body is larger than 64 KiB."
          : headers_too_large ? "The request headers are larger than 16 KiB."
                              : "The request is not valid HTTP/1.1.");
      keep_alive_ = false;
      linger_ = true;  // the rest of the request may still be arriving
      return respond(refused);
    }
    keep_alive_ = parser_->get().keep_alive();
    fill_request(parser_->get(), true);
    process();
  }
  void fill_request(bhttp::request<bhttp::string_body>& message, bool with_body) {
    request_.method_text = std::string(message.method_string());
    request_.method = parse_method(request_.method_text);
    split_target(std::string_view(message.target().data(), message.target().size()), request_);
    std::string forwarded_for;
    bool has_forwarded_for = false;
    for (const auto& field : message) {
      const std::string_view name(field.name_string().data(), field.name_string().size());
      const std::string_view value(field.value().data(), field.value().size());
      request_.headers.add(name, value);
      if (equals_ignore_case(name, "X-Forwarded-For")) {
        if (has_forwarded_for) forwarded_for += ", ";
        forwarded_for += value;
        has_forwarded_for = true;
      }
    }
    if (with_body) request_.body = std::move(message.body());
    request_.client_ip = client_ip(
        peer_ip_, has_forwarded_for ? std::optional<std::string_view>(forwarded_for) : std::nullopt,
        server_.options.trusted_proxy_hops);
  }

  void process() {
    state_ = State::processing;
    prepared_ = server_.pipeline.prepare(request_);
    if (!Pipeline::blocking(prepared_)) return respond(server_.pipeline.run(request_, prepared_));
    auto self = shared_from_this();
    const bool queued = server_.workers.try_submit([self] {
      Response response = self->server_.pipeline.run(self->request_, self->prepared_);
      asio::post(self->stream_.get_executor(),
                 [self, response = std::move(response)] { self->respond(response); });
    });
    if (!queued) {
      server_.pipeline.context().metrics->record_worker_rejected();
      respond(server_.pipeline.refuse(request_, ErrorCode::unavailable, ""));
    }
  }

  void respond(const Response& response) {
    if (state_ == State::closed) return;
    const auto latency = std::chrono::steady_clock::now() - started_;
    server_.pipeline.finish(request_, prepared_, response,
                            std::chrono::duration_cast<std::chrono::microseconds>(latency).count());
    const bool keep_alive =
        keep_alive_ && !response.headers.has("Connection") && !(draining_ && buffer_.size() == 0);
    serialize(response, keep_alive);
    ++answered_unflushed_;
    if (linger_) return flush(After::linger);
    if (!keep_alive) return flush(After::close);
    read();
  }

  // Appends the HTTP/1.1 response to out_ (what Beast's serializer would write for it).
  void serialize(const Response& response, bool keep_alive) {
    const auto status = static_cast<unsigned>(response.status);
    out_ += "HTTP/1.1 ";
    out_ += std::to_string(status);
    out_ += ' ';
    const auto reason = bhttp::obsolete_reason(static_cast<bhttp::status>(status));
    out_.append(reason.data(), reason.size());
    out_ += "\r\n";
    for (const auto& [name, value] : response.headers.fields()) {
      if (equals_ignore_case(name, "Connection") || equals_ignore_case(name, "Content-Length"))
        continue;
      append_field(name, value);
    }
    if (!response.content_type.empty()) append_field("Content-Type", response.content_type);
    // 1xx, 204 and 304 carry neither a body nor a length (RFC 9110 8.6).
    const bool bodiless = status < 200 || status == 204 || status == 304;
    if (!bodiless) append_field("Content-Length", std::to_string(response.body.size()));
    if (!keep_alive) out_ += "Connection: close\r\n";
    out_ += "\r\n";
    if (!bodiless && request_.method != Method::head) out_ += response.body;
  }

  void append_field(std::string_view name, std::string_view value) {
    out_.append(name);
    out_ += ": ";
    out_.append(value);
    out_ += "\r\n";
  }

  enum class After { parse, read_more, close, linger };

  // Sends everything in out_ in one write, then continues with `after`.
  void flush(After after) {
    state_ = State::writing;
    stream_.expires_after(std::chrono::milliseconds(server_.options.read_timeout_ms));
    asio::async_write(
        stream_, asio::buffer(out_),
        [self = shared_from_this(), after](beast::error_code error, std::size_t) {
          self->out_.clear();
          self->answered_unflushed_ = 0;
          if (self->state_ == State::closed) return;
          if (error) return self->close();
          switch (after) {
            case After::parse:
              self->state_ = State::reading;
              return self->parse_buffered();
            case After::read_more:
              self->state_ = State::reading;
              if (self->draining_ && self->buffer_.size() == 0 && !self->parser_->got_some()) {
                return self->close();
              }
              return self->read_more();
            case After::close:
              return self->close();
            case After::linger:
              return self->linger_close();
          }
        });
  }

  // After refusing a request whose body is still arriving (413, 400): stop sending, then read
  // and discard what the client still sends (bounded in bytes and time) before closing, so the
  // refusal is not destroyed by a TCP reset from closing with unread data (as nginx's
  // lingering close).
  void linger_close() {
    state_ = State::closed;
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
    stream_.expires_after(std::chrono::seconds(2));
    discard();
  }

  void discard() {
    stream_.async_read_some(
        asio::buffer(discard_buffer_),
        [self = shared_from_this()](beast::error_code error, std::size_t bytes) {
          self->discarded_bytes_ += bytes;
          if (error || self->discarded_bytes_ > 1024 * 1024) {
            beast::error_code ignored;
            self->stream_.socket().close(ignored);
            return;
          }
          self->discard();
        });
  }

  void close() {
    if (state_ == State::closed) return;
    state_ = State::closed;
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
    stream_.socket().close(ignored);
  }

  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  Server::Impl& server_;
  std::string peer_ip_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  std::string out_;  // serialized answers not yet sent (pipelined requests answered inline)
  std::size_t answered_unflushed_ = 0;
  State state_ = State::reading;
  bool draining_ = false;
  bool keep_alive_ = true;
  bool linger_ = false;
  std::array<char, 4096> discard_buffer_;
  std::size_t discarded_bytes_ = 0;
  Request request_;
  Prepared prepared_;
  std::chrono::steady_clock::time_point started_;
  std::chrono::steady_clock::time_point read_deadline_;
};

void Server::Impl::accept() {
  asio::io_context& target = *contexts[next_context++ % contexts.size()];
  acceptor->async_accept(target, [this](beast::error_code error, tcp::socket socket) {
    if (error == asio::error::operation_aborted || !acceptor->is_open()) return;
    if (!error) {
      beast::error_code ignored;
      socket.set_option(tcp::no_delay(true), ignored);
      std::make_shared<Session>(std::move(socket), *this)->start();
    }
    accept();
  });
}

void Server::Impl::session_started(Session* session, const std::shared_ptr<Session>& shared) {
  std::lock_guard lock(sessions_mutex);
  sessions.emplace(session, shared);
}

void Server::Impl::session_ended(Session* session) {
  std::lock_guard lock(sessions_mutex);
  sessions.erase(session);
}

// Polls until no session remains (run() then returns: nothing is left to do) or the deadline
// passes (then what is left is abandoned).
void Server::Impl::poll_drain(std::chrono::steady_clock::time_point deadline) {
  {
    std::lock_guard lock(sessions_mutex);
    if (sessions.empty()) {
      guards.clear();  // each context returns once its last handler has run
      return;
    }
  }
  if (std::chrono::steady_clock::now() >= deadline) {
    drained_cleanly = false;
    stop_all();
    return;
  }
  drain_timer->expires_after(std::chrono::milliseconds(10));
  drain_timer->async_wait([this, deadline](beast::error_code error) {
    if (!error) poll_drain(deadline);
  });
}

void Server::Impl::begin_drain() {
  if (draining.exchange(true)) return;
  if (on_drain) on_drain();
  beast::error_code ignored;
  signals->cancel(ignored);
  acceptor->close(ignored);
  std::vector<std::shared_ptr<Session>> live;
  {
    std::lock_guard lock(sessions_mutex);
    for (auto& [pointer, weak] : sessions) {
      if (auto session = weak.lock()) live.push_back(std::move(session));
    }
  }
  for (const auto& session : live) session->drain();
  live.clear();
  poll_drain(std::chrono::steady_clock::now() +
             std::chrono::milliseconds(options.drain_timeout_ms));
}

Server::Server(ServerOptions options, const Pipeline& pipeline, WorkerPool& workers)
    : impl_(std::make_unique<Impl>(std::move(options), pipeline, workers)) {}

Server::~Server() = default;

Result<void, std::string> Server::listen() {
  beast::error_code error;
  const auto address = asio::ip::make_address(impl_->options.address, error);
  if (error) return Err{std::string("invalid listen address")};
  const tcp::endpoint endpoint(address, impl_->options.port);
  auto& acceptor = *impl_->acceptor;
  acceptor.open(endpoint.protocol(), error);
  if (!error) acceptor.set_option(asio::socket_base::reuse_address(true), error);
  if (!error) acceptor.bind(endpoint, error);
  if (!error) acceptor.listen(asio::socket_base::max_listen_connections, error);
  if (error) {
    return Err{"cannot listen on " + impl_->options.address + ":" +
               std::to_string(impl_->options.port) + ": " + error.message()};
  }
  return {};
}

std::uint16_t Server::port() const {
  beast::error_code error;
  const auto endpoint = impl_->acceptor->local_endpoint(error);
  return error ? 0 : endpoint.port();
}

bool Server::run(std::function<void()> on_drain) {
  impl_->on_drain = std::move(on_drain);
  impl_->signals->async_wait([this](beast::error_code error, int) {
    if (!error) impl_->begin_drain();
  });
  impl_->accept();
  std::vector<std::thread> threads;
  for (std::size_t i = 1; i < impl_->contexts.size(); ++i) {
    threads.emplace_back([this, i] { impl_->contexts[i]->run(); });
  }
  impl_->contexts[0]->run();
  for (std::thread& thread : threads) thread.join();
  return impl_->drained_cleanly.load();
}

void Server::drain() {
  asio::post(*impl_->contexts[0], [this] { impl_->begin_drain(); });
}

}  // namespace drop::http
