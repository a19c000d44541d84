// The shared FX quote cases (../shared/vectors/fx/quote_cases.csv), parsed for the core and the
// program tests. Skips the calling test (exit 77) when the vectors are absent.
#pragma once

#include <cstdint>
#include <sstream>
#include <string>
#include <vector>

#include "support/vectors.hpp"

namespace drop_test {

struct FxCase {
  int line = 0;
  std::string source_currency;
  std::string target_currency;
  std::string mode;  // "send" | "receive"
  std::int64_t amount = 0;
  int spread_bps = 0;
  std::int64_t fee_fixed = 0;
  int fee_bps = 0;
  std::string rate;
  std::string fee;     // empty when refused
  std::string source;  // empty when refused
  std::string target;  // empty when refused
  std::string error;   // empty when priced
};

inline std::vector<FxCase> fx_quote_cases() {
  std::vector<FxCase> cases;
  int line_number = 0;
  for (const std::string& line : vector_lines("fx/quote_cases.csv")) {
    ++line_number;
    if (line.empty() || line[0] == '#' || line.rfind("source_currency,", 0) == 0) continue;
    std::vector<std::string> fields;
    std::stringstream stream(line);
    for (std::string field; std::getline(stream, field, ',');) fields.push_back(field);
    if (line.back() == ',') fields.emplace_back();
    if (fields.size() != 12) throw std::runtime_error("bad case line " + line);
    FxCase c;
    c.line = line_number;
    c.source_currency = fields[0];
    c.target_currency = fields[1];
    c.mode = fields[2];
    c.amount = std::stoll(fields[3]);
    c.spread_bps = std::stoi(fields[4]);
    c.fee_fixed = std::stoll(fields[5]);
    c.fee_bps = std::stoi(fields[6]);
    c.rate = fields[7];
    c.fee = fields[8];
    c.source = fields[9];
    c.target = fields[10];
    c.error = fields[11];
    cases.push_back(c);
  }
  return cases;
}

}  // namespace drop_test
