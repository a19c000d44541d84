// Server: the Boost.Beast HTTP/1.1 shell around the Pipeline (the only Beast code is in
// server.cpp). It only moves bytes: I/O threads accept, read and write; requests whose route
// may block run on the WorkerPool (503 when its queue is full).
//
// Limits: headers 16 KiB, body 64 KiB (413), one read deadline per request (read_timeout_ms,
// also the keep-alive idle limit), one request in processing per connection (pipelined
// requests wait in the connection's bounded read buffer).
// Draining (SIGTERM/SIGINT, or drain()): on_drain runs (health turns 503), the listener closes,
// idle keep-alive connections close, every request already received is answered (with
// Connection: close), and run() returns once no connection remains -- or after
// drain_timeout_ms, when whatever is left is abandoned.
// Thread-safety: construct, listen() and run() from one thread; drain() from any thread.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "drop/result.hpp"
#include "http/pipeline.hpp"
#include "http/worker_pool.hpp"

namespace drop::http {

struct ServerOptions {
  std::string address = "0.0.0.0";
  std::uint16_t port = 3000;  // 0: any free port (see Server::port())
  int io_threads = 1;
  std::int64_t read_timeout_ms = 15000;
  std::int64_t drain_timeout_ms = 8000;
  int trusted_proxy_hops = 0;
};

class Server {
 public:
  Server(ServerOptions options, const Pipeline& pipeline, WorkerPool& workers);
  ~Server();

  // Binds and listens. Fails with a one-line reason (address in use, ...).
  Result<void, std::string> listen();
  // The bound port (after listen()).
  std::uint16_t port() const;
  // Serves until drained. `on_drain` runs once, when draining starts (on the signal's thread).
  // Returns true when every connection finished, false when the drain deadline cut some off.
  bool run(std::function<void()> on_drain);
  // Starts draining, as SIGTERM does.
  void drain();

  struct Impl;  // Beast state, defined in server.cpp

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace drop::http
