// The BankID routes through the real request pipeline (no sockets), with the real BankIdProvider
// talking to the fake BankID in process: start -> 302 to BankID; callback -> user found or
// created by BankID subject, token + drop_session cookie (or 302 to DROP_APP_URL); refusals as
// problem+json (401/400/503); the auth rate limit; the national id never in a response.
// The end-to-end run through `drop serve` and the real HTTPS client is not here (see report).
#include <rapidjson/document.h>

#include <catch2/catch.hpp>

#include "api/routes.hpp"
#include "drop/adapters/memory/memory_rate_limit_store.hpp"
#include "drop/adapters/memory/memory_stores.hpp"
#include "http/pipeline.hpp"
#include "support/fakes/bankid_harness.hpp"

using namespace drop::http;

namespace {

struct RoutesHarness {
  drop::app::Settings settings;
  drop_test::BankIdHarness bankid;
  TokenCodec tokens{std::string(40, 'k')};
  drop::adapters::memory::MemoryUserStore users;
  drop::adapters::memory::MemoryIdempotencyStore idempotency;
  drop::adapters::memory::MemoryRevokedTokenStore revoked;
  drop::adapters::memory::MemoryRateLimitStore rate_limits;
  Router router;
  std::unique_ptr<Metrics> metrics;
  Health health;
  Context context;
  std::unique_ptr<Pipeline> pipeline;
  int next_ip = 1;

  explicit RoutesHarness(bool configured = true, std::string app_url = "") {
    settings.app_url = std::move(app_url);
    router = drop::api::build_router(settings);
    metrics = std::make_unique<Metrics>(std::vector<Metrics::RouteLabel>{});
    context.settings = &settings;
    context.clock = &bankid.clock;
    context.entropy = &bankid.entropy;
    context.tokens = &tokens;
    context.users = &users;
    context.idempotency = &idempotency;
    context.revoked_tokens = &revoked;
    context.rate_limits = &rate_limits;
    context.metrics = metrics.get();
    context.health = &health;
    context.router = &router;
    context.identity = configured ? bankid.provider.get() : nullptr;
    pipeline = std::make_unique<Pipeline>(router, context);
  }

  // Each call from its own client address unless `ip` is given (the auth limit is per IP).
  Response get(std::string path, std::vector<std::pair<std::string, std::string>> query = {},
               std::string ip = "") {
    Request request;
    request.method = Method::get;
    request.path = std::move(path);
    request.query = std::move(query);
    request.client_ip = ip.empty() ? "192.0.2." + std::to_string(next_ip++) : ip;
    Prepared prepared = pipeline->prepare(request);
    return pipeline->run(request, prepared);
  }

  // start -> BankID -> callback.
  Response full_sign_in() {
    const Response started = get("/api/auth/bankid/start");
    REQUIRE(started.status == 302);
    bankid.fake.now_s = bankid.clock.now().unix_seconds();
    const std::string location(*started.headers.get("Location"));
    const std::string code = bankid.fake.authorize(location);
    REQUIRE_FALSE(code.empty());
    last_state = drop_test::bankid_fake_detail::field(location, "state");
    last_code = code;
    return get("/api/auth/bankid/callback", {{"code", code}, {"state", last_state}});
  }
  std::string last_state, last_code;
};

rapidjson::Document parse(const Response& response) {
  rapidjson::Document body;
  body.Parse(response.body.c_str());
  return body;
}

std::string code_of(const Response& response) {
  const auto body = parse(response);
  return body.IsObject() && body.HasMember("code") ? body["code"].GetString() : "";
}

bool mentions(const Response& response, const std::string& text) {
  if (response.body.find(text) != std::string::npos) return true;
  for (const auto& [name, value] : response.headers.fields()) {
    if (value.find(text) != std::string::npos) return true;
  }
  return false;
}

}  // namespace

