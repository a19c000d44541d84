#include "cli/command.hpp"

namespace drop::cli {

std::span<const Command> commands() {
  static const Command table[] = {
      {"version", "", "print the program version", run_version},
      {"help", "", "list the commands", run_help},
      {"migrate", "", "apply missing schema migrations to DATABASE_URL (idempotent)", run_migrate},
  };
  return table;
}

}  // namespace drop::cli
