// Reads the payment-QR vector files (../shared/vectors/qr_fx) into labelled payloads.
#pragma once

#include <string>
#include <vector>

#include "support/vectors.hpp"

namespace drop_test {

struct LabelledPayload {
  std::string label;  // the expected rule ("CRC_MISMATCH"), or "" for valid vectors
  std::string payload;
  std::size_t line = 0;  // 1-based line in the vector file
};

// Every payload line (not '#', not empty) of emv_qr_valid.txt.
inline std::vector<LabelledPayload> emv_valid_vectors() {
  std::vector<LabelledPayload> out;
  const auto lines = vector_lines("qr_fx/emv_qr_valid.txt");
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (lines[i].empty() || lines[i][0] == '#') continue;
    out.push_back({"", lines[i], i + 1});
  }
  return out;
}

// The first word of a label, trailing ':' removed; "SCHEME" (KHQR timestamp) maps to the
// catalogue's EXPIRATION_TIMESTAMP_REQUIRED, "info X" to "info:X".
inline std::string rule_of_label(const std::string& label) {
  std::string word = label.substr(0, label.find(' '));
  if (!word.empty() && word.back() == ':') word.pop_back();
  if (word == "SCHEME") return "EXPIRATION_TIMESTAMP_REQUIRED";
  if (word == "info") {
    const std::string rest = label.substr(5);
    return "info:" + rest.substr(0, rest.find(' '));
  }
  return word;
}

// Payloads preceded by "# <marker> <label> | source" (marker "EXPECTED:" or "RULE:").
inline std::vector<LabelledPayload> labelled_vectors(const std::string& file,
                                                     const std::string& marker) {
  std::vector<LabelledPayload> out;
  const auto lines = vector_lines("qr_fx/" + file);
  const std::string prefix = "# " + marker + " ";
  for (std::size_t i = 0; i + 1 < lines.size(); ++i) {
    if (lines[i].rfind(prefix, 0) != 0) continue;
    out.push_back({rule_of_label(lines[i].substr(prefix.size())), lines[i + 1], i + 2});
  }
  return out;
}

inline std::vector<LabelledPayload> emv_invalid_vectors() {
  return labelled_vectors("emv_qr_invalid.txt", "EXPECTED:");
}
inline std::vector<LabelledPayload> emv_edge_vectors() {
  return labelled_vectors("emv_qr_edge.txt", "RULE:");
}

}  // namespace drop_test
