// SumsubClient against the fake Sumsub (tests/support/fakes/sumsub_fake.hpp, which checks every
// request's signature and timestamp independently) through InProcessHttpClient, on a fake clock:
// applicant creation (new, and the 409 "already exists" lookup), WebSDK tokens, the exact bytes
// signed, and every Sumsub error answer and transport failure mapped to a PortError that never
// carries the secret or the token.
#include "drop/adapters/sumsub/sumsub_client.hpp"

#include <rapidjson/document.h>

#include <catch2/catch.hpp>

#include "support/fakes/fake_clock.hpp"
#include "support/fakes/sumsub_fake.hpp"

using drop::adapters::sumsub::SumsubClient;
using drop::adapters::sumsub::SumsubOptions;
using drop::ports::PortError;

namespace {

struct Rig {
  drop_test::FakeClock clock;
  drop_test::SumsubFake fake{"app-token-1", "secret-key-1",
                             [this] { return clock.now().unix_seconds(); }};
  drop_test::InProcessHttpClient http{fake.handler()};
  SumsubOptions options() const {
    SumsubOptions options;
    options.base_url = "http://127.0.0.1:9/";
    options.app_token = "app-token-1";
    options.secret_key = "secret-key-1";
    options.level_name = "basic-kyc-level";
    return options;
  }
  SumsubClient client{http, clock, options()};
};

// A client whose transport always fails with `kind`.
class FailingHttp final : public drop::http_client::HttpClient {
 public:
  explicit FailingHttp(drop::http_client::HttpErrorKind kind) : kind_(kind) {}
  drop::Result<drop::http_client::HttpResponse, drop::http_client::HttpError> send(
      const drop::http_client::HttpRequest&) override {
    return drop::Err{drop::http_client::HttpError{kind_, "127.0.0.1:9 failed"}};
  }

 private:
  drop::http_client::HttpErrorKind kind_;
};

}  // namespace

TEST_CASE("sumsub client: creates an applicant with a signed request") {
  Rig rig;
  auto created = rig.client.create_applicant("usr_0a1b");
  REQUIRE(created.ok());
  CHECK(created->size() == 24);
  const auto requests = rig.http.requests();
  REQUIRE(requests.size() == 1);
  const auto& sent = requests.front();
  CHECK(sent.method == "POST");
  CHECK(sent.url == "/resources/applicants?levelName=basic-kyc-level");
  CHECK(sent.body == "{\"externalUserId\":\"usr_0a1b\"}");
  CHECK(drop_test::request_header(sent, "X-App-Access-Ts") == "1800000000");
  CHECK(drop_test::request_header(sent, "X-App-Access-Sig") ==
        drop_test::independent_hmac_sha256_hex("secret-key-1",
                                               "1800000000POST" + sent.url + sent.body));
  CHECK(drop_test::request_header(sent, "Content-Type") == "application/json");
  CHECK(rig.fake.creates() == 1);
}

TEST_CASE("sumsub client: an existing applicant (409) is looked up by externalUserId") {
  Rig rig;
  rig.fake.seed_applicant("usr_0a1b", "63e0f0000000000000000042");
  auto created = rig.client.create_applicant("usr_0a1b");
  REQUIRE(created.ok());
  CHECK(*created == "63e0f0000000000000000042");
  const auto requests = rig.http.requests();
  REQUIRE(requests.size() == 2);
  CHECK(requests[1].method == "GET");
  CHECK(requests[1].url == "/resources/applicants/-;externalUserId=usr_0a1b/one");
  CHECK(requests[1].body.empty());
  CHECK(rig.fake.creates() == 0);
}

TEST_CASE("sumsub client: a WebSDK access token in the documented shape") {
  Rig rig;
  auto token = rig.client.access_token("usr_0a1b");
  REQUIRE(token.ok());
  CHECK(token->token.rfind("_act-", 0) == 0);
  CHECK(token->level_name == "basic-kyc-level");
  const auto requests = rig.http.requests();
  const auto& sent = requests.front();
  CHECK(sent.url == "/resources/accessTokens/sdk");
  rapidjson::Document body;
  body.Parse(sent.body.c_str());
  REQUIRE(body.IsObject());
  CHECK(std::string(body["userId"].GetString()) == "usr_0a1b");
  CHECK(std::string(body["levelName"].GetString()) == "basic-kyc-level");
  CHECK(body["ttlInSecs"].GetInt() == 600);
}

TEST_CASE("sumsub client: a wrong secret or a stale clock gets Sumsub's 401 body") {
  Rig rig;
  SumsubOptions wrong = rig.options();
  wrong.secret_key = "not-the-secret";
  SumsubClient client(rig.http, rig.clock, wrong);
  auto refused = client.create_applicant("usr_0a1b");
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.error().kind == PortError::Kind::internal);
  CHECK(refused.error().message == "sumsub answered 401: Invalid signature");
  CHECK(refused.error().message.find("not-the-secret") == std::string::npos);

  // The client's clock an hour ahead of the fake's: outside its timestamp window.
  drop_test::FakeClock ahead(drop::Timestamp::from_unix_seconds(1'800'003'600));
  SumsubClient skewed(rig.http, ahead, rig.options());
  CHECK(skewed.access_token("usr_0a1b").error().message ==
        "sumsub answered 401: Invalid signature");
}

TEST_CASE("sumsub client: every error answer maps to a PortError kind") {
  const std::pair<unsigned, PortError::Kind> cases[] = {
      {400, PortError::Kind::invalid},     {403, PortError::Kind::internal},
      {404, PortError::Kind::invalid},     {409, PortError::Kind::conflict},
      {422, PortError::Kind::invalid},     {429, PortError::Kind::unavailable},
      {500, PortError::Kind::unavailable}, {503, PortError::Kind::unavailable}};
  for (const auto& [status, kind] : cases) {
    INFO(status);
    Rig rig;
    rig.fake.script(drop_test::SumsubFake::error(status, "Something about usr_0a1b"));
    auto token = rig.client.access_token("usr_0a1b");
    REQUIRE_FALSE(token.ok());
    CHECK(token.error().kind == kind);
    CHECK(token.error().message ==
          "sumsub answered " + std::to_string(status) + ": Something about usr_0a1b");
  }
  Rig rig;
  rig.fake.script(drop_test::SumsubFake::json(502, "<html>bad gateway</html>"));
  CHECK(rig.client.access_token("usr_0a1b").error().message == "sumsub answered 502");
  rig.fake.script(drop_test::SumsubFake::json(200, "{\"userId\":\"usr_0a1b\"}"));
  CHECK(rig.client.access_token("usr_0a1b").error().kind == PortError::Kind::invalid);
  rig.fake.script(drop_test::SumsubFake::json(200, "{\"id\":42}"));
  CHECK(rig.client.create_applicant("usr_0a1b").error().kind == PortError::Kind::invalid);
}

TEST_CASE("sumsub client: transport failures are unavailable or timeout") {
  drop_test::FakeClock clock;
  FailingHttp refused(drop::http_client::HttpErrorKind::connect);
  SumsubClient client(refused, clock, SumsubOptions{});
  CHECK(client.create_applicant("usr_1").error().kind == PortError::Kind::unavailable);
  FailingHttp slow(drop::http_client::HttpErrorKind::timeout);
  SumsubClient late(slow, clock, SumsubOptions{});
  CHECK(late.access_token("usr_1").error().kind == PortError::Kind::timeout);
  CHECK(late.access_token("").error().kind == PortError::Kind::invalid);
}
