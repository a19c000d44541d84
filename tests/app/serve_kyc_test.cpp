// The Sumsub webhook state machine through the real `drop serve` (SQLite): bodies are the
// byte-exact vectors of vectors/sumsub with externalUserId (and createdAtMs, for ordering) set to
// a signed-in user, digests computed here with OpenSSL (SHA-256 and SHA-512). Checks 401 for a
// bad digest and a missing or unknown algorithm, approval/retry/rejection visible on GET /api/me,
// duplicates and out-of-order deliveries changing nothing, the RED FINAL operator alert (the
// log-only notifier: no Slack wired), POST /api/kyc/token answering 503 `unavailable` while no
// outbound client is wired, and no secret anywhere in the server's output.
#include <openssl/hmac.h>
#include <rapidjson/document.h>
#include <rapidjson/pointer.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <cstdio>
#include <thread>

#include "serve_support.hpp"
#include "support/vectors.hpp"

using namespace drop_test;

namespace {

const std::string webhook_secret = "sumsub-webhook-secret-0d9e8f7a6b5c";

std::vector<std::string> kyc_environment() {
  return {"JWT_SECRET=" + test_jwt_secret, "SUMSUB_WEBHOOK_SECRET=" + webhook_secret,
          "SUMSUB_APP_TOKEN=app-token-never-printed", "SUMSUB_SECRET_KEY=secret-key-never-printed",
          "SUMSUB_LEVEL_NAME=basic-kyc-level",
          // Nothing listens there: the token route must answer 503, never reach the internet.
          "SUMSUB_BASE_URL=http://127.0.0.1:9"};
}

std::string hmac_hex(const EVP_MD* md, const std::string& body) {
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  HMAC(md, webhook_secret.data(), static_cast<int>(webhook_secret.size()),
       reinterpret_cast<const unsigned char*>(body.data()), body.size(), mac, &length);
  std::string hex;
  char pair[3];
  for (unsigned int i = 0; i < length; ++i) {
    std::snprintf(pair, sizeof pair, "%02x", mac[i]);
    hex += pair;
  }
  return hex;
}

// A vector body with its externalUserId and createdAtMs replaced (bytes otherwise unchanged).
std::string event_body(const std::string& file, const std::string& user_id,
                       const std::string& created_at) {
  std::string body = read_vector("sumsub/" + file);
  const std::string user_key = "\"externalUserId\": \"externalUserId\"";
  const auto user_at = body.find(user_key);
  REQUIRE(user_at != std::string::npos);
  body.replace(user_at, user_key.size(), "\"externalUserId\": \"" + user_id + "\"");
  const std::string created_key = "\"createdAtMs\": \"";
  const auto created_at_pos = body.find(created_key);
  REQUIRE(created_at_pos != std::string::npos);
  body.replace(created_at_pos + created_key.size(), 23, created_at);
  return body;
}

HttpResponse post_webhook(std::uint16_t port, const std::string& body,
                          const std::string& algorithm = "HMAC_SHA256_HEX",
                          std::optional<std::string> digest = std::nullopt) {
  if (!digest) {
    digest = hmac_hex(algorithm == "HMAC_SHA512_HEX" ? EVP_sha512() : EVP_sha256(), body);
  }
  std::vector<std::pair<std::string, std::string>> headers = {{"Content-Type", "application/json"},
                                                              {"X-Payload-Digest", *digest}};
  if (!algorithm.empty()) headers.push_back({"X-Payload-Digest-Alg", algorithm});
  return http_request(port, "POST", "/api/webhooks/sumsub", headers, body);
}

struct User {
  std::string id;
  std::string token;
};

User sign_in(std::uint16_t port, const std::string& name) {
  auto login = dev_login(port, name);
  REQUIRE(login.status == 200);
  rapidjson::Document document;
  document.Parse(login.body.c_str());
  const auto* id = rapidjson::Pointer("/user/id").Get(document);
  REQUIRE(id != nullptr);
  return {id->GetString(), json_string(login.body, "token")};
}

std::string kyc_status(std::uint16_t port, const User& user) {
  auto me = http_request(port, "GET", "/api/me", {{"Authorization", "Bearer " + user.token}});
  REQUIRE(me.status == 200);
  return json_string(me.body, "kyc_status");
}

}  // namespace

