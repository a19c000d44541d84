// End to end: the real `drop serve` talking to Sumsub and Slack through the real outbound client,
// with SumsubFake and SlackFake each behind its own FakeHttpServer on 127.0.0.1
// (SUMSUB_BASE_URL=http://127.0.0.1:<sumsub>, SLACK_WEBHOOK_URL=http://127.0.0.1:<slack>/...).
// - POST /api/kyc/token for a signed-in user answers 200 {"token","level_name"}: the fake checked
//   X-App-Token and recomputed X-App-Access-Sig (HMAC-SHA256 over ts + method + path + body, with
//   its clock on the wall clock like the server's) on the applicant creation, whose body carries
//   externalUserId = the user id, and on the access-token request; a second call creates no
//   second applicant.
// - A RED FINAL review webhook (the vector body with the user's id, signed with
//   SUMSUB_WEBHOOK_SECRET as in serve_kyc_test.cpp) rejects the user and produces one Slack
//   message at the fake (polled with a bounded wait), naming the applicant and the user and no
//   secret; after a duplicate delivery and a graceful shutdown (SIGTERM drains the alert queue)
//   the fake still holds exactly one message.
// - With a SUMSUB_SECRET_KEY the fake does not know, the fake answers its 401 and the route
//   answers 503 `unavailable`; the log names the failure and neither key.
// No Sumsub key, webhook secret, Slack webhook path or issued access token appears in the
// server's output.
#include <signal.h>

#include <catch2/catch.hpp>

#include "e2e_support.hpp"
#include "support/fake_http_server.hpp"
#include "support/fakes/slack_fake.hpp"
#include "support/fakes/sumsub_fake.hpp"

using namespace drop_test;

namespace {

const std::string app_token = "sumsub-e2e-app-token-never-printed";
const std::string secret_key = "sumsub-e2e-secret-key-never-printed";
const std::string webhook_secret = "sumsub-e2e-webhook-secret-0d9e8f7a";
const std::string level_name = "basic-kyc-level";
const std::string slack_path = "/services/T0E2E0000/B0E2E0000/e2eWebhookPathNeverPrinted";

struct KycWorld {
  SumsubFake sumsub{app_token, secret_key, [] { return wall_clock_s(); }};
  SlackFake slack;
  FakeHttpServer sumsub_server{sumsub.handler()};
  FakeHttpServer slack_server{slack.handler()};

  std::vector<std::string> environment() const {
    return {"JWT_SECRET=" + test_jwt_secret,
            "DROP_ENV=development",
            "SUMSUB_APP_TOKEN=" + app_token,
            "SUMSUB_SECRET_KEY=" + secret_key,
            "SUMSUB_WEBHOOK_SECRET=" + webhook_secret,
            "SUMSUB_LEVEL_NAME=" + level_name,
            "SUMSUB_BASE_URL=" + sumsub_server.base_url(),
            "SLACK_WEBHOOK_URL=" + slack_server.base_url() + slack_path};
  }
};

HttpResponse post_webhook(std::uint16_t port, const std::string& body) {
  return post_sumsub_webhook(port, webhook_secret, body);
}

HttpResponse kyc_token(std::uint16_t port, const SignedInUser& user) {
  return http_request(port, "POST", "/api/kyc/token", {{"Authorization", "Bearer " + user.token}});
}

}  // namespace

