// Secrets Manager GetSecretValue through the in-process client against SecretsManagerFake, which
// recomputes every SigV4 signature with its own copy of the key: the happy path (JSON 1.1
// headers, body, the real answer shape), the session token sent and signed, a wrong secret key
// refused, every AWS error body mapped to a PortError whose message holds neither the AWS text
// nor any secret, transport failures, and endpoint/region resolution from the environment.
#include "drop/adapters/aws/secrets_manager.hpp"

#include <catch2/catch.hpp>

#include "aws_test_support.hpp"
#include "support/fakes/secrets_manager_fake.hpp"

using drop::adapters::aws::AwsCredentials;
using drop::adapters::aws::secrets_manager_config;
using drop::adapters::aws::SecretsManagerClient;
using drop::adapters::aws::SecretsManagerConfig;
using drop::adapters::aws::StaticCredentialsProvider;
using drop::ports::PortErrorKind;

namespace {

const char* const arn = "arn:aws:secretsmanager:eu-north-1:111122223333:secret:drop/prod-AbCdEf";
const char* const secret_json = R"({"JWT_SECRET":"jwt-secret-value-0123456789abcdef0123456789"})";
const char* const session_token = "FwoGZXIvYXdzEXAMPLEsessiontoken";

struct World {
  drop_test::SecretsManagerFake fake{"eu-north-1", "127.0.0.1:4566"};
  drop_test::InProcessHttpClient http{fake.handler()};
  aws_test::FakeClock clock{aws_test::at("2026-11-30T12:00:00Z")};
  SecretsManagerConfig config{"http://127.0.0.1:4566", "eu-north-1", arn, 5000};

  World() {
    fake.add_key({"AKIDDROP", "drop-secret-key", ""});
    fake.add_key({"ASIADROP", "drop-temporary-key", session_token});
    fake.put_secret({arn, "drop/prod", secret_json, "EXAMPLE1-90ab-cdef-fedc-ba987EXAMPLE"});
  }
  drop::Result<drop::adapters::aws::SecretValue, drop::ports::PortError> get(
      AwsCredentials credentials, SecretsManagerConfig with) {
    StaticCredentialsProvider provider(std::move(credentials));
    SecretsManagerClient client(http, provider, clock, std::move(with));
    return client.get_secret_value();
  }
  auto get(AwsCredentials credentials) { return get(std::move(credentials), config); }
};

AwsCredentials long_term() { return {"AKIDDROP", "drop-secret-key", "", std::nullopt}; }

std::string header(const drop::http_client::HttpRequest& request, const char* name) {
  return std::string(
      drop::http_client::HttpResponse{200, request.headers, ""}.header(name).value_or(""));
}

}  // namespace

TEST_CASE("aws secrets manager: GetSecretValue over JSON 1.1 is signed and returns the secret") {
  World world;
  auto value = world.get(long_term());
  REQUIRE(value);
  CHECK(value->arn == arn);
  CHECK(value->name == "drop/prod");
  CHECK(value->version_id == "EXAMPLE1-90ab-cdef-fedc-ba987EXAMPLE");
  CHECK(value->secret_string == secret_json);
  const auto requests = world.http.requests();
  REQUIRE(requests.size() == 1);
  const auto& request = requests[0];
  CHECK(request.method == "POST");
  CHECK(request.url == "/");
  CHECK(header(request, "X-Amz-Target") == "secretsmanager.GetSecretValue");
  CHECK(header(request, "Content-Type") == "application/x-amz-json-1.1");
  CHECK(header(request, "X-Amz-Date") == "20261130T120000Z");
  CHECK(request.body == std::string(R"({"SecretId":")") + arn + "\"}");
  CHECK(
      header(request, "Authorization")
          .starts_with("AWS4-HMAC-SHA256 Credential=AKIDDROP/20261130/eu-north-1/secretsmanager/"
                       "aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-target, "));
  CHECK(world.fake.accepted() == 1);
}

