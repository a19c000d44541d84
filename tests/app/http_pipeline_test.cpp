// The request pipeline without sockets, on in-memory stores, a fake clock and counting entropy:
// request ids, 404/405, 413/415/400 body checks, authentication (Bearer, cookie, admin, revoked
// tokens), rate limits with their headers (and recovery as the fake clock advances), the
// Idempotency-Key middleware (missing, replay, reuse, in progress, release after 5xx), handler
// exceptions, and dev-login -> me -> logout through the real auth routes.
#include <rapidjson/document.h>

#include <atomic>
#include <catch2/catch.hpp>

#include "api/routes.hpp"
#include "drop/adapters/memory/memory_rate_limit_store.hpp"
#include "drop/adapters/memory/memory_stores.hpp"
#include "http/pipeline.hpp"

using namespace drop::http;
using drop::Timestamp;

namespace {

class FakeClock final : public drop::ports::Clock {
 public:
  Timestamp now() const override { return now_; }
  void advance_s(std::int64_t seconds) { now_ = now_.plus_seconds(seconds); }

 private:
  Timestamp now_ = Timestamp::from_unix_seconds(1'800'000'000);
};

class CountingEntropy final : public drop::ports::Entropy {
 public:
  void fill(std::span<std::byte> bytes) override {
    for (std::byte& byte : bytes) byte = static_cast<std::byte>(next_++);
  }

 private:
  unsigned next_ = 1;
};

struct Harness {
  drop::app::Settings settings;
  FakeClock clock;
  CountingEntropy entropy;
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
  std::atomic<int> transfer_calls{0};
  int next_status = 201;

  Harness() {
    settings.admin_token = "admin-token-0123456789";
    router = drop::api::build_router(settings);
    router.add({.method = Method::post,
                .pattern = "/test/transfers",
                .handler =
                    [this](const Request& request, Context&) {
                      ++transfer_calls;
                      return Response::json(next_status,
                                            "{\"n\":" + std::to_string(transfer_calls) +
                                                ",\"body\":" + request.body + "}");
                    },
                .auth = AuthRequirement::user,
                .rate_class = RateClass::user,
                .idempotency_key_required = true,
                .json_body = true});
    router.add({.method = Method::get,
                .pattern = "/test/throws",
                .handler = [](const Request&, Context&) -> Response {
                  throw std::runtime_error("SELECT secret FROM users");
                }});
    router.add({.method = Method::get,
                .pattern = "/test/admin",
                .handler = [](const Request&, Context&) { return Response::json(200, "{}"); },
                .auth = AuthRequirement::admin});
    router.add({.method = Method::get,
                .pattern = "/test/items/{id}",
                .handler = [](const Request& request, Context&) {
                  return Response::json(200, std::string(request.path_param("id")));
                }});
    metrics = std::make_unique<Metrics>(std::vector<Metrics::RouteLabel>{});
    context = {&settings,    &clock,        &entropy, &tokens, &users,  &idempotency, &revoked,
               &rate_limits, metrics.get(), &health,  &router, nullptr, nullptr,      nullptr,
               {},           nullptr,       nullptr,  nullptr};
    pipeline = std::make_unique<Pipeline>(router, context);
  }

  Response send(Method method, std::string path,
                std::vector<std::pair<std::string, std::string>> headers = {},
                std::string body = {}, std::string ip = "192.0.2.1") {
    Request request;
    request.method = method;
    request.path = std::move(path);
    for (auto& [name, value] : headers) request.headers.add(name, value);
    request.body = std::move(body);
    request.client_ip = std::move(ip);
    Prepared prepared = pipeline->prepare(request);
    return pipeline->run(request, prepared);
  }

