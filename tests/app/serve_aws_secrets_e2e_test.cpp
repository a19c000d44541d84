// End to end: the real `drop serve` takes its secret settings from AWS Secrets Manager, here the
// SecretsManagerFake (which recomputes every SigV4 signature) behind FakeHttpServer on
// 127.0.0.1, reached through the real outbound client (AWS_ENDPOINT_URL=http://127.0.0.1:<fake>).
// The secret JSON provides JWT_SECRET, DROP_ADMIN_TOKEN and DATABASE_URL (a scratch SQLite
// file); the environment holds DIFFERENT values for the first two, so the checks prove the
// secret's values win: a token the test signs with the secret's JWT_SECRET is accepted on
// /api/me and one signed with the environment's is refused; the secret's admin token opens
// /api/admin/ledger/verify and the environment's does not; the server's database is the
// secret's file. The fake saw exactly one accepted, correctly signed GetSecretValue (the
// Authorization header's credential scope is checked here as well), and no secret value, key or
// token appears in the server's stdout or stderr. Two credential sources: static keys
// (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY) and the container credentials endpoint
// (AWS_CONTAINER_CREDENTIALS_FULL_URI=http://127.0.0.1:<fake>/creds with
// AWS_CONTAINER_AUTHORIZATION_TOKEN), whose session token the fake requires on the request.
#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>

#include "aws_e2e_world.hpp"
#include "support/program.hpp"

using namespace drop_test;
using namespace drop_test::aws_e2e;

namespace {

// The checks shared by both credential sources, on a server that started.
void check_serves_with_the_secret(AwsWorld& world, ServerProcess& server,
                                  const std::string& expected_key_id) {
  const std::uint16_t port = server.port();
  // The database is the secret's file, not ServerProcess's default.
  CHECK(std::filesystem::exists(world.database_file()));
  CHECK_FALSE(std::filesystem::exists(server.directory() / "drop.db"));

  const SignedInUser kari = dev_sign_in(port, "Kari");
  CHECK(get_me(port, kari.token).status == 200);
  auto mine = get_me(port, token_signed_with(secret_jwt, kari.id, "e2e-jti-1"));
  CHECK(mine.status == 200);
  CHECK(json_string(mine.body, "id") == kari.id);
  CHECK(get_me(port, token_signed_with(environment_jwt, kari.id, "e2e-jti-2")).status == 401);

  CHECK(http_request(port, "GET", "/api/admin/ledger/verify",
                     {{"Authorization", "Bearer " + secret_admin}})
            .status == 200);
  CHECK(http_request(port, "GET", "/api/admin/ledger/verify",
                     {{"Authorization", "Bearer " + environment_admin}})
            .status == 401);

  // Exactly one GetSecretValue, accepted by the fake's signature check, signed for the right
  // key, day, region and service.
  CHECK(world.secrets.accepted() == 1);
  std::vector<drop::http_client::HttpRequest> fetches;
  for (const auto& request : world.server.requests()) {
    if (request.url != "/creds") fetches.push_back(request);
  }
  REQUIRE(fetches.size() == 1);
  const auto& fetch = fetches[0];
  CHECK(fetch.method == "POST");
  CHECK(fetch.url == "/");
  CHECK(fetch.body.find(secret_arn) != std::string::npos);
  const std::string authorization = header_value(fetch, "authorization");
  const std::string amz_date = header_value(fetch, "x-amz-date");
  const std::string target = header_value(fetch, "x-amz-target");
  CHECK(target == "secretsmanager.GetSecretValue");
  REQUIRE(amz_date.size() >= 8);
  CHECK(authorization.starts_with("AWS4-HMAC-SHA256 Credential=" + expected_key_id + "/" +
                                  amz_date.substr(0, 8) +
                                  "/eu-north-1/secretsmanager/aws4_request"));

  check_output_free_of(server, {secret_jwt, secret_admin, secret_access_key, container_token,
                                task_secret, task_session});
}

}  // namespace

TEST_CASE("serve e2e: settings come from Secrets Manager with static keys") {
  AwsWorld world;
  ServerProcess server(with(world.environment(), {"AWS_ACCESS_KEY_ID=" + access_key_id,
                                                  "AWS_SECRET_ACCESS_KEY=" + secret_access_key}));
  INFO(server.err());
  REQUIRE(server.port() != 0);
  check_serves_with_the_secret(world, server, access_key_id);
  CHECK(world.container.served() == 0);
}

TEST_CASE("serve e2e: settings come from Secrets Manager with container credentials") {
  AwsWorld world;
  ServerProcess server(
      with(world.environment(),
           {"AWS_CONTAINER_CREDENTIALS_FULL_URI=" + world.server.base_url() + "/creds",
            "AWS_CONTAINER_AUTHORIZATION_TOKEN=" + container_token}));
  INFO(server.err());
  REQUIRE(server.port() != 0);
  check_serves_with_the_secret(world, server, task_key_id);
  CHECK(world.container.served() >= 1);
}

TEST_CASE("serve e2e: a wrong secret access key stops drop serve with one line") {
  AwsWorld world;
  const auto result = run_program(
      {"serve"}, "",
      with(world.environment(), {"PORT=0", "AWS_ACCESS_KEY_ID=" + access_key_id,
                                 "AWS_SECRET_ACCESS_KEY=not-the-right-secret-access-key"}));
  CHECK(result.exit_code == 1);
  CHECK(result.err.starts_with("drop serve: AWS_SECRET_ARN: cannot fetch the secret: "));
  CHECK(result.err.find("InvalidSignatureException") != std::string::npos);
  CHECK(std::count(result.err.begin(), result.err.end(), '\n') == 1);
  CHECK(result.err.find("not-the-right-secret-access-key") == std::string::npos);
  CHECK(world.secrets.accepted() == 0);
}
