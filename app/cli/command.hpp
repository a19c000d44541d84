// The `drop` program's commands. Each command is a function from its arguments (after the
// command words) and the standard streams to an exit code: 0 success, 1 a refused or invalid
// input (one line on stderr), 2 a usage error.
#pragma once

#include <iosfwd>
#include <span>
#include <string_view>

namespace drop::cli {

struct Streams {
  std::istream& in;
  std::ostream& out;
  std::ostream& err;
};

using Arguments = std::span<const std::string_view>;
using CommandFunction = int (*)(Arguments arguments, Streams streams);

struct Command {
  std::string_view words;    // "version", "ledger verify", "qr decode"
  std::string_view usage;    // argument synopsis shown by `drop help`
  std::string_view summary;  // one line for `drop help`
  CommandFunction run;
};

// Every command, in the order `drop help` lists them (defined in cli/commands.cpp).
std::span<const Command> commands();

int run_version(Arguments arguments, Streams streams);
int run_help(Arguments arguments, Streams streams);
int run_migrate(Arguments arguments, Streams streams);
int run_serve(Arguments arguments, Streams streams);
int run_ledger_verify(Arguments arguments, Streams streams);
int run_fx_quote(Arguments arguments, Streams streams);
int run_qr_decode(Arguments arguments, Streams streams);
int run_qr_encode(Arguments arguments, Streams streams);
int run_qr_svg(Arguments arguments, Streams streams);
int run_health(Arguments arguments, Streams streams);
int run_start(Arguments arguments, Streams streams);

}  // namespace drop::cli
