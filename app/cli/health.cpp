// drop health: the container health check. The runtime image has no curl or shell, so the
// Dockerfile HEALTHCHECK and the ECS task definition run the program itself. Sends
//   GET /api/health HTTP/1.1  (Host: 127.0.0.1, Connection: close)
// to 127.0.0.1:<port> (--port, else $PORT, else 3000) and exits 0 when the status line says 200
// within --timeout-ms (2000, the whole exchange); otherwise exit 1 with one line on stderr
// (refused, timed out, or the status: 503 while draining or while the database is unreachable).
// The body is not read. Exit 2 on a usage error.
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <chrono>
#include <cstdlib>
#include <ostream>
#include <string>

#include "cli/command.hpp"

namespace drop::cli {

namespace {

using Deadline = std::chrono::steady_clock::time_point;

bool parse_number(std::string_view text, std::int64_t minimum, std::int64_t maximum,
                  std::int64_t& target) {
  std::int64_t parsed = 0;
  const auto [end, code] = std::from_chars(text.data(), text.data() + text.size(), parsed);
  if (code != std::errc() || end != text.data() + text.size()) return false;
  if (parsed < minimum || parsed > maximum) return false;
  target = parsed;
  return true;
}

// Waits until `descriptor` is ready for `events`; false when the deadline passes first.
bool wait_ready(int descriptor, short events, Deadline deadline) {
  while (true) {
    const auto left_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                             deadline - std::chrono::steady_clock::now())
                             .count();
    if (left_ms <= 0) return false;
    pollfd entry{descriptor, events, 0};
    const int ready = ::poll(&entry, 1, static_cast<int>(left_ms));
    if (ready > 0) return true;
    if (ready < 0 && errno != EINTR) return false;
  }
}

int failed(std::string& reason, const char* text) {
  reason = text;
  return 0;
}

// The HTTP status of GET /api/health on 127.0.0.1:port, or 0 with `reason` set.
int health_status(std::uint16_t port, std::int64_t timeout_ms, std::string& reason) {
  const Deadline deadline =
      std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  const int descriptor = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (descriptor < 0) return failed(reason, "cannot create a socket");
  struct Closer {
    int descriptor;
    ~Closer() { ::close(descriptor); }
  } closer{descriptor};
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(descriptor, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0 &&
      errno != EINPROGRESS) {
    return failed(reason, "connection refused");
  }
  int error = 0;
  socklen_t error_size = sizeof error;
  if (!wait_ready(descriptor, POLLOUT, deadline)) return failed(reason, "connect timed out");
  if (::getsockopt(descriptor, SOL_SOCKET, SO_ERROR, &error, &error_size) != 0 || error != 0) {
    return failed(reason, "connection refused");
  }
  const std::string request =
      "GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
  std::size_t sent = 0;
  while (sent < request.size()) {
    if (!wait_ready(descriptor, POLLOUT, deadline)) return failed(reason, "send timed out");
    const ssize_t count =
        ::send(descriptor, request.data() + sent, request.size() - sent, MSG_NOSIGNAL);
    if (count < 0 && (errno == EAGAIN || errno == EINTR)) continue;
    if (count <= 0) return failed(reason, "connection closed while sending");
    sent += static_cast<std::size_t>(count);
  }
  // "HTTP/1.1 200 OK\r\n": the status is the three digits after the first space.
  std::string head;
  while (head.find("\r\n") == std::string::npos && head.size() < 256) {
    if (!wait_ready(descriptor, POLLIN, deadline)) return failed(reason, "no answer in time");
    char buffer[256];
    const ssize_t count = ::recv(descriptor, buffer, sizeof buffer, 0);
    if (count < 0 && (errno == EAGAIN || errno == EINTR)) continue;
    if (count <= 0) break;
    head.append(buffer, static_cast<std::size_t>(count));
  }
  const auto space = head.find(' ');
  std::int64_t status = 0;
  if (!head.starts_with("HTTP/1.") || space == std::string::npos || head.size() < space + 4 ||
      !parse_number(std::string_view(head).substr(space + 1, 3), 100, 599, status)) {
    return failed(reason, "not an HTTP answer");
  }
  return static_cast<int>(status);
}

}  // namespace

int run_health(Arguments arguments, Streams streams) {
  std::int64_t port = 3000;
  std::int64_t timeout_ms = 2000;
  if (const char* value = std::getenv("PORT"); value != nullptr && *value != '\0') {
    if (!parse_number(value, 1, 65535, port)) {
      streams.err << "drop health: PORT: must be a number from 1 to 65535\n";
      return 2;
    }
  }
  for (std::size_t i = 0; i < arguments.size(); i += 2) {
    const bool has_value = i + 1 < arguments.size();
    if (arguments[i] == "--port" && has_value && parse_number(arguments[i + 1], 1, 65535, port)) {
      continue;
    }
    if (arguments[i] == "--timeout-ms" && has_value &&
        parse_number(arguments[i + 1], 1, 60'000, timeout_ms)) {
      continue;
    }
    streams.err << "drop health: usage: drop health [--port 1..65535] [--timeout-ms 1..60000]\n";
    return 2;
  }
  std::string reason;
  const int status = health_status(static_cast<std::uint16_t>(port), timeout_ms, reason);
  const std::string url = "http://127.0.0.1:" + std::to_string(port) + "/api/health";
  if (status == 200) {
    streams.out << url << ": 200\n";
    return 0;
  }
  streams.err << "drop health: " << url << ": "
              << (status == 0 ? reason : "answered " + std::to_string(status)) << "\n";
  return 1;
}

}  // namespace drop::cli
