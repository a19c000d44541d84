// `drop serve` on PostgreSQL (a fresh database per test from DROP_TEST_DATABASE_URL): start-up
// migrates in development, dev-login -> me -> logout through the PostgreSQL stores, the auth
// rate limit through the shared rate_limits table, and production refusing an unmigrated schema.
#include <catch2/catch.hpp>

#include "serve_support.hpp"
#include "support/postgres.hpp"
#include "support/program.hpp"

using namespace drop_test;

TEST_CASE("serve (PostgreSQL): dev-login, me, logout, rate limit, health") {
  TestDatabase database;
  ServerProcess server({"JWT_SECRET=" + test_jwt_secret, "DATABASE_URL=" + database.url()});
  INFO(server.err());
  REQUIRE(server.port() != 0);
  auto health = http_request(server.port(), "GET", "/api/health");
  CHECK(health.status == 200);
  CHECK(health.body.find("\"database\":\"ok\"") != std::string::npos);
  auto login = dev_login(server.port(), "Kari Nordmann");
  REQUIRE(login.status == 200);
  const std::string token = json_string(login.body, "token");
  auto me = http_request(server.port(), "GET", "/api/me", {{"Authorization", "Bearer " + token}});
  REQUIRE(me.status == 200);
  CHECK(json_string(me.body, "name") == "Kari Nordmann");
  // The same name is the same user; the KYC status is stored.
  auto approved = http_request(server.port(), "POST", "/api/auth/dev-login",
                               {{"Content-Type", "application/json"}},
                               R"({"name":"Kari Nordmann","kyc_status":"approved"})");
  REQUIRE(approved.status == 200);
  CHECK(approved.body.find(json_string(me.body, "id")) != std::string::npos);
  CHECK(approved.body.find("\"kyc_status\":\"approved\"") != std::string::npos);
  CHECK(http_request(server.port(), "POST", "/api/auth/logout",
                     {{"Authorization", "Bearer " + token}})
            .status == 200);
  CHECK(http_request(server.port(), "GET", "/api/me", {{"Authorization", "Bearer " + token}})
            .status == 401);
  // Two logins so far from this IP; eight more are admitted, then 429.
  for (int i = 0; i < 8; ++i)
    REQUIRE(dev_login(server.port(), "u" + std::to_string(i)).status == 200);
  auto refused = dev_login(server.port(), "late");
  CHECK(refused.status == 429);
  CHECK(refused.header("Retry-After"));
  CHECK(refused.header("RateLimit-Remaining") == "0");
  server.signal(SIGTERM);
  CHECK(server.wait() == 0);
}

TEST_CASE("serve (PostgreSQL): production refuses an unmigrated schema") {
  TestDatabase database;
  auto result = run_program({"serve"}, "",
                            {"DROP_ENV=production", "JWT_SECRET=" + test_jwt_secret, "PORT=0",
                             "DATABASE_URL=" + database.url()});
  CHECK(result.exit_code == 1);
  CHECK(result.err.find("DATABASE_URL: schema version 0") != std::string::npos);
  CHECK(std::count(result.err.begin(), result.err.end(), '\n') == 1);
}
