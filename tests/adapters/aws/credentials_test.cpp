// AWS credentials chain: the access key variables win; else the container credentials endpoint
// (relative URI under an injected loopback base URL, or a full URI) with its authorization
// token or token file, fetched through the in-process client from ContainerCredentialsFake.
// Refresh before expiry and stale-while-valid are driven by a fake clock. Misconfiguration is a
// clear error naming the variable, and no message ever holds a key, secret or token.
#include "drop/adapters/aws/credentials.hpp"

#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "aws_test_support.hpp"
#include "support/fakes/container_credentials_fake.hpp"

using drop::adapters::aws::AwsEnvironment;
using drop::adapters::aws::make_credentials_provider;
using drop::ports::PortErrorKind;

namespace {

const char* const base_url = "http://127.0.0.1:9";
const char* const role_path = "/v2/credentials/task-role";
const char* const authorization_token = "container-token-6d1f0a";

drop_test::ContainerCredentialsFake::Issued issued(const char* expiration, const char* key) {
  return {key, "container-secret-for-" + std::string(key), "session-token-" + std::string(key),
          aws_test::at(expiration)};
}

bool contains_no_secret(const std::string& message) {
  return message.find("container-secret") == std::string::npos &&
         message.find(authorization_token) == std::string::npos &&
         message.find("session-token") == std::string::npos;
}

}  // namespace

TEST_CASE("aws credentials: the access key variables come first with the session token") {
  drop_test::InProcessHttpClient http(
      [](const auto&) { return drop::http_client::HttpResponse{}; });
  aws_test::FakeClock clock(aws_test::at("2026-11-30T12:00:00Z"));
  const AwsEnvironment environment{{"AWS_ACCESS_KEY_ID", "AKIDENV"},
                                   {"AWS_SECRET_ACCESS_KEY", "env-secret"},
                                   {"AWS_SESSION_TOKEN", "env-token"},
                                   {"AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", role_path}};
  auto provider = make_credentials_provider(environment, http, clock, base_url);
  REQUIRE(provider);
  const auto credentials = (*provider)->credentials();
  REQUIRE(credentials);
  CHECK(credentials->access_key_id == "AKIDENV");
  CHECK(credentials->secret_access_key == "env-secret");
  CHECK(credentials->session_token == "env-token");
  CHECK(http.requests().empty());
}

