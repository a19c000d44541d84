#include "drop/text/form_decode.hpp"

namespace drop::text {

namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

}  // namespace

std::string form_decode(std::string_view component) {
  std::string out;
  out.reserve(component.size());
  for (std::size_t i = 0; i < component.size(); ++i) {
    if (component[i] == '+') {
      out.push_back(' ');
    } else if (component[i] == '%' && i + 2 < component.size() &&
               hex_value(component[i + 1]) >= 0 && hex_value(component[i + 2]) >= 0) {
      out.push_back(
          static_cast<char>(hex_value(component[i + 1]) * 16 + hex_value(component[i + 2])));
      i += 2;
    } else {
      out.push_back(component[i]);
    }
  }
  return out;
}

}  // namespace drop::text