  std::string login(const std::string& name) {
    const Response response =
        send(Method::post, "/api/auth/dev-login", {{"Content-Type", "application/json"}},
             "{\"name\":\"" + name + "\"}");
    REQUIRE(response.status == 200);
    rapidjson::Document body;
    body.Parse(response.body.c_str());
    return body["token"].GetString();
  }
};

std::string code_of(const Response& response) {
  rapidjson::Document body;
  body.Parse(response.body.c_str());
  if (!body.IsObject() || !body.HasMember("code")) return "";
  return body["code"].GetString();
}

}  // namespace

TEST_CASE("pipeline: request ids are echoed when valid, generated otherwise") {
  Harness harness;
  auto response = harness.send(Method::get, "/api/health", {{"X-Request-Id", "abc.DEF_12-3"}});
  CHECK(response.headers.get("X-Request-Id") == "abc.DEF_12-3");
  response = harness.send(Method::get, "/api/health", {{"X-Request-Id", "bad id!"}});
  const std::string generated(*response.headers.get("X-Request-Id"));
  CHECK(generated != "bad id!");
  CHECK(is_valid_request_id(generated));
  response = harness.send(Method::get, "/api/health", {{"X-Request-Id", std::string(129, 'a')}});
  CHECK(response.headers.get("X-Request-Id")->size() < 129);
  CHECK(harness.send(Method::get, "/api/health").headers.get("X-Request-Id") != generated);
}

TEST_CASE("pipeline: 404, 405 with Allow, path parameters") {
  Harness harness;
  auto response = harness.send(Method::get, "/api/nothing");
  CHECK(response.status == 404);
  CHECK(code_of(response) == "not_found");
  CHECK(response.content_type == "application/problem+json");
  response = harness.send(Method::delete_, "/api/me");
  CHECK(response.status == 405);
  CHECK(code_of(response) == "method_not_allowed");
  CHECK(response.headers.get("Allow") == "GET, HEAD");
  CHECK(harness.send(Method::get, "/test/items/it_9").body == "it_9");
}

TEST_CASE("pipeline: body size, content type and JSON checks") {
  Harness harness;
  auto response =
      harness.send(Method::post, "/api/auth/dev-login", {{"Content-Type", "application/json"}},
                   std::string(64 * 1024 + 1, ' '));
  CHECK(response.status == 413);
  CHECK(code_of(response) == "payload_too_large");
  response = harness.send(Method::post, "/api/auth/dev-login", {{"Content-Type", "text/plain"}},
                          "{\"name\":\"x\"}");
  CHECK(response.status == 415);
  CHECK(code_of(response) == "unsupported_media_type");
  response = harness.send(Method::post, "/api/auth/dev-login", {}, "{\"name\":\"x\"}");
  CHECK(response.status == 415);
  response = harness.send(Method::post, "/api/auth/dev-login",
                          {{"Content-Type", "application/json; charset=utf-8"}}, "{\"name\":");
  CHECK(response.status == 400);
  CHECK(code_of(response) == "invalid_request");
  response = harness.send(Method::post, "/api/auth/dev-login",
                          {{"Content-Type", "application/json"}}, "[1]");
  CHECK(response.status == 400);
  response = harness.send(Method::post, "/api/auth/dev-login",
                          {{"Content-Type", "Application/JSON"}}, "{\"nom\":\"x\"}");
  CHECK(response.status == 400);
  response =
      harness.send(Method::post, "/api/auth/dev-login", {{"Content-Type", "application/json"}},
                   "{\"name\":\"x\",\"kyc_status\":\"maybe\"}");
  CHECK(response.status == 422);
  CHECK(code_of(response) == "validation_failed");
  CHECK(response.body.find("\"field\":\"kyc_status\"") != std::string::npos);
}

TEST_CASE("pipeline: dev-login, me, logout, then the token is refused") {
  Harness harness;
  const std::string token = harness.login("Ola Nordmann");
  const std::vector<std::pair<std::string, std::string>> bearer = {
      {"Authorization", "Bearer " + token}};
  auto me = harness.send(Method::get, "/api/me", bearer);
  REQUIRE(me.status == 200);
  rapidjson::Document body;
  body.Parse(me.body.c_str());
  CHECK(std::string(body["name"].GetString()) == "Ola Nordmann");
  CHECK(std::string(body["kyc_status"].GetString()) == "none");
  CHECK(std::string(body["id"].GetString()).starts_with("usr_"));
  // The same name signs in as the same user; the KYC status can be set.
  const Response again =
      harness.send(Method::post, "/api/auth/dev-login", {{"Content-Type", "application/json"}},
                   "{\"name\":\"Ola Nordmann\",\"kyc_status\":\"approved\"}");
  REQUIRE(again.status == 200);
  CHECK(again.body.find(body["id"].GetString()) != std::string::npos);
  CHECK(again.body.find("\"kyc_status\":\"approved\"") != std::string::npos);
  CHECK(again.headers.get("Set-Cookie")->find("HttpOnly") != std::string::npos);
  // The cookie authenticates too.
  CHECK(harness.send(Method::get, "/api/me", {{"Cookie", "drop_session=" + token}}).status == 200);
  auto logout = harness.send(Method::post, "/api/auth/logout", bearer);
  CHECK(logout.status == 200);
  CHECK(logout.headers.get("Set-Cookie")->find("Max-Age=0") != std::string::npos);
  me = harness.send(Method::get, "/api/me", bearer);
  CHECK(me.status == 401);
  CHECK(code_of(me) == "unauthorized");
  CHECK(harness.send(Method::get, "/api/me").status == 401);
  CHECK(harness.send(Method::get, "/api/me", {{"Authorization", "Basic abc"}}).status == 401);
  // An expired token.
  const std::string fresh = harness.login("Kari");
  harness.clock.advance_s(15 * 60);
  CHECK(harness.send(Method::get, "/api/me", {{"Authorization", "Bearer " + fresh}}).status == 401);
}

TEST_CASE("pipeline: admin routes need the admin token") {
  Harness harness;
  CHECK(harness.send(Method::get, "/test/admin").status == 401);
  CHECK(
      harness.send(Method::get, "/test/admin", {{"Authorization", "Bearer admin-token-0123456780"}})
          .status == 401);
  CHECK(
      harness.send(Method::get, "/test/admin", {{"Authorization", "Bearer admin-token-0123456789"}})
          .status == 200);
  harness.settings.admin_token.clear();
  CHECK(harness.send(Method::get, "/test/admin", {{"Authorization", "Bearer "}}).status == 401);
}

TEST_CASE("pipeline: auth rate limit is 10 per minute per IP, with headers") {
  Harness harness;
  for (int i = 0; i < 10; ++i) {
    const Response response =
        harness.send(Method::post, "/api/auth/dev-login", {{"Content-Type", "application/json"}},
                     "{\"name\":\"n\"}");
    REQUIRE(response.status == 200);
    CHECK(response.headers.get("RateLimit-Limit") == "10");
    CHECK(response.headers.get("RateLimit-Remaining") == std::to_string(9 - i));
    CHECK(!response.headers.has("Retry-After"));
  }
  Response refused = harness.send(Method::post, "/api/auth/dev-login",
                                  {{"Content-Type", "application/json"}}, "{\"name\":\"n\"}");
  CHECK(refused.status == 429);
  CHECK(code_of(refused) == "rate_limited");
  CHECK(refused.headers.get("RateLimit-Remaining") == "0");
  CHECK(refused.headers.get("Retry-After") == "6");
  CHECK(refused.headers.get("RateLimit-Reset") == "60");
  // Another IP has its own budget; after 6 s one more request is admitted.
  CHECK(harness
            .send(Method::post, "/api/auth/dev-login", {{"Content-Type", "application/json"}},
                  "{\"name\":\"n\"}", "192.0.2.2")
            .status == 200);
  harness.clock.advance_s(6);
  CHECK(harness
            .send(Method::post, "/api/auth/dev-login", {{"Content-Type", "application/json"}},
                  "{\"name\":\"n\"}")
            .status == 200);
  // Unlimited routes carry no RateLimit headers.
  CHECK(!harness.send(Method::get, "/api/health").headers.has("RateLimit-Limit"));
}

TEST_CASE("pipeline: Idempotency-Key middleware") {
  Harness harness;
  const std::string token = harness.login("Payer");
  std::vector<std::pair<std::string, std::string>> headers = {{"Authorization", "Bearer " + token},
                                                              {"Content-Type", "application/json"}};
  // Missing or invalid key.
  auto response = harness.send(Method::post, "/test/transfers", headers, "{\"a\":1}");
  CHECK(response.status == 400);
  CHECK(code_of(response) == "invalid_request");
  auto with_key = headers;
  with_key.emplace_back("Idempotency-Key", std::string(256, 'k'));
  CHECK(harness.send(Method::post, "/test/transfers", with_key, "{\"a\":1}").status == 400);
  CHECK(harness.transfer_calls == 0);
  // First use runs the handler; the same request replays it.
  with_key.back().second = "key-1";
  response = harness.send(Method::post, "/test/transfers", with_key, "{\"a\":1}");
  CHECK(response.status == 201);
  CHECK(!response.headers.has("Idempotent-Replayed"));
  auto replay = harness.send(Method::post, "/test/transfers", with_key, "{\"a\":1}");
  CHECK(replay.status == 201);
  CHECK(replay.body == response.body);
  CHECK(replay.headers.get("Idempotent-Replayed") == "true");
  CHECK(harness.transfer_calls == 1);
  // Same key, different body.
  response = harness.send(Method::post, "/test/transfers", with_key, "{\"a\":2}");
  CHECK(response.status == 422);
  CHECK(code_of(response) == "idempotency_key_reused");
  // Keys are per user.
  auto other_user = with_key;
  other_user[0].second = "Bearer " + harness.login("Other");
  CHECK(harness.send(Method::post, "/test/transfers", other_user, "{\"a\":2}").status == 201);
  CHECK(harness.transfer_calls == 2);
  // In progress: a key claimed by a running request.
  rapidjson::Document me;
  me.Parse(harness.send(Method::get, "/api/me", headers).body.c_str());
  const std::string user_id = me["id"].GetString();
  REQUIRE(harness.idempotency
              .begin(user_id, "key-2", request_hash("POST", "/test/transfers", "{\"a\":3}"),
                     harness.clock.now(), 86400, 60)
              ->outcome == drop::ports::IdempotencyBegin::Outcome::started);
  with_key.back().second = "key-2";
  response = harness.send(Method::post, "/test/transfers", with_key, "{\"a\":3}");
  CHECK(response.status == 409);
  CHECK(code_of(response) == "idempotency_in_progress");
  // A 5xx is released, so a retry runs the handler again.
  with_key.back().second = "key-3";
  harness.next_status = 503;
  CHECK(harness.send(Method::post, "/test/transfers", with_key, "{\"a\":4}").status == 503);
  harness.next_status = 201;
  response = harness.send(Method::post, "/test/transfers", with_key, "{\"a\":4}");
  CHECK(response.status == 201);
  CHECK(!response.headers.has("Idempotent-Replayed"));
}

TEST_CASE("pipeline: a throwing handler is a 500 that shows nothing") {
  Harness harness;
  const Response response = harness.send(Method::get, "/test/throws");
  CHECK(response.status == 500);
  CHECK(code_of(response) == "internal");
  CHECK(response.body.find("SELECT") == std::string::npos);
}

TEST_CASE("pipeline: health turns 503 while draining or when the database is down") {
  Harness harness;
  harness.health.set_database_ok(true);
  CHECK(harness.send(Method::get, "/api/health").status == 200);
  harness.health.set_database_ok(false);
  auto response = harness.send(Method::get, "/api/health");
  CHECK(response.status == 503);
  CHECK(response.body.find("\"database\":\"unavailable\"") != std::string::npos);
  harness.health.set_database_ok(true);
  harness.health.start_draining();
  response = harness.send(Method::get, "/api/health");
  CHECK(response.status == 503);
  CHECK(response.body.find("\"status\":\"unavailable\"") != std::string::npos);
}
