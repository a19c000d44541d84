#include "drop/version.hpp"

#include <ostream>

#include "cli/command.hpp"

namespace drop::cli {

int run_version(Arguments arguments, Streams streams) {
  if (!arguments.empty()) {
    streams.err << "drop version: takes no arguments\n";
    return 2;
  }
  streams.out << "drop " << drop::version() << "\n";
  return 0;
}

int run_help(Arguments, Streams streams) {
  streams.out << "usage: drop <command> [arguments]\n\ncommands:\n";
  for (const Command& command : commands()) {
    streams.out << "  drop " << command.words;
    if (!command.usage.empty()) streams.out << " " << command.usage;
    streams.out << "\n      " << command.summary << "\n";
  }
  return 0;
}

}  // namespace drop::cli
