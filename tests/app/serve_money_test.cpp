// `drop serve` on SQLite driven over HTTP through the money endpoints: the whole journey
// (deposit, quote, transfer paid out by the sandbox rail, one failed and refunded), the error
// codes (kyc_required, insufficient_funds, quote_expired, quote_used, validation_failed,
// unsupported_currency, not_found across users, idempotent replay and a reused key), parallel
// transfers from one wallet that can afford only some, restart recovery of processing
// transfers, and rates. The ledger verifies after each test.
#include <catch2/catch.hpp>
#include <filesystem>
#include <thread>

#include "money_support.hpp"
#include "support/program.hpp"

using namespace drop_test;

TEST_CASE("money (SQLite): deposit then quote then transfers completed and refunded") {
  ServerProcess server(money_environment());
  INFO(server.err());
  REQUIRE(server.port() != 0);
  run_money_journey(server.port());
  // The refund's alert: one JSON line on stdout (log-only notifier), written asynchronously.
  std::string out = server.out();
  for (int i = 0; i < 100 && out.find("\"alert\":\"payout_failed\"") == std::string::npos; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    out = server.out();
  }
  CHECK(out.find("\"alert\":\"payout_failed\"") != std::string::npos);
}

TEST_CASE("money (SQLite): error codes") {
  ServerProcess server(money_environment());
  INFO(server.err());
  REQUIRE(server.port() != 0);
  MoneyApi api(server.port());
  const Session kari = api.login("Kari", "approved");
  const Session per = api.login("Per", "pending");
  REQUIRE(api.deposit(kari.user_id, 10000, "dep-k").status == 201);
  const auto code = [](const HttpResponse& response) { return json_string(response.body, "code"); };

  // KYC not approved.
  auto kyc = api.transfer(per, api.quote(per, 1000), good_iban, "k1");
  CHECK(kyc.status == 403);
  CHECK(code(kyc) == "kyc_required");
  // Validation: both amounts, a bad IBAN, a bad currency.
  auto both = api.call(
      "POST", "/api/quotes", kari,
      R"({"source_currency":"NOK","target_currency":"EUR","source_amount":1,"target_amount":1})");
  CHECK(both.status == 422);
  CHECK(code(both) == "validation_failed");
  CHECK(both.body.find("\"errors\":[") != std::string::npos);
  auto unsupported =
      api.call("POST", "/api/quotes", kari,
               R"({"source_currency":"NOK","target_currency":"XYZ","source_amount":100})");
  CHECK(code(unsupported) == "unsupported_currency");
  auto bad_iban = api.transfer(kari, api.quote(kari, 1000), "DE00370400440532013000", "v1");
  CHECK(bad_iban.status == 422);
  CHECK(code(bad_iban) == "validation_failed");
  CHECK(bad_iban.body.find("recipient.iban") != std::string::npos);
  // Funds.
  auto poor = api.transfer(kari, api.quote(kari, 20000), good_iban, "f1");
  CHECK(poor.status == 422);
  CHECK(code(poor) == "insufficient_funds");
  CHECK(api.balance(kari) == 10000);

  // Idempotency: same key and body -> the same response, replayed; changed body -> 422.
  const std::string quote_id = api.quote(kari, 4000);
  auto first = api.transfer(kari, quote_id, good_iban, "same-key");
  REQUIRE(first.status == 201);
  auto replay = api.transfer(kari, quote_id, good_iban, "same-key");
  CHECK(replay.status == 201);
  CHECK(replay.body == first.body);
  CHECK(replay.header("Idempotent-Replayed") == "true");
  auto changed = api.transfer(kari, quote_id, failing_iban, "same-key");
  CHECK(changed.status == 422);
  CHECK(code(changed) == "idempotency_key_reused");
  CHECK(api.balance(kari) == 6000);
  // A new key on a used quote.
  auto used = api.transfer(kari, quote_id, good_iban, "other-key");
  CHECK(used.status == 409);
  CHECK(code(used) == "quote_used");
  // Missing Idempotency-Key.
  CHECK(api.call("POST", "/api/transfers", kari, MoneyApi::transfer_body(quote_id, good_iban))
            .status == 400);

  // Someone else's quote, transfer and account are not found.
  const std::string transfer_id = JsonBody(first.body).text("/id");
  const std::string account_id =
      JsonBody(api.call("GET", "/api/accounts", kari).body).text("/data/0/id");
  CHECK(code(api.call("GET", "/api/quotes/" + quote_id, per)) == "not_found");
  CHECK(code(api.call("GET", "/api/transfers/" + transfer_id, per)) == "not_found");
  CHECK(code(api.call("GET", "/api/accounts/" + account_id + "/entries", per)) == "not_found");
  auto others = api.transfer(per, quote_id, good_iban, "p2");
  CHECK(others.status == 403);  // KYC comes first
  // Admin routes refuse users.
  CHECK(http_request(server.port(), "GET", "/api/admin/ledger/verify",
                     {{"Authorization", "Bearer " + kari.token}})
            .status == 401);
  CHECK(api.settled_status(kari, transfer_id) == "completed");
  CHECK(api.ledger_ok());
}

