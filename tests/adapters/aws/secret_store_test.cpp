// The SecretStore adapters. parse_secret_settings reads a SecretString of settings and names a
// bad key without its value; EnvironmentSecretStore reads a lookup. CachingSecretStore, driven by
// a counting fetch and a fake clock: cached within the TTL, refreshed after it (jitter taken
// off), stale values kept when a refresh fails with the failure reported once per retry
// interval, no values before the first success, and one refresh at a time (another thread is
// served the cached values while a fetch is blocked). Finally the whole chain: container
// credentials -> signed GetSecretValue -> cache, against the fakes, picking up a rotation.
#include <catch2/catch.hpp>
#include <future>
#include <thread>

#include "aws_test_support.hpp"
#include "drop/adapters/aws/secret_stores.hpp"
#include "support/fakes/container_credentials_fake.hpp"
#include "support/fakes/secrets_manager_fake.hpp"

using drop::adapters::aws::CachingSecretStore;
using drop::adapters::aws::CachingSecretStoreOptions;
using drop::adapters::aws::SecretMap;
using drop::ports::PortError;
using drop::ports::PortErrorKind;

namespace {

// A fetch whose next answers a test sets; counts its calls.
struct ScriptedFetch {
  std::mutex mutex;
  int calls = 0;
  std::optional<SecretMap> next = SecretMap{{"JWT_SECRET", "first"}};
  CachingSecretStore::Fetch function() {
    return [this]() -> drop::Result<SecretMap, PortError> {
      std::lock_guard lock(mutex);
      ++calls;
      if (!next) return drop::Err{PortError{PortErrorKind::unavailable, "Secrets Manager: down"}};
      return *next;
    };
  }
};

std::string value_of(drop::ports::SecretStore& store, const char* name) {
  auto value = store.get(name);
  REQUIRE(value);
  return value->value_or("<absent>");
}

}  // namespace

