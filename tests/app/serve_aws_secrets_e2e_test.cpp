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
#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>

#include "e2e_support.hpp"
#include "support/fake_http_server.hpp"
#include "support/fakes/container_credentials_fake.hpp"
#include "support/fakes/secrets_manager_fake.hpp"
#include "support/program.hpp"

using namespace drop_test;

namespace {

const std::string secret_arn =
    "arn:aws:secretsmanager:eu-north-1:111122223333:secret:drop/e2e-AbCdEf";
const std::string secret_jwt = "jwt-from-secrets-manager-7c1d9e2f3a4b5c6d7e8f9a0b1c2d3e4f";
const std::string secret_admin = "admin-from-secrets-manager-5f0e1d2c";
const std::string environment_jwt = "jwt-from-the-environment-0a1b2c3d4e5f6a7b8c9d0e1f2a3b";
const std::string environment_admin = "admin-from-the-environment-9a8b7c6d";
const std::string access_key_id = "AKIDE2ETESTKEY000001";
const std::string secret_access_key = "static-secret-access-key-never-printed";
const std::string container_token = "container-authorization-token-never-printed";
const std::string task_key_id = "ASIAE2ETASKROLE00001";
const std::string task_secret = "task-role-secret-key-never-printed";
const std::string task_session = "task-role-session-token-never-printed";

// A scratch directory removed at the end of the test.
struct ScratchDirectory {
  std::filesystem::path path;
  ScratchDirectory() {
    static int counter = 0;
    path = std::filesystem::temp_directory_path() /
           ("drop-e2e-aws-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    std::filesystem::remove_all(path);
    std::filesystem::create_directories(path);
  }
  ~ScratchDirectory() {
    std::error_code ignored;
    std::filesystem::remove_all(path, ignored);
  }
};

// The Secrets Manager fake and the container credentials fake behind one loopback server
// (/creds goes to the credentials endpoint, everything else to Secrets Manager).
struct AwsWorld {
  ScratchDirectory scratch;
  SecretsManagerFake secrets{"eu-north-1", "127.0.0.1"};
  ContainerCredentialsFake container{
      "/creds",
      container_token,
      {task_key_id, task_secret, task_session,
       drop::Timestamp::from_unix_seconds(wall_clock_s() + 6 * 3600)}};
  FakeHttpServer server{[this](const drop::http_client::HttpRequest& request) {
    return request.url == "/creds" ? container.handle(request) : secrets.handle(request);
  }};

  std::string database_file() const { return (scratch.path / "from-secret.db").string(); }

  AwsWorld() {
    secrets.add_key({access_key_id, secret_access_key, ""});
    secrets.add_key({task_key_id, task_secret, task_session});
    secrets.put_secret({secret_arn, "drop/e2e",
                        aws_json_object({{"JWT_SECRET", secret_jwt},
                                         {"DROP_ADMIN_TOKEN", secret_admin},
                                         {"DATABASE_URL", "sqlite:" + database_file()}}),
                        "v-e2e-1"});
  }

  // The environment every variant shares; the credentials are added by the caller.
  std::vector<std::string> environment() const {
    return {"AWS_SECRET_ARN=" + secret_arn,
            "AWS_ENDPOINT_URL=" + server.base_url(),
            "AWS_ENDPOINT_URL_SECRETS_MANAGER=",
            "AWS_REGION=",
            "AWS_ACCESS_KEY_ID=",
            "AWS_SECRET_ACCESS_KEY=",
            "AWS_SESSION_TOKEN=",
            "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI=",
            "AWS_CONTAINER_CREDENTIALS_FULL_URI=",
            "AWS_CONTAINER_AUTHORIZATION_TOKEN=",
            "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE=",
            "DROP_SECRETS_TTL_S=",
            "JWT_SECRET=" + environment_jwt,
            "DROP_ADMIN_TOKEN=" + environment_admin,
            "DROP_APP_URL=",
            "DROP_ENV=development"};
  }
};

std::vector<std::string> with(std::vector<std::string> base, const std::vector<std::string>& more) {
  for (const std::string& entry : more) {
    const std::string name = entry.substr(0, entry.find('=') + 1);
    std::erase_if(base, [&](const std::string& value) { return value.starts_with(name); });
    base.push_back(entry);
  }
  return base;
}

// A session token for `user_id` signed here with `secret` (the claims of http/jwt.hpp).
std::string token_signed_with(const std::string& secret, const std::string& user_id,
                              const std::string& token_id) {
  const std::int64_t now_s = wall_clock_s();
  const std::string claims = R"({"iss":"drop","aud":"drop-api","sub":")" + user_id + R"(","iat":)" +
                             std::to_string(now_s) + R"(,"exp":)" + std::to_string(now_s + 600) +
                             R"(,"jti":")" + token_id + R"("})";
  return sign_hs256(secret, R"({"alg":"HS256","typ":"JWT"})", claims);
}

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
  std::string authorization, amz_date, target;
  for (const auto& header : fetch.headers) {
    std::string name = header.name;
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (name == "authorization") authorization = header.value;
    if (name == "x-amz-date") amz_date = header.value;
    if (name == "x-amz-target") target = header.value;
  }
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