TEST_CASE("money (SQLite): an expired quote is refused") {
  ServerProcess server(money_environment({"DROP_QUOTE_TTL_S=1"}));
  INFO(server.err());
  REQUIRE(server.port() != 0);
  MoneyApi api(server.port());
  const Session kari = api.login("Kari");
  REQUIRE(api.deposit(kari.user_id, 10000, "dep").status == 201);
  const std::string quote_id = api.quote(kari, 1000);
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  auto expired = api.transfer(kari, quote_id, good_iban, "late");
  CHECK(expired.status == 422);
  CHECK(json_string(expired.body, "code") == "quote_expired");
  CHECK(api.balance(kari) == 10000);
  CHECK(api.ledger_ok());
}

TEST_CASE("money (SQLite): parallel transfers from one wallet that affords only some") {
  ServerProcess server(money_environment({"DROP_WORKER_THREADS=8"}));
  INFO(server.err());
  REQUIRE(server.port() != 0);
  run_parallel_transfers(server.port());
  auto metrics = http_request(server.port(), "GET", "/metrics");
  CHECK(metrics.body.find("drop_ledger_largest_batch ") != std::string::npos);
}

TEST_CASE("money (SQLite): a restart picks up transfers still processing") {
  const auto directory =
      std::filesystem::temp_directory_path() / ("drop-money-restart-" + std::to_string(::getpid()));
  std::filesystem::remove_all(directory);
  std::filesystem::create_directories(directory);
  const std::string database = "DATABASE_URL=sqlite:" + (directory / "drop.db").string();
  std::string transfer_id;
  Session kari;
  {
    // A payout delay far beyond the test: the transfer stays processing when the server stops.
    ServerProcess server(money_environment({database, "DROP_SANDBOX_PAYOUT_DELAY_MS=600000"}));
    INFO(server.err());
    REQUIRE(server.port() != 0);
    MoneyApi api(server.port());
    kari = api.login("Kari");
    REQUIRE(api.deposit(kari.user_id, 5000, "dep").status == 201);
    auto sent = api.transfer(kari, api.quote(kari, 5000), failing_iban, "t");
    REQUIRE(sent.status == 201);
    transfer_id = JsonBody(sent.body).text("/id");
    server.signal(SIGTERM);
    CHECK(server.wait() == 0);
  }
  ServerProcess server(money_environment({database}));
  INFO(server.err());
  REQUIRE(server.port() != 0);
  MoneyApi api(server.port());
  kari = api.login("Kari");  // JWT_SECRET is fixed, but sign in again for a fresh token
  CHECK(api.settled_status(kari, transfer_id) == "refunded");
  CHECK(api.balance(kari) == 5000);
  CHECK(api.ledger_ok());
  std::error_code ignored;
  std::filesystem::remove_all(directory, ignored);
}

TEST_CASE("money (SQLite): outside development stale rates are refused with 503") {
  const auto directory =
      std::filesystem::temp_directory_path() / ("drop-money-stale-" + std::to_string(::getpid()));
  std::filesystem::create_directories(directory);
  const std::string database = "DATABASE_URL=sqlite:" + (directory / "drop.db").string();
  REQUIRE(run_program({"migrate"}, "", {database}).exit_code == 0);
  // The shipped snapshot is dated 2026-11-27: older than one day from now on.
  ServerProcess server(
      money_environment({database, "DROP_ENV=staging", "DROP_RATES_MAX_AGE_DAYS=1"}));
  INFO(server.err());
  REQUIRE(server.port() != 0);
  auto rates = http_request(server.port(), "GET", "/api/rates?base=NOK");
  CHECK(rates.status == 503);
  CHECK(json_string(rates.body, "code") == "unavailable");
  std::error_code ignored;
  std::filesystem::remove_all(directory, ignored);
}

TEST_CASE("money (SQLite): rates") {
  ServerProcess server(money_environment());
  REQUIRE(server.port() != 0);
  auto rates = http_request(server.port(), "GET", "/api/rates?base=NOK");
  REQUIRE(rates.status == 200);
  JsonBody json(rates.body);
  CHECK(json.text("/base") == "NOK");
  CHECK(json.text("/source") == "ECB");
  CHECK(!json.text("/as_of").empty());
  CHECK(!json.text("/rates/EUR").empty());
  CHECK(rates.header("RateLimit-Limit") == "120");
  auto unknown = http_request(server.port(), "GET", "/api/rates?base=XYZ");
  CHECK(unknown.status == 422);
}

