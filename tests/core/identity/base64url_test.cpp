// Strict base64url: round trips for every length, RFC 4648 test strings, and refusal of each
// non-canonical form (padding, standard alphabet, bad length, non-zero trailing bits, spaces).
#include "drop/identity/base64url.hpp"

#include <catch2/catch.hpp>

using drop::identity::decode_base64url;
using drop::identity::encode_base64url;

TEST_CASE("base64url: RFC 4648 strings encode and decode") {
  const std::pair<const char*, const char*> cases[] = {
      {"", ""},           {"f", "Zg"},          {"fo", "Zm8"},         {"foo", "Zm9v"},
      {"foob", "Zm9vYg"}, {"fooba", "Zm9vYmE"}, {"foobar", "Zm9vYmFy"}};
  for (const auto& [plain, encoded] : cases) {
    CHECK(encode_base64url(plain) == encoded);
    CHECK(decode_base64url(encoded) == std::string(plain));
  }
  CHECK(encode_base64url(std::string("\xfb\xff", 2)) == "-_8");
  CHECK(decode_base64url("-_8") == std::string("\xfb\xff", 2));
}

TEST_CASE("base64url: every byte string up to 64 bytes round-trips") {
  std::string bytes;
  for (int length = 0; length <= 64; ++length) {
    CHECK(decode_base64url(encode_base64url(bytes)) == bytes);
    bytes.push_back(static_cast<char>(length * 37 + 11));
  }
}

TEST_CASE("base64url: non-canonical encodings are refused") {
  CHECK_FALSE(decode_base64url("Zg=="));    // padding
  CHECK_FALSE(decode_base64url("Zm8="));    // padding
  CHECK_FALSE(decode_base64url("+_8"));     // standard alphabet
  CHECK_FALSE(decode_base64url("-/8"));     // standard alphabet
  CHECK_FALSE(decode_base64url("Z"));       // length 1 mod 4
  CHECK_FALSE(decode_base64url("Zh"));      // "f" with a non-zero trailing bit
  CHECK_FALSE(decode_base64url("Zm9"));     // "fo" is Zm8: low bits set
  CHECK_FALSE(decode_base64url("Zm 9v"));   // whitespace
  CHECK_FALSE(decode_base64url("Zm9v\n"));  // newline
  CHECK_FALSE(decode_base64url(std::string("Zm\0v", 4)));
}
