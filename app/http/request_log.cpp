#include "http/request_log.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "json/json.hpp"

namespace drop::http {

namespace {

void write_all(int descriptor, std::string_view line) {
  std::size_t written = 0;
  while (written < line.size()) {
    const ssize_t count = ::write(descriptor, line.data() + written, line.size() - written);
    if (count < 0 && errno == EINTR) continue;
    if (count <= 0) return;  // a closed log stream must not take the server down
    written += static_cast<std::size_t>(count);
  }
}

void write_line(int descriptor, std::string line) {
  line.push_back('\n');
  write_all(descriptor, line);
}

// While the server runs, request lines go through one writer thread: I/O threads append to a
// buffer under a mutex and the writer drains it with one write(2) per batch, so under load the
// I/O threads make no log system calls. The writer gathers lines for a flush interval between
// writes and is only woken when it sleeps idle or when the buffer passes flush_bytes, so a busy
// server does not pay a thread wake-up (futex + context switch) per request. Bounded: past
// 4 MiB pending, writers wait.
struct AsyncStdout {
  static constexpr std::size_t pending_bytes_max = 4 * 1024 * 1024;
  static constexpr std::size_t flush_bytes = 64 * 1024;
  static constexpr std::chrono::milliseconds flush_interval{10};
  std::mutex mutex;
  std::condition_variable ready;
  std::condition_variable space;
  std::string pending;
  bool running = false;
  bool stopping = false;
  bool idle = false;  // the writer waits without a deadline: a producer must wake it
  std::thread thread;

  void loop() {
    std::string batch;
    std::unique_lock lock(mutex);
    while (true) {
      if (pending.empty() && !stopping) {
        idle = true;
        ready.wait(lock, [this] { return stopping || !pending.empty(); });
        idle = false;
      }
      if (pending.empty()) return;  // stopping and drained
      batch.swap(pending);
      lock.unlock();
      space.notify_all();
      write_all(STDOUT_FILENO, batch);
      batch.clear();
      lock.lock();
      ready.wait_for(lock, flush_interval,
                     [this] { return stopping || pending.size() >= flush_bytes; });
    }
  }
};

AsyncStdout& async_stdout() {
  static AsyncStdout instance;
  return instance;
}

}  // namespace

void start_async_stdout() {
  AsyncStdout& log = async_stdout();
  std::lock_guard lock(log.mutex);
  if (log.running) return;
  log.running = true;
  log.stopping = false;
  log.thread = std::thread([&log] { log.loop(); });
}

void stop_async_stdout() {
  AsyncStdout& log = async_stdout();
  {
    std::lock_guard lock(log.mutex);
    if (!log.running) return;
    log.stopping = true;
  }
  log.ready.notify_all();
  log.thread.join();
  std::lock_guard lock(log.mutex);
  log.running = false;
}

std::string format_log_time(Timestamp time) {
  std::string text = format_rfc3339(time);  // "...:29Z"
  const std::int64_t milliseconds = ((time.unix_us % 1'000'000) + 1'000'000) % 1'000'000 / 1000;
  text.pop_back();
  return text + fmt::format(".{:03}Z", milliseconds);
}

std::string format_request_log(const RequestLogEntry& entry) {
  json::Buffer buffer;
  json::Writer writer(buffer);
  writer.StartObject();
  json::write_key(writer, "time");
  json::write_string(writer, format_log_time(entry.time));
  json::write_key(writer, "level");
  json::write_string(writer, entry.status >= 500 ? "error" : "info");
  json::write_key(writer, "request_id");
  json::write_string(writer, entry.request_id);
  json::write_key(writer, "method");
  json::write_string(writer, entry.method);
  json::write_key(writer, "route");
  json::write_string(writer, entry.route);
  json::write_key(writer, "status");
  writer.Int(entry.status);
  json::write_key(writer, "latency_ms");
  writer.Double(static_cast<double>(entry.latency_us) / 1000.0);
  json::write_key(writer, "user_id");
  if (entry.user_id.empty()) {
    writer.Null();
  } else {
    json::write_string(writer, entry.user_id);
  }
  writer.EndObject();
  return json::to_string(buffer);
}

void write_stdout_line(std::string line) {
  AsyncStdout& log = async_stdout();
  std::unique_lock lock(log.mutex);
  if (!log.running) {
    lock.unlock();
    return write_line(STDOUT_FILENO, std::move(line));
  }
  log.space.wait(lock, [&log] { return log.pending.size() < AsyncStdout::pending_bytes_max; });
  const std::size_t before = log.pending.size();
  log.pending += line;
  log.pending.push_back('\n');
  const bool wake = log.idle || (before < AsyncStdout::flush_bytes &&
                                 log.pending.size() >= AsyncStdout::flush_bytes);
  log.idle = false;  // one wake-up is enough
  lock.unlock();
  if (wake) log.ready.notify_one();
}
void write_stderr_line(std::string line) { write_line(STDERR_FILENO, std::move(line)); }

void log_event(Timestamp time, std::string_view level, std::string_view event,
               std::string_view message) {
  json::Buffer buffer;
  json::Writer writer(buffer);
  writer.StartObject();
  json::write_key(writer, "time");
  json::write_string(writer, format_log_time(time));
  json::write_key(writer, "level");
  json::write_string(writer, level);
  json::write_key(writer, "event");
  json::write_string(writer, event);
  json::write_key(writer, "message");
  json::write_string(writer, message);
  writer.EndObject();
  write_stderr_line(json::to_string(buffer));
}

}  // namespace drop::http
