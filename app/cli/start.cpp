// drop start: `drop migrate`, then `drop serve`, in one process. For platforms where a separate
// migration step cannot reach the database: Fly.io staging keeps SQLite on a volume that only the
// app machine mounts (a release_command machine has no volume), and App Runner has no one-off
// tasks. Outside development `drop serve` refuses a schema that is behind the program, so one of
// the two must run first. Migrations are idempotent and serialised (PostgreSQL takes an advisory
// lock), so instances starting together are safe. The migrate report becomes one JSON log event;
// a failed migration stops start-up (its exit code, one line on stderr) before anything listens.
// Both steps read DATABASE_URL from the environment.
#include <sstream>
#include <string>

#include "cli/command.hpp"
#include "cli/system_ports.hpp"
#include "http/request_log.hpp"

namespace drop::cli {

int run_start(Arguments arguments, Streams streams) {
  if (!arguments.empty()) {
    streams.err << "drop start: takes no arguments (configuration comes from the environment)\n";
    return 2;
  }
  std::ostringstream report;
  const int migrated = run_migrate({}, Streams{streams.in, report, streams.err});
  if (migrated != 0) return migrated;
  std::string text = report.str();
  while (!text.empty() && text.back() == '\n') text.pop_back();
  http::log_event(app::SystemClock().now(), "info", "migrate", text);
  return run_serve({}, streams);
}

}  // namespace drop::cli
