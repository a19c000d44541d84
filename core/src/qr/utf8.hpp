// UTF-8 helpers for the QR codecs (private). Lengths in EMV count code points, not bytes.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace drop::qr::utf8 {

// Bytes in the sequence that starts with `lead` (1..4); REQUIRES: valid UTF-8 at that point.
inline std::size_t sequence_bytes(unsigned char lead) {
  if (lead < 0x80) return 1;
  if (lead < 0xE0) return 2;
  if (lead < 0xF0) return 3;
  return 4;
}

// Checks well-formed UTF-8 (no overlongs, no surrogates, <= U+10FFFF). On failure sets
// `bad_char` to the code-point index of the first bad sequence.
bool validate(std::string_view text, std::size_t* chars, std::size_t* bad_char);

// Code points in valid UTF-8.
std::size_t count_chars(std::string_view text);

// Advances `byte_position` over `count` code points of valid UTF-8. Returns false (position
// unchanged) when fewer remain before `end`.
inline bool advance(std::string_view text, std::size_t end, std::size_t& byte_position,
                    std::size_t count) {
  std::size_t position = byte_position;
  for (std::size_t i = 0; i < count; ++i) {
    if (position >= end) return false;
    position += sequence_bytes(static_cast<unsigned char>(text[position]));
  }
  if (position > end) return false;
  byte_position = position;
  return true;
}

// True when every byte is printable ASCII 0x20..0x7E (the EMV "ans" set).
inline bool is_ans(std::string_view text) {
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte > 0x7E) return false;
  }
  return true;
}

inline bool is_digits(std::string_view text) {
  for (const char c : text) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

}  // namespace drop::qr::utf8