TEST_CASE("aws secrets manager: the session token is sent as X-Amz-Security-Token and signed") {
  World world;
  auto value = world.get({"ASIADROP", "drop-temporary-key", session_token, std::nullopt});
  REQUIRE(value);
  const auto request = world.http.requests().back();
  CHECK(header(request, "X-Amz-Security-Token") == session_token);
  CHECK(header(request, "Authorization").find("x-amz-date;x-amz-security-token;x-amz-target") !=
        std::string::npos);
  auto without_token = world.get({"ASIADROP", "drop-temporary-key", "", std::nullopt});
  REQUIRE(!without_token);
  CHECK(without_token.error().message.find("UnrecognizedClientException") != std::string::npos);
}

TEST_CASE("aws secrets manager: a wrong secret key or a tampered request is refused by the fake") {
  World world;
  auto wrong = world.get({"ASIADROP", "not-the-key", session_token, std::nullopt});
  REQUIRE(!wrong);
  CHECK(wrong.error().kind == PortErrorKind::invalid);
  CHECK(wrong.error().message.find("InvalidSignatureException") != std::string::npos);
  CHECK(wrong.error().message.find("HTTP 400") != std::string::npos);
  // AWS's message echoes the canonical request, token included: never copied into ours.
  CHECK(wrong.error().message.find(session_token) == std::string::npos);
  CHECK(wrong.error().message.find("Canonical") == std::string::npos);
  REQUIRE(world.get(long_term()));
  auto tampered = world.http.requests().back();
  tampered.body = std::string(R"({"SecretId":"arn:aws:secretsmanager:eu-north-1:1:secret:other"})");
  CHECK(world.fake.handle(tampered).body.find("InvalidSignatureException") != std::string::npos);
  auto other_region = world.config;
  other_region.region = "us-east-1";
  auto scoped = world.get(long_term(), other_region);
  REQUIRE(!scoped);
  CHECK(scoped.error().message.find("InvalidSignatureException") != std::string::npos);
}

TEST_CASE("aws secrets manager: every AWS error answer maps to a PortError") {
  World world;
  struct Case {
    unsigned status;
    std::string type;
    PortErrorKind kind;
  };
  const std::vector<Case> cases = {
      {400, "AccessDeniedException", PortErrorKind::invalid},
      {400, "ThrottlingException", PortErrorKind::unavailable},
      {500, "InternalServiceError", PortErrorKind::unavailable},
      {400, "DecryptionFailure", PortErrorKind::invalid},
      {400, "InvalidRequestException", PortErrorKind::invalid},
      {400, "ExpiredTokenException", PortErrorKind::invalid},
      {400, "SomethingNewException", PortErrorKind::invalid},
      {503, "SomethingNewException", PortErrorKind::unavailable},
  };
  for (const Case& each : cases) {
    CAPTURE(each.type, each.status);
    world.fake.fail_next(each.status, each.type);
    auto failed = world.get(long_term());
    REQUIRE(!failed);
    CHECK(failed.error().kind == each.kind);
    CHECK(failed.error().message.find(each.type) != std::string::npos);
    CHECK(failed.error().message.find("HTTP " + std::to_string(each.status)) != std::string::npos);
    CHECK(failed.error().message.find("Injected failure") == std::string::npos);
  }
  auto unknown_secret = world.config;
  unknown_secret.secret_id = "arn:aws:secretsmanager:eu-north-1:111122223333:secret:missing-1";
  auto not_found = world.get(long_term(), unknown_secret);
  REQUIRE(!not_found);
  CHECK(not_found.error().kind == PortErrorKind::invalid);
  CHECK(not_found.error().message ==
        "Secrets Manager: the secret does not exist (check AWS_SECRET_ARN and AWS_REGION) (HTTP "
        "400 ResourceNotFoundException)");
  auto unknown_key = world.get({"AKIDOTHER", "drop-secret-key", "", std::nullopt});
  REQUIRE(!unknown_key);
  CHECK(unknown_key.error().message.find("UnrecognizedClientException") != std::string::npos);
}

