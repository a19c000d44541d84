// Strict base64url (RFC 4648 section 5) without padding, as JWS compact serialisation uses it
// (RFC 7515 section 2). Strict means each byte string has exactly one accepted encoding:
// characters outside [A-Za-z0-9_-], '=' padding, a length of 1 mod 4 and non-zero unused trailing
// bits are all refused (lenient decoders accept those and so make signatures malleable).
// Thread-safety: pure functions.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace drop::identity {

// The decoded bytes, or std::nullopt for any non-canonical input.
std::optional<std::string> decode_base64url(std::string_view text);

// The canonical encoding of `bytes` (no padding).
std::string encode_base64url(std::string_view bytes);

}  // namespace drop::identity
