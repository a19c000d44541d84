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

struct EpcExample {
  std::string title;
  std::string encoding;   // "utf-8" or "iso-8859-1"
  std::size_t bytes = 0;  // the stated payload length in that encoding
  bool valid = false;
  std::string payload;  // in `encoding`, lines joined by LF
};

// UTF-8 text to ISO 8859-1 bytes. REQUIRES: every code point <= U+00FF.
inline std::string utf8_to_latin1(const std::string& text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte < 0x80) {
      out.push_back(static_cast<char>(byte));
    } else {
      const auto next = static_cast<unsigned char>(text[++i]);
      out.push_back(static_cast<char>(((byte & 0x1F) << 6) | (next & 0x3F)));
    }
  }
  return out;
}

// The blocks of epc_qr_examples.txt ('### EXAMPLE' ... '### END').
inline std::vector<EpcExample> epc_examples() {
  std::vector<EpcExample> out;
  const auto lines = vector_lines("qr_fx/epc_qr_examples.txt");
  EpcExample current;
  std::vector<std::string> payload;
  bool inside = false;
  for (const std::string& line : lines) {
    if (line.rfind("### EXAMPLE ", 0) == 0) {
      current = EpcExample{};
      current.title = line.substr(12);
      payload.clear();
      inside = true;
    } else if (line == "### END" && inside) {
      std::string joined;
      for (std::size_t i = 0; i < payload.size(); ++i) joined += (i ? "\n" : "") + payload[i];
      current.payload = current.encoding == "iso-8859-1" ? utf8_to_latin1(joined) : joined;
      out.push_back(current);
      inside = false;
    } else if (inside && line.rfind("#  encoding: ", 0) == 0) {
      const std::string rest = line.substr(13);
      current.encoding = rest.substr(0, rest.find(' '));
      current.bytes = std::stoul(rest.substr(rest.find("bytes=") + 6));
    } else if (inside && line.rfind("#  status: ", 0) == 0) {
      current.valid = line.substr(11, 5) == "VALID";
    } else if (inside && line.rfind("#", 0) != 0) {
      payload.push_back(line);
    }
  }
  return out;
}

}  // namespace drop_test
