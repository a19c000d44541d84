// Structured logs: one JSON object per line on stdout (requests) or stderr (errors and events).
// A line is written whole (one write(2) call, or inside one batch), so lines never interleave.
// What is logged is chosen field by field: never a body, an Authorization or Cookie header, a
// token, a secret or a national identity number.
// Thread-safety: functions are thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "drop/time/timestamp.hpp"

namespace drop::http {

struct RequestLogEntry {
  Timestamp time;
  std::string_view request_id;
  std::string_view method;
  std::string_view route;  // the route pattern ("/api/accounts/{id}/entries"), or "unmatched"
  int status = 0;
  std::int64_t latency_us = 0;
  std::string_view user_id;  // empty: anonymous
};

std::string format_request_log(const RequestLogEntry& entry);

// RFC 3339 with milliseconds: "2026-11-30T08:37:29.123Z".
std::string format_log_time(Timestamp time);

// While started, stdout lines are handed to one writer thread that writes them in batches
// (lines stay whole and in order); stop flushes everything and joins. Without it, each line is
// written synchronously.
void start_async_stdout();
void stop_async_stdout();

// Writes `line` (a newline is appended) to stdout / stderr in one call.
void write_stdout_line(std::string line);
void write_stderr_line(std::string line);

// {"time":..., "level":..., "event":..., "message":...} on stderr.
void log_event(Timestamp time, std::string_view level, std::string_view event,
               std::string_view message);

}  // namespace drop::http
