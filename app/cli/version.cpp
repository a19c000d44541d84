#include <ostream>
#include <string>

#include "cli/command.hpp"
#include "drop/version.hpp"

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
    std::string line = "  drop " + std::string(command.words);
    if (!command.usage.empty()) line += " " + std::string(command.usage);
    streams.out << line << "\n      " << command.summary << "\n";
  }
  return 0;
}

}  // namespace drop::cli
