// Helpers shared by the end-to-end tests that run the real `drop serve` against fake outside
// services behind drop_test::FakeHttpServer on 127.0.0.1 (serve_*_e2e_test.cpp): the wall
// clock the server itself reads (fakes that check timestamps must follow it), a bounded poll,
// scans of the server's output for values that must never appear, signing in, and signed
// Sumsub webhooks.
#pragma once

#include <openssl/hmac.h>
#include <rapidjson/document.h>
#include <rapidjson/pointer.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <functional>
#include <string>
#include <thread>
#include <vector>

#include "serve_support.hpp"
#include "support/vectors.hpp"

namespace drop_test {

// Seconds since the epoch from the real clock: `drop serve` reads it, so fakes that check
// timestamps (Sumsub's X-App-Access-Ts, BankID's iat/exp, AWS expirations) must use it too.
inline std::int64_t wall_clock_s() { return static_cast<std::int64_t>(std::time(nullptr)); }

// Polls `done` every 10 ms for at most `limit_ms`; true as soon as it holds.
inline bool eventually(const std::function<bool()>& done, int limit_ms = 10'000) {
  for (int waited_ms = 0; waited_ms < limit_ms; waited_ms += 10) {
    if (done()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return done();
}

// Checks that none of `secrets` occurs in the server's stdout or stderr.
inline void check_output_free_of(const ServerProcess& server,
                                 const std::vector<std::string>& secrets) {
  const std::string output = server.out() + server.err();
  for (const std::string& secret : secrets) {
    INFO("secret found in the server output: " << secret);
    CHECK(output.find(secret) == std::string::npos);
  }
}

struct SignedInUser {
  std::string id;
  std::string token;
};

// The user id of a {"token","user":{"id"..}} body ("" when absent).
inline std::string user_id_of(const std::string& body) {
  rapidjson::Document document;
  document.Parse(body.c_str());
  const auto* id = rapidjson::Pointer("/user/id").Get(document);
  return id != nullptr && id->IsString() ? id->GetString() : "";
}

inline SignedInUser dev_sign_in(std::uint16_t port, const std::string& name) {
  auto login = dev_login(port, name);
  REQUIRE(login.status == 200);
  SignedInUser user{user_id_of(login.body), json_string(login.body, "token")};
  REQUIRE(!user.id.empty());
  REQUIRE(!user.token.empty());
  return user;
}

inline HttpResponse get_me(std::uint16_t port, const std::string& token) {
  return http_request(port, "GET", "/api/me", {{"Authorization", "Bearer " + token}});
}

// Sumsub's webhook digest: lowercase hex HMAC-SHA256 of the body with the webhook secret.
inline std::string sumsub_webhook_digest(const std::string& secret, const std::string& body) {
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()),
       reinterpret_cast<const unsigned char*>(body.data()), body.size(), mac, &length);
  std::string hex;
  char pair[3];
  for (unsigned int i = 0; i < length; ++i) {
    std::snprintf(pair, sizeof pair, "%02x", mac[i]);
    hex += pair;
  }
  return hex;
}

// The RED FINAL review vector with its externalUserId set to `user_id` (bytes otherwise
// unchanged); its applicant id is red_final_applicant_id and its reject label FORGERY.
inline const std::string red_final_applicant_id = "5cb744200a975a67ed1798a4";
inline std::string red_final_body(const std::string& user_id) {
  std::string body = read_vector("sumsub/webhook_applicantReviewed_RED_FINAL.json");
  const std::string user_key = "\"externalUserId\": \"externalUserId\"";
  const auto at = body.find(user_key);
  REQUIRE(at != std::string::npos);
  body.replace(at, user_key.size(), "\"externalUserId\": \"" + user_id + "\"");
  return body;
}

// POST /api/webhooks/sumsub signed with `secret` (HMAC_SHA256_HEX), as Sumsub sends it.
inline HttpResponse post_sumsub_webhook(std::uint16_t port, const std::string& secret,
                                        const std::string& body) {
  return http_request(port, "POST", "/api/webhooks/sumsub",
                      {{"Content-Type", "application/json"},
                       {"X-Payload-Digest", sumsub_webhook_digest(secret, body)},
                       {"X-Payload-Digest-Alg", "HMAC_SHA256_HEX"}},
                      body);
}

}  // namespace drop_test
