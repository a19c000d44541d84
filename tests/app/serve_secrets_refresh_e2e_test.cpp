// End to end: what `drop serve` does AFTER start-up with a Secrets Manager secret that is cached
// for DROP_SECRETS_TTL_S=1 (SecretsManagerFake behind FakeHttpServer on 127.0.0.1, static test
// keys; see aws_e2e_world.hpp). Waits are bounded polls on what the fake received, never timings.
// - A refresh that fails (the fake answers InternalServiceError) keeps the last good values
//   serving and writes an `operator_alert` log line naming the AWS error and no secret.
// - With SLACK_WEBHOOK_URL set, the "secrets refresh failing" alert reaches Slack (the fake).
// - A JWT_SECRET and DROP_ADMIN_TOKEN rotated in the secret take effect without a restart
//   (the refresher publishes them to the token codec and the admin check).
#include <catch2/catch.hpp>

#include "aws_e2e_world.hpp"
#include "support/fakes/slack_fake.hpp"

using namespace drop_test;
using namespace drop_test::aws_e2e;

namespace {

const std::string rotated_jwt = "jwt-rotated-in-secrets-manager-4e5f6a7b8c9d0e1f2a3b4c5d6e";
const std::string rotated_admin = "admin-rotated-in-secrets-manager-3c4d";
const std::string slack_path = "/services/T0E2E0000/B0E2E0001/refreshAlertPathNeverPrinted";

std::vector<std::string> refresh_environment(const AwsWorld& world) {
  return with(world.environment(),
              {"AWS_ACCESS_KEY_ID=" + access_key_id, "AWS_SECRET_ACCESS_KEY=" + secret_access_key,
               "DROP_SECRETS_TTL_S=1"});
}

// Without Slack, alerts are JSON lines (`operator_alert`) on stdout (the log notifier), or on
// stderr while the notifier does not exist yet.
std::string logs(const ServerProcess& server) { return server.out() + server.err(); }
bool alert_logged(const ServerProcess& server) {
  return logs(server).find("\"event\":\"operator_alert\"") != std::string::npos;
}

}  // namespace

TEST_CASE("serve e2e: a failing secrets refresh keeps the last good values and logs an alert") {
  AwsWorld world;
  ServerProcess server(refresh_environment(world));
  INFO(server.err());
  REQUIRE(server.port() != 0);
  const SignedInUser kari = dev_sign_in(server.port(), "Kari");
  for (int i = 0; i < 4; ++i) world.secrets.fail_next(500, "InternalServiceError");
  REQUIRE(eventually([&] { return alert_logged(server); }));
  const std::string logged = logs(server);
  CHECK(logged.find("secrets_refresh_failing") != std::string::npos);  // the alert kind
  CHECK(logged.find("InternalServiceError") != std::string::npos);
  // Still serving with the secret's values.
  CHECK(get_me(server.port(), token_signed_with(secret_jwt, kari.id, "refresh-jti-1")).status ==
        200);
  CHECK(http_request(server.port(), "GET", "/api/admin/ledger/verify",
                     {{"Authorization", "Bearer " + secret_admin}})
            .status == 200);
  check_output_free_of(server, {secret_jwt, secret_admin, secret_access_key});
}

TEST_CASE("serve e2e: a failing secrets refresh alerts operators on Slack") {
  AwsWorld world;
  SlackFake slack;
  FakeHttpServer slack_server(slack.handler());
  ServerProcess server(with(refresh_environment(world),
                            {"SLACK_WEBHOOK_URL=" + slack_server.base_url() + slack_path}));
  INFO(server.err());
  REQUIRE(server.port() != 0);
  for (int i = 0; i < 4; ++i) world.secrets.fail_next(500, "InternalServiceError");
  // The alert goes to Slack (not to the log) within a bounded wait.
  CHECK(eventually([&] { return !slack.texts().empty(); }, 5'000));
  CHECK_FALSE(alert_logged(server));
  for (const std::string& text : slack.texts()) {
    CHECK(text.find(secret_access_key) == std::string::npos);
    CHECK(text.find(secret_jwt) == std::string::npos);
  }
}

TEST_CASE("serve e2e: a rotated JWT_SECRET and admin token take effect without a restart") {
  AwsWorld world;
  ServerProcess server(refresh_environment(world));
  INFO(server.err());
  REQUIRE(server.port() != 0);
  const SignedInUser kari = dev_sign_in(server.port(), "Kari");
  REQUIRE(get_me(server.port(), token_signed_with(secret_jwt, kari.id, "rotate-jti-1")).status ==
          200);

  const int accepted_before = world.secrets.accepted();
  world.secrets.put_secret({secret_arn, "drop/e2e",
                            aws_json_object({{"JWT_SECRET", rotated_jwt},
                                             {"DROP_ADMIN_TOKEN", rotated_admin},
                                             {"DATABASE_URL", "sqlite:" + world.database_file()}}),
                            "v-e2e-2"});
  // The store fetched the rotated secret (this part works).
  REQUIRE(eventually([&] { return world.secrets.accepted() > accepted_before; }));
  // Expected: the server now verifies with the rotated secret and admin token.
  CHECK(eventually(
      [&] {
        return get_me(server.port(), token_signed_with(rotated_jwt, kari.id, "rotate-jti-2"))
                   .status == 200;
      },
      2'000));
  CHECK(http_request(server.port(), "GET", "/api/admin/ledger/verify",
                     {{"Authorization", "Bearer " + rotated_admin}})
            .status == 200);
  check_output_free_of(server, {rotated_jwt, rotated_admin});
}
