// End to end: the whole BankID sign-in through the real `drop serve`, with BankIdFake (OIDC
// discovery, JWKS, token endpoint checking client_secret_basic, the single-use code, the
// redirect_uri and the PKCE S256 verifier, RS256 ID tokens) behind FakeHttpServer on 127.0.0.1
// and BANKID_ISSUER=http://127.0.0.1:<fake> (discovery's issuer equals it). The test plays the
// browser: GET /api/auth/bankid/start must answer 302 to the fake's authorization endpoint with
// state, nonce and an S256 code_challenge; the fake's authorize() plays the user and returns the
// code; GET /api/auth/bankid/callback?code=&state= must answer 200 {"token","user"} with
// Set-Cookie drop_session, and both the token and the cookie open /api/me. Replaying the same
// callback is 401 (the state is single use, and no second code exchange reaches the fake);
// signing in again finds the same user. The fake's clock follows the wall clock, as the server's
// does. The national identity number carried in the ID token, the client secret and the state
// never appear in the server's output. A provider whose discovery names another issuer is
// refused (503). The same sign-in also runs over TLS: the fake serves https with a certificate
// from a CA generated at test time, trusted by `drop serve` through SSL_CERT_FILE; without it
// the handshake fails and /start answers 503 before any request reaches the fake.
#include <catch2/catch.hpp>

#include "e2e_support.hpp"
#include "support/fake_http_server.hpp"
#include "support/fakes/bankid_fake.hpp"
#include "support/test_certificates.hpp"

using namespace drop_test;

namespace {

const std::string client_id = "drop-e2e-client";
// Characters client_secret_basic must form-encode (RFC 6749 2.3.1).
const std::string client_secret = "bankid-e2e-s3cr:et/+ &never-printed";
const std::string redirect_uri = "https://drop.test/api/auth/bankid/callback";

// BankIdFake needs its issuer (the server's URL) at construction: the server starts with a
// placeholder handler and is pointed at the fake once both exist. `tls`: serve https with
// these certificates (which must outlive the world).
struct BankIdWorld {
  FakeHttpServer server;
  BankIdFake fake;

  explicit BankIdWorld(const TestCertificates* tls = nullptr)
      : server(
            [](const drop::http_client::HttpRequest&) {
              return drop::http_client::HttpResponse{503, {}, "not ready"};
            },
            FakeServerOptions{.tls = tls}),
        fake(server.base_url(), client_id, client_secret) {
    fake.now_s = wall_clock_s();
    server.set_handler(fake.handler());
  }

  std::vector<std::string> environment() const {
    return {"JWT_SECRET=" + test_jwt_secret,
            "DROP_ENV=development",
            "DROP_APP_URL=",
            "SSL_CERT_FILE=",
            "BANKID_ISSUER=" + server.base_url(),
            "BANKID_CLIENT_ID=" + client_id,
            "BANKID_CLIENT_SECRET=" + client_secret,
            "BANKID_REDIRECT_URI=" + redirect_uri};
  }
};

struct Started {
  std::string location, state, code;
};

// GET /api/auth/bankid/start, checked, then the user approves at the fake.
Started start(std::uint16_t port, BankIdWorld& world) {
  auto response = http_request(port, "GET", "/api/auth/bankid/start");
  REQUIRE(response.status == 302);
  const auto location = response.header("Location");
  REQUIRE(location.has_value());
  INFO(*location);
  CHECK(location->starts_with(world.server.base_url() + "/authorize?"));
  using bankid_fake_detail::field;
  CHECK(field(*location, "response_type") == "code");
  CHECK(field(*location, "client_id") == client_id);
  CHECK(field(*location, "redirect_uri") == redirect_uri);
  CHECK(field(*location, "code_challenge_method") == "S256");
  CHECK(field(*location, "code_challenge").size() == 43);  // base64url of a SHA-256
  CHECK_FALSE(field(*location, "nonce").empty());
  Started started{*location, field(*location, "state"), world.fake.authorize(*location)};
  REQUIRE_FALSE(started.state.empty());
  REQUIRE_FALSE(started.code.empty());
  return started;
}

// `environment` with `entry` ("NAME=value") replacing any entry of the same name.
std::vector<std::string> with_entry(std::vector<std::string> environment,
                                    const std::string& entry) {
  const std::string name = entry.substr(0, entry.find('=') + 1);
  std::erase_if(environment, [&](const std::string& value) { return value.starts_with(name); });
  environment.push_back(entry);
  return environment;
}

HttpResponse callback(std::uint16_t port, const Started& started) {
  using bankid_fake_detail::encode_form;
  return http_request(port, "GET",
                      "/api/auth/bankid/callback?code=" + encode_form(started.code) +
                          "&state=" + encode_form(started.state));
}

}  // namespace