TEST_CASE("bankid routes: start redirects, callback signs in and upserts by subject") {
  RoutesHarness harness;
  const Response first = harness.full_sign_in();
  REQUIRE(first.status == 200);
  CHECK(first.headers.get("Cache-Control") == "no-store");
  const auto cookie = first.headers.get("Set-Cookie");
  REQUIRE(cookie);
  CHECK(cookie->rfind("drop_session=", 0) == 0);
  const auto body = parse(first);
  const std::string user_id = body["user"]["id"].GetString();
  CHECK(std::string(body["user"]["name"].GetString()) == "Kari Nordmann");
  auto claims = harness.tokens.verify(body["token"].GetString(), harness.bankid.clock.now());
  REQUIRE(claims.ok());
  CHECK(claims->subject == user_id);
  CHECK_FALSE(mentions(first, harness.bankid.fake.nnin));

  const Response second = harness.full_sign_in();
  REQUIRE(second.status == 200);
  CHECK(std::string(parse(second)["user"]["id"].GetString()) == user_id);  // same user
  auto stored = harness.users.find_by_id(user_id);
  REQUIRE(stored.ok());
  REQUIRE(stored->has_value());
  CHECK((*stored)->identity_subject == "bankid:bankid-sub-9f3c");
}

TEST_CASE("bankid routes: refusals are problem+json with API.md codes") {
  RoutesHarness harness;
  REQUIRE(harness.full_sign_in().status == 200);
  // The same callback again (a replayed state): 401.
  const Response replayed = harness.get(
      "/api/auth/bankid/callback", {{"code", harness.last_code}, {"state", harness.last_state}});
  CHECK(replayed.status == 401);
  CHECK(replayed.content_type == problem_content_type);
  CHECK(code_of(replayed) == "unauthorized");
  CHECK_FALSE(mentions(replayed, harness.last_code));
  // Missing parameters: 400.
  const Response missing = harness.get("/api/auth/bankid/callback", {{"state", "x"}});
  CHECK(missing.status == 400);
  CHECK(code_of(missing) == "invalid_request");
  // The user cancelled at BankID.
  const Response cancelled =
      harness.get("/api/auth/bankid/callback", {{"error", "access_denied"}, {"state", "x"}});
  CHECK(cancelled.status == 401);
  // A forged ID token.
  harness.bankid.fake.fault = drop_test::IdTokenFault::hs256_with_public_key;
  const Response forged = harness.full_sign_in();
  CHECK(forged.status == 401);
  CHECK(code_of(forged) == "unauthorized");
  CHECK_FALSE(forged.headers.get("Set-Cookie"));
  CHECK_FALSE(mentions(forged, harness.bankid.fake.nnin));
  // BankID's token endpoint down: 503.
  harness.bankid.fake.fault = drop_test::IdTokenFault::none;
  harness.bankid.fake.token_status = 503;
  const Response down = harness.full_sign_in();
  CHECK(down.status == 503);
  CHECK(code_of(down) == "unavailable");
}

TEST_CASE("bankid routes: DROP_APP_URL gets a 302 with the cookie, no token in the URL") {
  RoutesHarness harness(true, "https://app.drop.test/signed-in");
  const Response response = harness.full_sign_in();
  CHECK(response.status == 302);
  CHECK(response.headers.get("Location") == "https://app.drop.test/signed-in");
  const auto cookie = response.headers.get("Set-Cookie");
  REQUIRE(cookie);
  CHECK(cookie->rfind("drop_session=", 0) == 0);
  CHECK(response.body.empty());
}

TEST_CASE("bankid routes: not configured -> 503 unavailable") {
  RoutesHarness harness(false);
  for (const char* path : {"/api/auth/bankid/start", "/api/auth/bankid/callback"}) {
    const Response response = harness.get(path, {{"code", "c"}, {"state", "s"}});
    CHECK(response.status == 503);
    CHECK(code_of(response) == "unavailable");
  }
}

TEST_CASE("bankid routes: start is rate limited as auth (10 per minute per IP)") {
  RoutesHarness harness;
  for (int i = 0; i < 10; ++i) {
    CHECK(harness.get("/api/auth/bankid/start", {}, "198.51.100.7").status == 302);
  }
  const Response limited = harness.get("/api/auth/bankid/start", {}, "198.51.100.7");
  CHECK(limited.status == 429);
  CHECK(code_of(limited) == "rate_limited");
}