TEST_CASE("aws secret store: a SecretString is a JSON object of string settings") {
  using drop::adapters::aws::parse_secret_settings;
  auto parsed = parse_secret_settings(R"({"JWT_SECRET":"a","DATABASE_URL":"postgres://x"})");
  REQUIRE(parsed);
  CHECK(parsed->size() == 2);
  CHECK(parsed->at("DATABASE_URL") == "postgres://x");
  auto number = parse_secret_settings(R"({"PORT":"1","DROP_ADMIN_TOKEN":12345678901234567})");
  REQUIRE(!number);
  CHECK(number.error().kind == PortErrorKind::corrupt);
  CHECK(number.error().message == "SecretString: the value of DROP_ADMIN_TOKEN is not a string");
  CHECK(!parse_secret_settings("hunter2"));
  CHECK(parse_secret_settings("hunter2").error().message.find("hunter2") == std::string::npos);
  CHECK(!parse_secret_settings(R"(["JWT_SECRET"])"));
}

TEST_CASE("aws secret store: the environment store reads its lookup and empty is absent") {
  drop::adapters::aws::EnvironmentSecretStore store(
      [](std::string_view name) -> std::optional<std::string> {
        if (name == "JWT_SECRET") return "from-env";
        if (name == "DROP_ADMIN_TOKEN") return "";
        return std::nullopt;
      });
  CHECK(value_of(store, "JWT_SECRET") == "from-env");
  CHECK(value_of(store, "DROP_ADMIN_TOKEN") == "<absent>");
  CHECK(value_of(store, "SLACK_WEBHOOK_URL") == "<absent>");
}

TEST_CASE(
    "aws secret store: cached for the TTL, refreshed after it, stale values kept on failure") {
  ScriptedFetch fetch;
  aws_test::FakeClock clock(aws_test::at("2026-11-30T12:00:00Z"));
  std::vector<std::string> alerts;
  CachingSecretStore store(
      fetch.function(), clock,
      {.ttl_s = 300,
       .on_refresh_failed = [&alerts](const PortError& error) { alerts.push_back(error.message); },
       .jitter = nullptr});
  REQUIRE(store.load());
  CHECK(value_of(store, "JWT_SECRET") == "first");
  CHECK(value_of(store, "SUMSUB_SECRET_KEY") == "<absent>");
  clock.advance_seconds(299);
  fetch.next = SecretMap{{"JWT_SECRET", "second"}};
  CHECK(value_of(store, "JWT_SECRET") == "first");
  CHECK(fetch.calls == 1);
  clock.advance_seconds(1);  // the TTL has passed
  CHECK(value_of(store, "JWT_SECRET") == "second");
  CHECK(fetch.calls == 2);
  clock.advance_seconds(300);
  fetch.next.reset();  // Secrets Manager is failing
  CHECK(value_of(store, "JWT_SECRET") == "second");
  CHECK(fetch.calls == 3);
  REQUIRE(alerts.size() == 1);
  CHECK(alerts[0] == "Secrets Manager: down");
  clock.advance_seconds(29);  // retried only after 30 s, not on every get
  CHECK(value_of(store, "JWT_SECRET") == "second");
  CHECK(fetch.calls == 3);
  clock.advance_seconds(1);
  CHECK(value_of(store, "JWT_SECRET") == "second");
  CHECK(fetch.calls == 4);
  CHECK(alerts.size() == 2);
  fetch.next = SecretMap{{"JWT_SECRET", "third"}};
  clock.advance_seconds(30);
  CHECK(value_of(store, "JWT_SECRET") == "third");
  CHECK(alerts.size() == 2);
}

TEST_CASE("aws secret store: no values before the first successful fetch") {
  ScriptedFetch fetch;
  fetch.next.reset();
  aws_test::FakeClock clock(aws_test::at("2026-11-30T12:00:00Z"));
  int alerts = 0;
  CachingSecretStore store(fetch.function(), clock,
                           {.ttl_s = 300,
                            .on_refresh_failed = [&alerts](const PortError&) { ++alerts; },
                            .jitter = nullptr});
  auto loaded = store.load();
  REQUIRE(!loaded);
  CHECK(loaded.error().kind == PortErrorKind::unavailable);
  auto value = store.get("JWT_SECRET");
  REQUIRE(!value);
  CHECK(value.error().message == "Secrets Manager: down");
  CHECK(alerts == 0);  // start-up failures stop the program instead
  fetch.next = SecretMap{{"JWT_SECRET", "late"}};
  CHECK(value_of(store, "JWT_SECRET") == "late");
}

TEST_CASE("aws secret store: jitter takes up to a tenth off the TTL") {
  ScriptedFetch fetch;
  aws_test::FakeClock clock(aws_test::at("2026-11-30T12:00:00Z"));
  aws_test::FixedEntropy entropy(0x01);  // 0x0101..01 % (30 s + 1 us) = 6.737659 s
  CachingSecretStore store(fetch.function(), clock,
                           {.ttl_s = 300, .on_refresh_failed = nullptr, .jitter = &entropy});
  REQUIRE(store.load());
  clock.advance_seconds(290);  // before 300 - 6.74
  CHECK(value_of(store, "JWT_SECRET") == "first");
  CHECK(fetch.calls == 1);
  clock.advance_seconds(4);  // 294 s: past 293.26
  CHECK(value_of(store, "JWT_SECRET") == "first");
  CHECK(fetch.calls == 2);
}

TEST_CASE("aws secret store: one refresh at a time while others get the cached values") {
  aws_test::FakeClock clock(aws_test::at("2026-11-30T12:00:00Z"));
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  std::promise<void> entered;
  std::atomic<int> calls = 0;
  CachingSecretStore store(
      [&]() -> drop::Result<SecretMap, PortError> {
        if (++calls == 2) {
          entered.set_value();
          released.wait();
          return SecretMap{{"JWT_SECRET", "refreshed"}};
        }
        return SecretMap{{"JWT_SECRET", "cached"}};
      },
      clock, {.ttl_s = 60, .on_refresh_failed = nullptr, .jitter = nullptr});
  REQUIRE(store.load());
  clock.advance_seconds(61);
  std::thread refresher([&] { CHECK(value_of(store, "JWT_SECRET") == "refreshed"); });
  entered.get_future().wait();  // the refresher is inside the fetch now
  CHECK(value_of(store, "JWT_SECRET") == "cached");
  CHECK(value_of(store, "JWT_SECRET") == "cached");
  release.set_value();
  refresher.join();
  CHECK(calls == 2);
  CHECK(value_of(store, "JWT_SECRET") == "refreshed");
}

TEST_CASE(
    "aws secret store: container credentials then signed GetSecretValue then cache and rotation") {
  const char* arn = "arn:aws:secretsmanager:eu-north-1:111122223333:secret:drop/prod-AbCdEf";
  aws_test::FakeClock clock(aws_test::at("2026-11-30T12:00:00Z"));
  drop_test::ContainerCredentialsFake credentials(
      "/v2/credentials/drop", "pod-token",
      {"ASIATASK", "task-secret", "task-session-token", aws_test::at("2026-11-30T18:00:00Z")});
  drop_test::SecretsManagerFake secrets("eu-north-1", "127.0.0.1:4566");
  secrets.add_key({"ASIATASK", "task-secret", "task-session-token"});
  secrets.put_secret({arn, "drop/prod", R"({"JWT_SECRET":"v1"})", "v1"});
  drop_test::InProcessHttpClient http(
      aws_test::route({{"/v2/credentials/", credentials.handler()}, {"/", secrets.handler()}}));
  std::vector<std::string> alerts;
  auto store = drop::adapters::aws::make_secrets_manager_store(
      {{"AWS_SECRET_ARN", arn},
       {"AWS_ENDPOINT_URL", "http://127.0.0.1:4566"},
       {"AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "/v2/credentials/drop"},
       {"AWS_CONTAINER_AUTHORIZATION_TOKEN", "pod-token"}},
      http, clock,
      {.ttl_s = 300,
       .on_refresh_failed = [&alerts](const PortError& error) { alerts.push_back(error.message); },
       .jitter = nullptr},
      "http://127.0.0.1:9");
  REQUIRE(store);
  REQUIRE((*store)->load());
  CHECK(value_of(**store, "JWT_SECRET") == "v1");
  secrets.put_secret({arn, "drop/prod", R"({"JWT_SECRET":"v2"})", "v2"});
  clock.advance_seconds(300);
  CHECK(value_of(**store, "JWT_SECRET") == "v2");
  secrets.fail_next(400, "ThrottlingException");
  clock.advance_seconds(300);
  CHECK(value_of(**store, "JWT_SECRET") == "v2");
  REQUIRE(alerts.size() == 1);
  CHECK(alerts[0].find("ThrottlingException") != std::string::npos);
  CHECK(credentials.served() == 1);
  CHECK(secrets.accepted() == 2);
}
