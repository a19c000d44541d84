// End to end: the issue 7 integration secrets come from the Secrets Manager secret too. The
// secret (SecretsManagerFake behind FakeHttpServer on 127.0.0.1, static test keys; see
// aws_e2e_world.hpp) holds SUMSUB_APP_TOKEN, SUMSUB_SECRET_KEY, SUMSUB_WEBHOOK_SECRET and
// SLACK_WEBHOOK_URL next to JWT_SECRET; the environment holds WRONG values for the same names
// (a Sumsub key and webhook secret the fakes do not know, a Slack URL where nothing listens) and
// only the non-secret SUMSUB_LEVEL_NAME and SUMSUB_BASE_URL that the secret lacks (they fall back
// to the environment). So POST /api/kyc/token answering 200 proves the Sumsub keys were read from
// the secret (SumsubFake recomputes the request signature), a RED FINAL webhook accepted with the
// secret's webhook secret (and refused with the environment's) proves the verifier's, and the
// Slack message arriving at SlackFake proves the webhook URL's. No value from the secret
// appears in the server's output.
#include <catch2/catch.hpp>

#include "aws_e2e_world.hpp"
#include "support/fakes/slack_fake.hpp"
#include "support/fakes/sumsub_fake.hpp"

using namespace drop_test;
using namespace drop_test::aws_e2e;

namespace {

const std::string sumsub_app_token = "secret-sumsub-app-token-never-printed";
const std::string sumsub_secret_key = "secret-sumsub-secret-key-never-printed";
const std::string sumsub_webhook_secret = "secret-sumsub-webhook-secret-never-printed";
const std::string environment_webhook_secret = "environment-webhook-secret-0123456789";
const std::string slack_path = "/services/T0E2E0000/B0E2E0002/fromTheSecretNeverPrinted";

}  // namespace

TEST_CASE("serve e2e: Sumsub and Slack secrets come from Secrets Manager") {
  AwsWorld world;
  SumsubFake sumsub{sumsub_app_token, sumsub_secret_key, [] { return wall_clock_s(); }};
  SlackFake slack;
  FakeHttpServer sumsub_server(sumsub.handler());
  FakeHttpServer slack_server(slack.handler());
  world.secrets.put_secret(
      {secret_arn, "drop/e2e",
       aws_json_object({{"JWT_SECRET", secret_jwt},
                        {"DATABASE_URL", "sqlite:" + world.database_file()},
                        {"SUMSUB_APP_TOKEN", sumsub_app_token},
                        {"SUMSUB_SECRET_KEY", sumsub_secret_key},
                        {"SUMSUB_WEBHOOK_SECRET", sumsub_webhook_secret},
                        {"SLACK_WEBHOOK_URL", slack_server.base_url() + slack_path}}),
       "v-e2e-integrations"});
  ServerProcess server(
      with(world.environment(),
           {"AWS_ACCESS_KEY_ID=" + access_key_id, "AWS_SECRET_ACCESS_KEY=" + secret_access_key,
            "SUMSUB_APP_TOKEN=environment-app-token",
            "SUMSUB_SECRET_KEY=environment-secret-key-unknown-to-the-fake",
            "SUMSUB_WEBHOOK_SECRET=" + environment_webhook_secret,
            "SUMSUB_LEVEL_NAME=basic-kyc-level", "SUMSUB_BASE_URL=" + sumsub_server.base_url(),
            "SLACK_WEBHOOK_URL=http://127.0.0.1:9/nothing-listens-here"}));
  INFO(server.err());
  REQUIRE(server.port() != 0);
  const SignedInUser kari = dev_sign_in(server.port(), "Kari");

  auto token = http_request(server.port(), "POST", "/api/kyc/token",
                            {{"Authorization", "Bearer " + kari.token}});
  INFO(token.body);
  CHECK(token.status == 200);
  CHECK(json_string(token.body, "level_name") == "basic-kyc-level");
  CHECK(sumsub.creates() == 1);

  const std::string body = red_final_body(kari.id);
  CHECK(post_sumsub_webhook(server.port(), environment_webhook_secret, body).status == 401);
  CHECK(post_sumsub_webhook(server.port(), sumsub_webhook_secret, body).status == 200);
  CHECK(json_string(get_me(server.port(), kari.token).body, "kyc_status") == "rejected");
  REQUIRE(eventually([&] { return !slack.texts().empty(); }));
  CHECK(slack.texts().size() == 1);
  CHECK(slack.texts()[0].find(red_final_applicant_id) != std::string::npos);
  CHECK(world.secrets.accepted() == 1);

  check_output_free_of(server, {secret_jwt, sumsub_app_token, sumsub_secret_key,
                                sumsub_webhook_secret, slack_path, secret_access_key});
}
