// Helpers shared by the SigV4 header signer and presigner (private to the adapter).
#pragma once

#include <cctype>
#include <string>
#include <string_view>

namespace drop::adapters::aws {

inline std::string lowercase(std::string_view text) {
  std::string lower(text);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return lower;
}

// Headers a proxy or the client may change or add: never signed.
inline bool is_unsigned_header(std::string_view lower_name) {
  return lower_name == "authorization" || lower_name == "user-agent" || lower_name == "expect" ||
         lower_name == "x-amzn-trace-id";
}

}  // namespace drop::adapters::aws
