#include "http/request_log.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <cerrno>

#include "json/json.hpp"

namespace drop::http {

namespace {

void write_line(int descriptor, std::string line) {
  line.push_back('\n');
  std::size_t written = 0;
  while (written < line.size()) {
    const ssize_t count = ::write(descriptor, line.data() + written, line.size() - written);
    if (count < 0 && errno == EINTR) continue;
    if (count <= 0) return;  // a closed log stream must not take the server down
    written += static_cast<std::size_t>(count);
  }
}

}  // namespace

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

void write_stdout_line(std::string line) { write_line(STDOUT_FILENO, std::move(line)); }
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