TEST_CASE("money (SQLite): QR request then decode then pay with invalid and unsupported codes") {
  ServerProcess server(money_environment());
  INFO(server.err());
  REQUIRE(server.port() != 0);
  MoneyApi api(server.port());
  const Session shop = api.login("Kafe Oslo");
  const Session payer = api.login("Ola");
  REQUIRE(api.deposit(payer.user_id, 10000, "dep").status == 201);
  const auto code = [](const HttpResponse& response) { return json_string(response.body, "code"); };
  const auto pay_body = [](const std::string& payload, const std::string& amount = "") {
    return "{\"payload\":\"" + payload + "\"" + (amount.empty() ? "" : ",\"amount\":" + amount) +
           "}";
  };

  // A dynamic request (NOK 25.00) and a static one.
  auto dynamic =
      api.call("POST", "/api/qr", shop, R"({"amount":2500,"currency":"NOK","reference":"coffee"})");
  REQUIRE(dynamic.status == 201);
  JsonBody dynamic_json(dynamic.body);
  const std::string payload = dynamic_json.text("/payload");
  CHECK(dynamic_json.integer("/amount/amount") == 2500);
  CHECK(!dynamic_json.text("/expires_at").empty());
  auto svg = http_request(server.port(), "GET", dynamic_json.text("/svg_url"));
  CHECK(svg.status == 200);
  CHECK(svg.header("Content-Type") == "image/svg+xml");
  CHECK(svg.body.find("<svg") != std::string::npos);
  auto decoded = http_request(server.port(), "POST", "/api/qr/decode",
                              {{"Content-Type", "application/json"}}, pay_body(payload));
  REQUIRE(decoded.status == 200);
  CHECK(decoded.body.find("\"payable\":true") != std::string::npos);
  CHECK(decoded.body.find("\"format\":\"emv-mpm\"") != std::string::npos);

  // Pay the dynamic code (no amount allowed), then the static one with an amount.
  CHECK(code(api.call("POST", "/api/qr/pay", payer, pay_body(payload, "100"), "q0")) ==
        "validation_failed");
  auto paid = api.call("POST", "/api/qr/pay", payer, pay_body(payload), "q1");
  REQUIRE(paid.status == 201);
  JsonBody paid_json(paid.body);
  CHECK(paid_json.text("/status") == "completed");
  CHECK(paid_json.integer("/amount/amount") == 2500);
  CHECK(paid_json.text("/payee/id") == shop.user_id);
  CHECK(paid_json.text("/reference") == "coffee");
  auto still = api.call("POST", "/api/qr", shop, R"({"currency":"NOK"})");
  REQUIRE(still.status == 201);
  const std::string static_payload = JsonBody(still.body).text("/payload");
  CHECK(code(api.call("POST", "/api/qr/pay", payer, pay_body(static_payload), "q2")) ==
        "validation_failed");
  CHECK(api.call("POST", "/api/qr/pay", payer, pay_body(static_payload, "1500"), "q3").status ==
        201);
  CHECK(code(api.call("POST", "/api/qr/pay", payer, pay_body(static_payload, "999999"), "q4")) ==
        "insufficient_funds");
  CHECK(api.balance(payer) == 6000);
  CHECK(api.balance(shop) == 4000);

  // Codes that are not Drop codes, or not codes at all.
  const std::string epc =
      "BCD\\n002\\n1\\nSCT\\nCOBADEFFXXX\\nHans Muster\\nDE89370400440532013000\\nEUR12.5";
  CHECK(code(api.call("POST", "/api/qr/pay", payer, pay_body(epc), "q5")) == "unsupported_qr");
  auto invalid = http_request(server.port(), "POST", "/api/qr/decode",
                              {{"Content-Type", "application/json"}}, pay_body("000201garbage"));
  CHECK(invalid.status == 422);
  CHECK(code(invalid) == "invalid_qr");
  CHECK(json_string(invalid.body, "detail").find("offset") != std::string::npos);
  CHECK(code(api.call("POST", "/api/qr/pay", payer, pay_body("000201garbage"), "q6")) ==
        "invalid_qr");
  const Session pending = api.login("Per", "pending");
  CHECK(code(api.call("POST", "/api/qr/pay", pending, pay_body(static_payload, "100"), "q7")) ==
        "kyc_required");
  CHECK(api.ledger_ok());
}