TEST_CASE("aws credentials: none configured or half a pair is a clear error") {
  drop_test::InProcessHttpClient http(
      [](const auto&) { return drop::http_client::HttpResponse{}; });
  aws_test::FakeClock clock(aws_test::at("2026-11-30T12:00:00Z"));
  auto none = make_credentials_provider({{"AWS_ACCESS_KEY_ID", ""}}, http, clock, base_url);
  REQUIRE(!none);
  CHECK(none.error().kind == PortErrorKind::invalid);
  CHECK(none.error().message.starts_with("no AWS credentials"));
  auto half = make_credentials_provider({{"AWS_ACCESS_KEY_ID", "AKID"}}, http, clock, base_url);
  REQUIRE(!half);
  CHECK(half.error().message.starts_with("AWS_SECRET_ACCESS_KEY:"));
  auto other =
      make_credentials_provider({{"AWS_SECRET_ACCESS_KEY", "s3cr3t"}}, http, clock, base_url);
  REQUIRE(!other);
  CHECK(other.error().message.starts_with("AWS_ACCESS_KEY_ID:"));
  CHECK(other.error().message.find("s3cr3t") == std::string::npos);
  auto bad_uri = make_credentials_provider(
      {{"AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://203.0.113.5/creds"}}, http, clock, base_url);
  REQUIRE(!bad_uri);
  CHECK(bad_uri.error().message.starts_with("AWS_CONTAINER_CREDENTIALS_FULL_URI:"));
  auto bad_relative = make_credentials_provider(
      {{"AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "v2/creds"}}, http, clock, base_url);
  REQUIRE(!bad_relative);
  CHECK(bad_relative.error().message.starts_with("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI:"));
}

TEST_CASE("aws credentials: the container endpoint (relative URI and token) is parsed and cached") {
  drop_test::ContainerCredentialsFake fake(role_path, authorization_token,
                                           issued("2026-11-30T13:00:00Z", "ASIAONE"));
  drop_test::InProcessHttpClient http(fake.handler());
  aws_test::FakeClock clock(aws_test::at("2026-11-30T12:00:00Z"));
  auto provider =
      make_credentials_provider({{"AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", role_path},
                                 {"AWS_CONTAINER_AUTHORIZATION_TOKEN", authorization_token}},
                                http, clock, base_url);
  REQUIRE(provider);
  auto first = (*provider)->credentials();
  REQUIRE(first);
  CHECK(first->access_key_id == "ASIAONE");
  CHECK(first->secret_access_key == "container-secret-for-ASIAONE");
  CHECK(first->session_token == "session-token-ASIAONE");
  CHECK(first->expiration == aws_test::at("2026-11-30T13:00:00Z"));
  const auto requests = http.requests();
  REQUIRE(requests.size() == 1);
  CHECK(requests[0].url == role_path);
  const drop::http_client::HttpResponse as_headers{200, requests[0].headers, ""};
  CHECK(as_headers.header("Authorization") == std::string_view(authorization_token));
  clock.advance_seconds(30 * 60);  // 12:30, 30 minutes left: served from the cache
  REQUIRE((*provider)->credentials());
  CHECK(fake.served() == 1);
}

TEST_CASE(
    "aws credentials: refreshed before expiry and a failed early refresh keeps the valid ones") {
  drop_test::ContainerCredentialsFake fake(role_path, "",
                                           issued("2026-11-30T13:00:00Z", "ASIAONE"));
  drop_test::InProcessHttpClient http(fake.handler());
  aws_test::FakeClock clock(aws_test::at("2026-11-30T12:00:00Z"));
  auto provider = make_credentials_provider(
      {{"AWS_CONTAINER_CREDENTIALS_FULL_URI", std::string("http://127.0.0.1:9") + role_path}}, http,
      clock, base_url);
  REQUIRE(provider);
  REQUIRE((*provider)->credentials());
  fake.set_issued(issued("2026-11-30T14:00:00Z", "ASIATWO"));
  clock.advance_seconds(56 * 60);  // 12:56: within the 5-minute margin
  fake.fail_next(500);
  auto during_outage = (*provider)->credentials();
  REQUIRE(during_outage);
  CHECK(during_outage->access_key_id == "ASIAONE");  // still valid until 13:00
  auto refreshed = (*provider)->credentials();
  REQUIRE(refreshed);
  CHECK(refreshed->access_key_id == "ASIATWO");
  CHECK(fake.served() == 2);
  clock.advance_seconds(2 * 3600);  // 14:56 after expiry at 14:00, endpoint failing
  fake.fail_next(503);
  auto expired = (*provider)->credentials();
  REQUIRE(!expired);
  CHECK(expired.error().kind == PortErrorKind::unavailable);
  CHECK(expired.error().message.find("HTTP 503") != std::string::npos);
}

TEST_CASE("aws credentials: the token file is read on every fetch and a refused token is invalid") {
  const auto file =
      std::filesystem::temp_directory_path() / ("drop_aws_token_" + std::to_string(::getpid()));
  std::ofstream(file) << "stale-token\n";
  drop_test::ContainerCredentialsFake fake(role_path, authorization_token,
                                           issued("2026-11-30T13:00:00Z", "ASIAONE"));
  drop_test::InProcessHttpClient http(fake.handler());
  aws_test::FakeClock clock(aws_test::at("2026-11-30T12:00:00Z"));
  auto provider = make_credentials_provider(
      {{"AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", role_path},
       {"AWS_CONTAINER_AUTHORIZATION_TOKEN", "ignored-when-a-file-is-set"},
       {"AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE", file.string()}},
      http, clock, base_url);
  REQUIRE(provider);
  auto refused = (*provider)->credentials();
  REQUIRE(!refused);
  CHECK(refused.error().kind == PortErrorKind::invalid);
  CHECK(refused.error().message.find("HTTP 401") != std::string::npos);
  CHECK(refused.error().message.find("stale-token") == std::string::npos);
  std::ofstream(file) << authorization_token << "\n";  // the agent rotated the file
  auto accepted = (*provider)->credentials();
  REQUIRE(accepted);
  CHECK(accepted->access_key_id == "ASIAONE");
  std::filesystem::remove(file);
  clock.advance_seconds(3600);
  auto missing = (*provider)->credentials();
  REQUIRE(!missing);
  CHECK(missing.error().message.starts_with("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE:"));
}

TEST_CASE("aws credentials: malformed answers and transport failures are errors without secrets") {
  aws_test::FakeClock clock(aws_test::at("2026-11-30T12:00:00Z"));
  const AwsEnvironment environment{{"AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", role_path}};
  drop_test::InProcessHttpClient partial([](const auto&) {
    return drop::http_client::HttpResponse{
        200, {}, R"({"AccessKeyId":"ASIA","SecretAccessKey":"container-secret-x"})"};
  });
  auto missing_fields =
      (*make_credentials_provider(environment, partial, clock, base_url))->credentials();
  REQUIRE(!missing_fields);
  CHECK(missing_fields.error().kind == PortErrorKind::corrupt);
  CHECK(contains_no_secret(missing_fields.error().message));
  drop_test::InProcessHttpClient not_json([](const auto&) {
    return drop::http_client::HttpResponse{200, {}, "<html>"};
  });
  auto garbage =
      (*make_credentials_provider(environment, not_json, clock, base_url))->credentials();
  REQUIRE(!garbage);
  CHECK(garbage.error().kind == PortErrorKind::corrupt);
  aws_test::FailingHttpClient timeout(drop::http_client::HttpErrorKind::timeout);
  auto slow = (*make_credentials_provider(environment, timeout, clock, base_url))->credentials();
  REQUIRE(!slow);
  CHECK(slow.error().kind == PortErrorKind::timeout);
  CHECK(slow.error().message.starts_with("container credentials endpoint:"));
}