TEST_CASE("aws secrets manager: error types from a namespaced __type or only the header") {
  using drop::adapters::aws::secrets_manager_error;
  const auto namespaced = secrets_manager_error(
      {400,
       {},
       R"({"__type":"com.amazonaws.secretsmanager#ResourceNotFoundException","Message":"x"})"});
  CHECK(namespaced.message.find("(HTTP 400 ResourceNotFoundException)") != std::string::npos);
  const auto from_header = secrets_manager_error(
      {400, {{"X-Amzn-ErrorType", "ThrottlingException:http://internal.amazon.com/"}}, ""});
  CHECK(from_header.kind == PortErrorKind::unavailable);
  CHECK(from_header.message.find("ThrottlingException") != std::string::npos);
  const auto bare = secrets_manager_error({502, {}, "<html>bad gateway</html>"});
  CHECK(bare.kind == PortErrorKind::unavailable);
  CHECK(bare.message == "Secrets Manager: GetSecretValue failed (HTTP 502)");
}

TEST_CASE("aws secrets manager: transport failures and unexpected answers") {
  World world;
  StaticCredentialsProvider provider(long_term());
  aws_test::FailingHttpClient refused(drop::http_client::HttpErrorKind::connect);
  auto down = SecretsManagerClient(refused, provider, world.clock, world.config).get_secret_value();
  REQUIRE(!down);
  CHECK(down.error().kind == PortErrorKind::unavailable);
  aws_test::FailingHttpClient slow(drop::http_client::HttpErrorKind::timeout);
  auto late = SecretsManagerClient(slow, provider, world.clock, world.config).get_secret_value();
  REQUIRE(!late);
  CHECK(late.error().kind == PortErrorKind::timeout);
  drop_test::InProcessHttpClient binary([](const auto&) {
    return drop::http_client::HttpResponse{200, {}, R"({"ARN":"a","SecretBinary":"AAEC"})"};
  });
  auto no_string =
      SecretsManagerClient(binary, provider, world.clock, world.config).get_secret_value();
  REQUIRE(!no_string);
  CHECK(no_string.error().kind == PortErrorKind::corrupt);
}

TEST_CASE("aws secrets manager: endpoint and region from the environment") {
  auto from_arn = secrets_manager_config({{"AWS_SECRET_ARN", arn}});
  REQUIRE(from_arn);
  CHECK(from_arn->region == "eu-north-1");
  CHECK(from_arn->endpoint_url == "https://secretsmanager.eu-north-1.amazonaws.com");
  auto overridden =
      secrets_manager_config({{"AWS_SECRET_ARN", arn},
                              {"AWS_REGION", "eu-west-1"},
                              {"AWS_ENDPOINT_URL", "http://127.0.0.1:1"},
                              {"AWS_ENDPOINT_URL_SECRETS_MANAGER", "http://127.0.0.1:2"}});
  REQUIRE(overridden);
  CHECK(overridden->region == "eu-west-1");
  CHECK(overridden->endpoint_url == "http://127.0.0.1:2");
  auto general =
      secrets_manager_config({{"AWS_SECRET_ARN", arn}, {"AWS_ENDPOINT_URL", "http://127.0.0.1:1"}});
  REQUIRE(general);
  CHECK(general->endpoint_url == "http://127.0.0.1:1");
  auto china = secrets_manager_config(
      {{"AWS_SECRET_ARN", "arn:aws-cn:secretsmanager:cn-north-1:1:secret:x"}});
  REQUIRE(china);
  CHECK(china->endpoint_url == "https://secretsmanager.cn-north-1.amazonaws.com.cn");
  auto name_only = secrets_manager_config({{"AWS_SECRET_ARN", "drop/prod"}});
  REQUIRE(!name_only);
  CHECK(name_only.error().message.starts_with("AWS_REGION:"));
  auto bad_region = secrets_manager_config({{"AWS_SECRET_ARN", arn}, {"AWS_REGION", "eu/../x"}});
  REQUIRE(!bad_region);
  CHECK(bad_region.error().message.starts_with("AWS_REGION:"));
  auto bad_endpoint =
      secrets_manager_config({{"AWS_SECRET_ARN", arn}, {"AWS_ENDPOINT_URL", "ftp://x"}});
  REQUIRE(!bad_endpoint);
  CHECK(bad_endpoint.error().message.starts_with("AWS_ENDPOINT_URL:"));
  auto unset = secrets_manager_config({});
  REQUIRE(!unset);
  CHECK(unset.error().message.starts_with("AWS_SECRET_ARN:"));
}