TEST_CASE("kyc (serve): digests are checked before anything else") {
  ServerProcess server(kyc_environment());
  INFO(server.err());
  REQUIRE(server.port() != 0);
  const User kari = sign_in(server.port(), "Kari");
  const std::string body =
      event_body("webhook_applicantReviewed_GREEN.json", kari.id, "2026-11-30 10:00:00.000");
  const std::string good = hmac_hex(EVP_sha256(), body);
  std::string flipped = good;
  flipped[0] = flipped[0] == '0' ? '1' : '0';
  for (const auto& response : {post_webhook(server.port(), body, "HMAC_SHA256_HEX", flipped),
                               post_webhook(server.port(), body + " ", "HMAC_SHA256_HEX", good),
                               post_webhook(server.port(), body, "", good),
                               post_webhook(server.port(), body, "HMAC_SHA1_HEX", good),
                               post_webhook(server.port(), body, "HMAC_SHA512_HEX", good)}) {
    CHECK(response.status == 401);
    CHECK(response.header("Content-Type") == "application/problem+json");
    CHECK(json_string(response.body, "code") == "unauthorized");
  }
  CHECK(kyc_status(server.port(), kari) == "none");
  // Authentic but not an event: 400.
  CHECK(post_webhook(server.port(), "{\"hello\":1}").status == 400);
}

TEST_CASE("kyc (serve): reviews move the user, in any order, once") {
  ServerProcess server(kyc_environment());
  INFO(server.err());
  REQUIRE(server.port() != 0);
  const std::uint16_t port = server.port();
  const User kari = sign_in(port, "Kari");
  const auto send = [&](const std::string& file, const std::string& at,
                        const std::string& algorithm = "HMAC_SHA256_HEX") {
    auto response = post_webhook(port, event_body(file, kari.id, at), algorithm);
    CHECK(response.status == 200);
    CHECK(response.body == "{\"ok\":true}");
  };
  send("webhook_applicantCreated.json", "2026-11-30 10:00:00.000");
  CHECK(kyc_status(port, kari) == "none");
  send("webhook_applicantOnHold.json", "2026-11-30 10:00:01.000", "HMAC_SHA512_HEX");
  CHECK(kyc_status(port, kari) == "pending");
  send("webhook_applicantReviewed_RED_RETRY.json", "2026-11-30 10:00:03.000");
  CHECK(kyc_status(port, kari) == "retry");
  // An older GREEN delivered late changes nothing; a duplicate of the RETRY neither.
  send("webhook_applicantReviewed_GREEN.json", "2026-11-30 10:00:02.000");
  CHECK(kyc_status(port, kari) == "retry");
  send("webhook_applicantReviewed_RED_RETRY.json", "2026-11-30 10:00:03.000");
  CHECK(kyc_status(port, kari) == "retry");
  send("webhook_applicantReviewed_GREEN.json", "2026-11-30 10:00:04.000", "HMAC_SHA512_HEX");
  CHECK(kyc_status(port, kari) == "approved");
  send("webhook_applicantOnHold.json", "2026-11-30 10:00:01.500");  // stale
  CHECK(kyc_status(port, kari) == "approved");
  // An event for no Drop user is accepted (and recorded) without effect.
  send("webhook_applicantReviewed_GREEN.json", "2026-11-30 10:00:05.000");
  auto orphan = post_webhook(port, read_vector("sumsub/webhook_applicantReviewed_GREEN.json"));
  CHECK(orphan.status == 200);
}

TEST_CASE("kyc (serve): RED FINAL rejects and alerts operators") {
  ServerProcess server(kyc_environment());
  INFO(server.err());
  REQUIRE(server.port() != 0);
  const User per = sign_in(server.port(), "Per");
  const std::string body =
      event_body("webhook_applicantReviewed_RED_FINAL.json", per.id, "2026-11-30 11:00:00.000");
  CHECK(post_webhook(server.port(), body).status == 200);
  CHECK(kyc_status(server.port(), per) == "rejected");
  CHECK(post_webhook(server.port(), body).status == 200);  // duplicate: no second alert
  // The log notifier writes the alert on stdout through the asynchronous writer: poll for it.
  std::string out;
  for (int i = 0; i < 100 && out.find("kyc_rejected") == std::string::npos; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    out = server.out();
  }
  CHECK(out.find("\"alert\":\"kyc_rejected\"") != std::string::npos);
  CHECK(out.find("\"subject_id\":\"5cb744200a975a67ed1798a4\"") != std::string::npos);
  CHECK(out.find("FORGERY") != std::string::npos);
  const auto first = out.find("kyc_rejected");
  CHECK(out.find("kyc_rejected", first + 1) == std::string::npos);
}

TEST_CASE("kyc (serve): token answers 503 while no outbound client is wired") {
  ServerProcess server(kyc_environment());
  INFO(server.err());
  REQUIRE(server.port() != 0);
  const User ola = sign_in(server.port(), "Ola");
  auto token = http_request(server.port(), "POST", "/api/kyc/token",
                            {{"Authorization", "Bearer " + ola.token}});
  CHECK(token.status == 503);
  CHECK(json_string(token.body, "code") == "unavailable");
  CHECK(http_request(server.port(), "POST", "/api/kyc/token").status == 401);
  const std::string output = server.out() + server.err();
  CHECK(output.find(webhook_secret) == std::string::npos);
  CHECK(output.find("never-printed") == std::string::npos);
}
