// drop: the command-line entry point. Finds the longest command whose words prefix the
// arguments and runs it.
#include <iostream>
#include <string_view>
#include <vector>

#include "cli/command.hpp"

namespace {

// Number of arguments matched by `words` ("qr decode" matches {"qr", "decode", ...}), or 0.
std::size_t match_words(std::string_view words, const std::vector<std::string_view>& arguments) {
  std::size_t matched = 0;
  while (!words.empty()) {
    const std::size_t space = words.find(' ');
    const std::string_view word = words.substr(0, space);
    if (matched >= arguments.size() || arguments[matched] != word) return 0;
    ++matched;
    words = space == std::string_view::npos ? std::string_view() : words.substr(space + 1);
  }
  return matched;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string_view> arguments(argv + 1, argv + argc);
  drop::cli::Streams streams{std::cin, std::cout, std::cerr};
  if (arguments.empty()) {
    drop::cli::run_help({}, streams);
    return 2;
  }

  const drop::cli::Command* best = nullptr;
  std::size_t best_matched = 0;
  for (const drop::cli::Command& command : drop::cli::commands()) {
    const std::size_t matched = match_words(command.words, arguments);
    if (matched > best_matched) {
      best = &command;
      best_matched = matched;
    }
  }
  if (best == nullptr) {
    std::cerr << "drop: unknown command '" << arguments[0] << "' (see: drop help)\n";
    return 2;
  }
  const std::vector<std::string_view> rest(arguments.begin() + static_cast<long>(best_matched),
                                           arguments.end());
  return best->run(rest, streams);
}
