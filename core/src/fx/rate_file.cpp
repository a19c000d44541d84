#include <string>

#include "drop/fx/rate_formats.hpp"

namespace drop::fx {

std::string RateFileError::to_string() const {
  std::string text;
  if (line > 0) text += "line " + std::to_string(line) + ": ";
  if (!field.empty()) text += "field '" + field + "': ";
  return text + reason;
}

Result<ParsedRates, RateFileError> parse_rate_file(std::string_view content) {
  std::string_view start = content;
  if (start.substr(0, 3) == "\xEF\xBB\xBF") start.remove_prefix(3);
  const std::size_t first = start.find_first_not_of(" \t\r\n");
  if (first != std::string_view::npos && start[first] == '<') return parse_ecb_xml(content);
  if (start.find(';') != std::string_view::npos) return parse_norges_bank_csv(content);
  return Err{RateFileError{1, "", "neither ECB XML nor a Norges Bank CSV"}};
}

}  // namespace drop::fx
