// Text conversion between UTF-8 and the EPC069-12 character sets (line 3: 1 = UTF-8,
// 2..8 = ISO 8859-1/2/4/5/7/10/15) with glibc's iconv. Thread-safety: reentrant.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace drop::cli {

// nullopt when a character has no representation in the target (or the charset is unknown).
std::optional<std::string> epc_to_utf8(std::string_view text, int charset);
std::optional<std::string> utf8_to_epc(std::string_view text, int charset);

}  // namespace drop::cli
