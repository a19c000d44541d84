// `drop serve` as a real process with BankID configured (SQLite) but its issuer unreachable
// (127.0.0.1, a port nothing listens on): starting a sign-in answers 503 problem+json
// `unavailable` (a callback for an unknown state 401), and the client secret appears nowhere in the
// output. Without BANKID_ISSUER the routes answer 503 too. The full sign-in through the real client
// is in serve_bankid_e2e_test.cpp.
#include <catch2/catch.hpp>

#include "serve_support.hpp"

using namespace drop_test;

TEST_CASE("serve: BankID routes answer 503 while the issuer cannot be reached") {
  const std::string secret = "bankid-secret-5e1f0c9d";
  ServerProcess server({"JWT_SECRET=" + test_jwt_secret, "BANKID_ISSUER=http://127.0.0.1:9",
                        "BANKID_CLIENT_ID=drop-client", "BANKID_CLIENT_SECRET=" + secret,
                        "BANKID_REDIRECT_URI=https://drop.test/api/auth/bankid/callback"});
  REQUIRE(server.port() != 0);
  auto start = http_request(server.port(), "GET", "/api/auth/bankid/start");
  CHECK(start.status == 503);
  CHECK(start.header("Content-Type") == "application/problem+json");
  CHECK(json_string(start.body, "code") == "unavailable");
  // A callback for a sign-in that never started is refused before BankID is asked.
  auto callback = http_request(server.port(), "GET", "/api/auth/bankid/callback?code=c&state=s");
  CHECK(callback.status == 401);
  CHECK(json_string(callback.body, "code") == "unauthorized");
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
