#include "http/context.hpp"

#include <vector>

namespace drop::http {

std::string random_hex(ports::Entropy& entropy, std::size_t count) {
  std::vector<std::byte> bytes(count);
  entropy.fill(bytes);
  static constexpr char hex[] = "0123456789abcdef";
  std::string text;
  text.reserve(count * 2);
  for (std::byte byte : bytes) {
    const auto value = static_cast<unsigned>(byte);
    text.push_back(hex[value >> 4]);
    text.push_back(hex[value & 0x0F]);
  }
  return text;
}

}  // namespace drop::http