TEST_CASE("serve e2e: BankID sign-in through a loopback OIDC provider") {
  BankIdWorld world;
  ServerProcess server(world.environment());
  INFO(server.err());
  REQUIRE(server.port() != 0);
  const std::uint16_t port = server.port();

  const Started first = start(port, world);
  auto signed_in = callback(port, first);
  INFO(signed_in.body);
  REQUIRE(signed_in.status == 200);
  const std::string token = json_string(signed_in.body, "token");
  const std::string user_id = user_id_of(signed_in.body);
  REQUIRE_FALSE(token.empty());
  REQUIRE_FALSE(user_id.empty());
  const auto cookie = signed_in.header("Set-Cookie");
  REQUIRE(cookie.has_value());
  CHECK(cookie->starts_with("drop_session=" + token));
  CHECK(world.fake.token_requests() == 1);

  auto me = get_me(port, token);
  CHECK(me.status == 200);
  CHECK(json_string(me.body, "id") == user_id);
  CHECK(json_string(me.body, "name") == world.fake.name);
  CHECK(http_request(port, "GET", "/api/me", {{"Cookie", "drop_session=" + token}}).status == 200);

  // The same callback again: the state was used, nothing reaches the token endpoint.
  auto replay = callback(port, first);
  CHECK(replay.status == 401);
  CHECK(replay.header("Content-Type") == "application/problem+json");
  CHECK(json_string(replay.body, "code") == "unauthorized");
  CHECK(world.fake.token_requests() == 1);

  // A second sign-in: a new state, the same user.
  const Started second = start(port, world);
  CHECK(second.state != first.state);
  auto again = callback(port, second);
  REQUIRE(again.status == 200);
  CHECK(user_id_of(again.body) == user_id);
  CHECK(json_string(again.body, "token") != token);
  CHECK(world.fake.token_requests() == 2);
  CHECK(world.fake.discovery_requests() >= 1);
  CHECK(world.fake.jwks_requests() >= 1);

  check_output_free_of(server, {world.fake.nnin, client_secret, first.state, second.state});
}

TEST_CASE("serve e2e: BankID sign-in refused when the provider's issuer differs") {
  BankIdWorld world;
  world.fake.discovery_issuer = "http://127.0.0.1:1";  // not BANKID_ISSUER
  ServerProcess server(world.environment());
  INFO(server.err());
  REQUIRE(server.port() != 0);
  auto response = http_request(server.port(), "GET", "/api/auth/bankid/start");
  CHECK(response.status == 503);
  CHECK(json_string(response.body, "code") == "unavailable");
  CHECK(world.fake.token_requests() == 0);
  check_output_free_of(server, {client_secret});
}

TEST_CASE("serve e2e: BankID sign-in over TLS with the test CA in SSL_CERT_FILE") {
  const TestCertificates certificates = TestCertificates::generate();
  BankIdWorld world(&certificates);
  REQUIRE(world.server.base_url().starts_with("https://127.0.0.1:"));
  ServerProcess server(with_entry(world.environment(), "SSL_CERT_FILE=" + certificates.ca_file));
  INFO(server.err());
  REQUIRE(server.port() != 0);
  const Started started = start(server.port(), world);
  auto signed_in = callback(server.port(), started);
  CHECK(signed_in.status == 200);
  CHECK(get_me(server.port(), json_string(signed_in.body, "token")).status == 200);
  check_output_free_of(server, {world.fake.nnin, client_secret, started.state});
}

TEST_CASE("serve e2e: BankID over TLS is refused when the CA is not trusted") {
  const TestCertificates certificates = TestCertificates::generate();
  BankIdWorld world(&certificates);
  ServerProcess server(world.environment());  // SSL_CERT_FILE empty: the system store only
  INFO(server.err());
  REQUIRE(server.port() != 0);
  auto response = http_request(server.port(), "GET", "/api/auth/bankid/start");
  CHECK(response.status == 503);
  CHECK(json_string(response.body, "code") == "unavailable");
  CHECK(world.fake.discovery_requests() == 0);  // the handshake failed before any request
  check_output_free_of(server, {client_secret});
}
