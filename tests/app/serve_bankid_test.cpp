// `drop serve` as a real process with BankID configured (SQLite): until the outbound HTTPS client
// is plugged in (app/cli/wiring.cpp, make_outbound_client) the BankID routes answer 503
// problem+json, start-up says so in one `bankid_disabled` line, and the client secret appears
// nowhere in the output. Without BANKID_ISSUER the routes answer 503 too. The full sign-in through
// the real client and FakeHttpServer is still to be written (needs the outbound work).
#include <catch2/catch.hpp>

#include "serve_support.hpp"

using namespace drop_test;

TEST_CASE("serve: BankID routes answer 503 until an outbound client is plugged in") {
  const std::string secret = "bankid-secret-5e1f0c9d";
  ServerProcess server({"JWT_SECRET=" + test_jwt_secret, "BANKID_ISSUER=https://bankid.test",
                        "BANKID_CLIENT_ID=drop-client", "BANKID_CLIENT_SECRET=" + secret,
                        "BANKID_REDIRECT_URI=https://drop.test/api/auth/bankid/callback"});
  REQUIRE(server.port() != 0);
  for (const char* path : {"/api/auth/bankid/start", "/api/auth/bankid/callback?code=c&state=s"}) {
    auto response = http_request(server.port(), "GET", path);
    CHECK(response.status == 503);
    CHECK(response.header("Content-Type") == "application/problem+json");
    CHECK(json_string(response.body, "code") == "unavailable");
  }
  CHECK(server.err().find("bankid_disabled") != std::string::npos);
  CHECK(server.err().find(secret) == std::string::npos);
  CHECK(server.out().find(secret) == std::string::npos);
}

TEST_CASE("serve: BankID routes answer 503 when BankID is not configured") {
  ServerProcess server({"JWT_SECRET=" + test_jwt_secret});
  REQUIRE(server.port() != 0);
  auto response = http_request(server.port(), "GET", "/api/auth/bankid/start");
  CHECK(response.status == 503);
  CHECK(json_string(response.body, "code") == "unavailable");
}
