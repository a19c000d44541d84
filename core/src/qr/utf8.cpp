#include "qr/utf8.hpp"

#include <cstring>

namespace drop::qr::utf8 {

bool validate(std::string_view text, std::size_t* chars, std::size_t* bad_char) {
  std::size_t count = 0;
  std::size_t i = 0;
  const std::size_t size = text.size();
  while (i < size) {
    // Fast path: eight ASCII bytes at a time.
    if (i + 8 <= size) {
      std::uint64_t word = 0;
      std::memcpy(&word, text.data() + i, sizeof word);
      if ((word & 0x8080808080808080ULL) == 0) {
        i += 8;
        count += 8;
        continue;
      }
    }
    const auto lead = static_cast<unsigned char>(text[i]);
    if (lead < 0x80) {
      ++i;
      ++count;
      continue;
    }
    std::size_t length = 0;
    std::uint32_t code_point = 0;
    if (lead >= 0xC2 && lead <= 0xDF) {
      length = 2;
      code_point = lead & 0x1F;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
      length = 3;
      code_point = lead & 0x0F;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
      length = 4;
      code_point = lead & 0x07;
    } else {
      if (bad_char != nullptr) *bad_char = count;
      return false;
    }
    if (i + length > size) {
      if (bad_char != nullptr) *bad_char = count;
      return false;
    }
    for (std::size_t k = 1; k < length; ++k) {
      const auto next = static_cast<unsigned char>(text[i + k]);
      if ((next & 0xC0) != 0x80) {
        if (bad_char != nullptr) *bad_char = count;
        return false;
      }
      code_point = (code_point << 6) | (next & 0x3F);
    }
    const bool overlong =
        (length == 3 && code_point < 0x800) || (length == 4 && code_point < 0x10000);
    const bool surrogate = code_point >= 0xD800 && code_point <= 0xDFFF;
    if (overlong || surrogate || code_point > 0x10FFFF) {
      if (bad_char != nullptr) *bad_char = count;
      return false;
    }
    i += length;
    ++count;
  }
  if (chars != nullptr) *chars = count;
  return true;
}

std::size_t count_chars(std::string_view text) {
  std::size_t count = 0;
  for (const char c : text) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++count;
  }
  return count;
}

}  // namespace drop::qr::utf8
