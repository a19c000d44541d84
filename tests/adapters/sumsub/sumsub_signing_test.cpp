// Sumsub signing primitives against the `openssl` program: X-App-Access-Sig over the docs'
// worked input string and over bodies with bytes that re-encoding would change, HMAC-SHA256 and
// HMAC-SHA512 hex, SHA-256 of bodies, the algorithm names and constant-time comparison.
#include "drop/adapters/sumsub/sumsub_signing.hpp"

#include <catch2/catch.hpp>

#include "openssl_cli.hpp"

using namespace drop::adapters::sumsub;

TEST_CASE("sumsub signing: the docs' worked input signs as openssl computes") {
  const std::string secret = "test-secret-key";
  const std::string path =
      "/resources/accessTokens?userId=cfd20712-24a2-4c7d-9ab0-146f3c142335&levelName=basic-kyc-"
      "level&ttlInSecs=600";
  const std::string signature = request_signature(secret, 1607551635, "POST", path, "");
  CHECK(signature == drop_test::openssl_digest("sha256", "1607551635POST" + path, &secret));
  CHECK(signature.size() == 64);
  CHECK(signature.find_first_not_of("0123456789abcdef") == std::string::npos);
}

TEST_CASE("sumsub signing: the body is signed byte for byte") {
  const std::string secret = "k";
  const std::string body = "{\"externalUserId\":\"usr_1\",\"note\":\"\\u00e6 \xc3\xa6\"}\n";
  const std::string expected = drop_test::openssl_digest(
      "sha256", "1800000000POST/resources/applicants?levelName=basic-kyc-level" + body, &secret);
  CHECK(request_signature(secret, 1800000000, "POST",
                          "/resources/applicants?levelName=basic-kyc-level", body) == expected);
  // One changed byte (the trailing newline dropped) changes the signature.
  CHECK(request_signature(secret, 1800000000, "POST",
                          "/resources/applicants?levelName=basic-kyc-level",
                          body.substr(0, body.size() - 1)) != expected);
}

TEST_CASE("sumsub signing: HMAC-SHA256/512 and SHA-256 hex match openssl") {
  const std::string key = "webhook-secret";
  for (const std::string& data : {std::string(), std::string("a"), std::string(1000, 'x')}) {
    CHECK(hmac_hex(DigestAlgorithm::hmac_sha256_hex, key, data) ==
          drop_test::openssl_digest("sha256", data, &key));
    CHECK(hmac_hex(DigestAlgorithm::hmac_sha512_hex, key, data) ==
          drop_test::openssl_digest("sha512", data, &key));
    CHECK(sha256_hex(data) == drop_test::openssl_digest("sha256", data));
  }
}

TEST_CASE("sumsub signing: digest algorithm names are exact") {
  CHECK(parse_digest_algorithm("HMAC_SHA256_HEX") == DigestAlgorithm::hmac_sha256_hex);
  CHECK(parse_digest_algorithm("HMAC_SHA512_HEX") == DigestAlgorithm::hmac_sha512_hex);
  for (const char* name : {"", "HMAC_SHA1_HEX", "hmac_sha256_hex", "SHA256", "HMAC_SHA256_HEX "}) {
    CHECK_FALSE(parse_digest_algorithm(name).has_value());
  }
}

TEST_CASE("sumsub signing: constant-time equality") {
  CHECK(constant_time_equal("abc", "abc"));
  CHECK_FALSE(constant_time_equal("abc", "abd"));
  CHECK_FALSE(constant_time_equal("abc", "abcd"));
  CHECK_FALSE(constant_time_equal("", ""));
}