TEST_CASE("serve e2e: the Sumsub token creates a signed applicant for the user") {
  KycWorld world;
  ServerProcess server(world.environment());
  INFO(server.err());
  REQUIRE(server.port() != 0);
  const SignedInUser ola = dev_sign_in(server.port(), "Ola");

  auto first = kyc_token(server.port(), ola);
  INFO(first.body);
  REQUIRE(first.status == 200);
  const std::string access_token = json_string(first.body, "token");
  CHECK(access_token.starts_with("_act-"));
  CHECK(json_string(first.body, "level_name") == level_name);
  CHECK(world.sumsub.creates() == 1);
  CHECK(world.sumsub.tokens_issued() == 1);

  // What the fake received (every request passed its signature check, or it would have
  // answered 401 and the route would not have answered 200).
  const auto requests = world.sumsub_server.requests();
  int creations = 0, token_requests = 0;
  for (const auto& request : requests) {
    CHECK(request_header(request, "X-App-Token") == app_token);
    if (request.method == "POST" &&
        request.url == "/resources/applicants?levelName=" + level_name) {
      ++creations;
      // The signature, recomputed here: HMAC-SHA256(secret, ts + method + path + body).
      const auto ts = request_header(request, "X-App-Access-Ts");
      REQUIRE(ts.has_value());
      CHECK(request_header(request, "X-App-Access-Sig") ==
            independent_hmac_sha256_hex(secret_key,
                                        *ts + request.method + request.url + request.body));
      rapidjson::Document body;
      body.Parse(request.body.c_str());
      REQUIRE(body.IsObject());
      REQUIRE(body.HasMember("externalUserId"));
      CHECK(std::string(body["externalUserId"].GetString()) == ola.id);
    }
    if (request.method == "POST" && request.url == "/resources/accessTokens/sdk") {
      ++token_requests;
      CHECK(json_string(request.body, "userId") == ola.id);
      CHECK(json_string(request.body, "levelName") == level_name);
    }
  }
  CHECK(creations == 1);
  CHECK(token_requests == 1);

  // Again: a new token, no second applicant.
  auto second = kyc_token(server.port(), ola);
  CHECK(second.status == 200);
  CHECK(world.sumsub.creates() == 1);
  CHECK(world.sumsub.tokens_issued() == 2);

  check_output_free_of(server, {app_token, secret_key, webhook_secret, slack_path, access_token});
}

TEST_CASE("serve e2e: a RED FINAL review posts one Slack message without secrets") {
  KycWorld world;
  ServerProcess server(world.environment());
  INFO(server.err());
  REQUIRE(server.port() != 0);
  const SignedInUser per = dev_sign_in(server.port(), "Per");
  const std::string body = red_final_body(per.id);

  CHECK(post_webhook(server.port(), body).status == 200);
  CHECK(json_string(get_me(server.port(), per.token).body, "kyc_status") == "rejected");
  REQUIRE(eventually([&] { return !world.slack.texts().empty(); }));
  const std::vector<std::string> texts = world.slack.texts();
  REQUIRE(texts.size() == 1);
  INFO(texts[0]);
  CHECK(texts[0].find(red_final_applicant_id) != std::string::npos);
  CHECK(texts[0].find(per.id) != std::string::npos);
  CHECK(texts[0].find("FORGERY") != std::string::npos);
  for (const std::string& secret :
       {app_token, secret_key, webhook_secret, slack_path, test_jwt_secret}) {
    CHECK(texts[0].find(secret) == std::string::npos);
  }
  const auto slack_requests = world.slack_server.requests();
  REQUIRE(slack_requests.size() == 1);
  CHECK(slack_requests[0].url == slack_path);

  // A duplicate delivery alerts nobody; a graceful stop flushes whatever is queued.
  CHECK(post_webhook(server.port(), body).status == 200);
  server.signal(SIGTERM);
  CHECK(server.wait() == 0);
  CHECK(world.slack.texts().size() == 1);
  check_output_free_of(server, {app_token, secret_key, webhook_secret, slack_path});
}

TEST_CASE("serve e2e: a Sumsub signature refusal makes the token route answer 503") {
  KycWorld world;
  auto environment = world.environment();
  const std::string wrong_key = "sumsub-e2e-wrong-secret-key-never-printed";
  std::erase_if(environment,
                [](const std::string& entry) { return entry.starts_with("SUMSUB_SECRET_KEY="); });
  environment.push_back("SUMSUB_SECRET_KEY=" + wrong_key);
  ServerProcess server(environment);
  INFO(server.err());
  REQUIRE(server.port() != 0);
  const SignedInUser ola = dev_sign_in(server.port(), "Ola");
  auto refused = kyc_token(server.port(), ola);
  CHECK(refused.status == 503);
  CHECK(refused.header("Content-Type") == "application/problem+json");
  CHECK(json_string(refused.body, "code") == "unavailable");
  CHECK(world.sumsub.creates() == 0);
  CHECK_FALSE(world.sumsub_server.requests().empty());  // it did reach the fake
  CHECK(eventually([&] { return server.err().find("kyc_provider_error") != std::string::npos; }));
  CHECK(server.err().find("401") != std::string::npos);
  check_output_free_of(server, {wrong_key, secret_key, app_token, webhook_secret, slack_path});
}
