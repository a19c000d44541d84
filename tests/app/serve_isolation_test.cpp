// A provider that hangs does not slow payment endpoints: `drop serve` (4 worker threads) sends
// Sumsub's API to a fake on 127.0.0.1 that accepts connections and never answers. While several
// POST /api/kyc/token requests are stuck on it (the integrations may hold at most a quarter of
// the workers; the overflow fails fast with 503), a quote, the accounts list and a deposit all
// answer. The check is an ordering, not a timing: every payment call has its answer while at
// least one KYC call is still waiting for the silent provider (whose deadline is 10 s).
#include <rapidjson/document.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <csignal>
#include <thread>
#include <vector>

#include "serve_support.hpp"
#include "support/fake_http_server.hpp"

using namespace drop_test;

namespace {

const std::string admin_token = "admin-token-for-isolation-0123456789";

}  // namespace

TEST_CASE("isolation (serve): a provider that never answers does not hold up payments") {
  Misbehaviour silent;
  silent.silent = true;
  FakeHttpServer sumsub([](const drop::http_client::HttpRequest&) {
    return drop::http_client::HttpResponse{500, {}, ""};
  });
  sumsub.set_misbehaviour(silent);
  ServerProcess server({"JWT_SECRET=" + test_jwt_secret, "DROP_WORKER_THREADS=4",
                        "DROP_ADMIN_TOKEN=" + admin_token, "SUMSUB_BASE_URL=" + sumsub.base_url(),
                        "SUMSUB_APP_TOKEN=app-token", "SUMSUB_SECRET_KEY=secret-key",
                        "SUMSUB_LEVEL_NAME=basic-kyc-level"});
  INFO(server.err());
  REQUIRE(server.port() != 0);
  auto login = dev_login(server.port(), "Ola");
  REQUIRE(login.status == 200);
  const std::string token = json_string(login.body, "token");
  rapidjson::Document document;
  document.Parse(login.body.c_str());
  const std::string user_id = document["user"]["id"].GetString();
  const std::vector<std::pair<std::string, std::string>> auth = {
      {"Authorization", "Bearer " + token}, {"Content-Type", "application/json"}};

  constexpr int kyc_calls = 4;
  std::atomic<int> kyc_finished{0};
  std::atomic<int> kyc_overloaded{0};
  std::vector<std::thread> callers;
  for (int i = 0; i < kyc_calls; ++i) {
    callers.emplace_back([&] {
      auto response = http_request(server.port(), "POST", "/api/kyc/token", auth, "{}");
      if (response.status == 503) ++kyc_overloaded;
      ++kyc_finished;
    });
  }
  // Wait (bounded) until the provider holds a connection: a KYC call is stuck on it.
  for (int i = 0; i < 500 && sumsub.accepted_connections() == 0; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  REQUIRE(sumsub.accepted_connections() >= 1);

  const auto quote =
      http_request(server.port(), "POST", "/api/quotes", auth,
                   R"({"source_currency":"NOK","target_currency":"EUR","source_amount":10000})");
  const auto accounts = http_request(server.port(), "GET", "/api/accounts", auth);
  const auto deposit =
      http_request(server.port(), "POST", "/api/admin/deposits",
                   {{"Authorization", "Bearer " + admin_token},
                    {"Content-Type", "application/json"},
                    {"Idempotency-Key", "dep-isolation"}},
                   "{\"user_id\":\"" + user_id +
                       R"(","amount":{"amount":5000,"currency":"NOK"},"reference":"x"})");
  const int still_waiting = kyc_calls - kyc_finished.load();
  CHECK(quote.status == 201);
  CHECK(accounts.status == 200);
  CHECK(deposit.status == 201);
  CHECK(still_waiting >= 1);          // the payment calls did not wait for the provider
  CHECK(kyc_overloaded.load() >= 1);  // only one may wait on it with 4 workers: others fail fast
  server.signal(SIGKILL);             // the stuck KYC calls end with the connection
  server.wait();
  for (auto& caller : callers) caller.join();
}
