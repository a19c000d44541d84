// Helpers shared by the tests that drive the real `drop serve` over HTTP.
#pragma once

#include <openssl/hmac.h>
#include <rapidjson/document.h>

#include <string>

#include "http/jwt.hpp"
#include "support/http_client.hpp"
#include "support/server_process.hpp"

namespace drop_test {

inline const std::string test_jwt_secret = "serve-test-secret-4f1c9a7e0b2d48c3a5e6f7081920a1b2";

inline std::string json_string(const std::string& body, const char* member) {
  rapidjson::Document document;
  document.Parse(body.c_str());
  if (!document.IsObject() || !document.HasMember(member) || !document[member].IsString())
    return "";
  return document[member].GetString();
}

// A compact JWS over raw header and payload JSON, HMAC-SHA256 with `secret`.
inline std::string sign_hs256(std::string_view secret, std::string_view header,
                              std::string_view payload) {
  const std::string input =
      drop::http::encode_base64url(header) + "." + drop::http::encode_base64url(payload);
  unsigned char mac[32];
  unsigned int length = 0;
  HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()),
       reinterpret_cast<const unsigned char*>(input.data()), input.size(), mac, &length);
  return input + "." +
         drop::http::encode_base64url(std::string(reinterpret_cast<char*>(mac), length));
}

inline HttpResponse dev_login(std::uint16_t port, const std::string& name) {
  return http_request(port, "POST", "/api/auth/dev-login", {{"Content-Type", "application/json"}},
                      "{\"name\":\"" + name + "\"}");
}

}  // namespace drop_test
