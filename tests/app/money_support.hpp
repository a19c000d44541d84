// Helpers for the money tests that drive the real `drop serve` over HTTP: sign in (development),
// admin deposits, quotes, transfers, balances, ledger verify; JSON read by RFC 6901 pointer.
#pragma once

#include <rapidjson/document.h>
#include <rapidjson/pointer.h>

#include <chrono>
#include <string>
#include <thread>

#include "serve_support.hpp"

namespace drop_test {

inline const std::string test_admin_token = "admin-token-for-tests-0123456789abcdef";
inline const std::string good_iban = "DE89370400440532013000";
inline const std::string failing_iban = "DE94370400440532010000";  // ends 0000: the rail fails

struct JsonBody {
  rapidjson::Document document;
  explicit JsonBody(const std::string& body) { document.Parse(body.c_str()); }
  std::string text(const char* pointer) const {
    const auto* value = rapidjson::Pointer(pointer).Get(document);
    return value != nullptr && value->IsString() ? value->GetString() : "";
  }
  std::int64_t integer(const char* pointer) const {
    const auto* value = rapidjson::Pointer(pointer).Get(document);
    return value != nullptr && value->IsInt64() ? value->GetInt64() : -1;
  }
  std::size_t size(const char* pointer) const {
    const auto* value = rapidjson::Pointer(pointer).Get(document);
    return value != nullptr && value->IsArray() ? value->Size() : 0;
  }
};

struct Session {
  std::string token;
  std::string user_id;
};

class MoneyApi {
 public:
  explicit MoneyApi(std::uint16_t port) : port_(port) {}

  HttpResponse call(std::string_view method, std::string_view target, const Session& session,
                    std::string_view body = {}, std::string key = {}) const {
    std::vector<std::pair<std::string, std::string>> headers = {
        {"Authorization", "Bearer " + session.token}};
    if (!body.empty()) headers.push_back({"Content-Type", "application/json"});
    if (!key.empty()) headers.push_back({"Idempotency-Key", key});
    return http_request(port_, method, target, headers, body);
  }

  Session login(const std::string& name, const std::string& kyc = "approved") const {
    auto response =
        http_request(port_, "POST", "/api/auth/dev-login", {{"Content-Type", "application/json"}},
                     "{\"name\":\"" + name + "\",\"kyc_status\":\"" + kyc + "\"}");
    JsonBody json(response.body);
    return {json.text("/token"), json.text("/user/id")};
  }

  HttpResponse deposit(const std::string& user_id, std::int64_t amount,
                       const std::string& key) const {
    return http_request(port_, "POST", "/api/admin/deposits",
                        {{"Authorization", "Bearer " + test_admin_token},
                         {"Content-Type", "application/json"},
                         {"Idempotency-Key", key}},
                        "{\"user_id\":\"" + user_id +
                            "\",\"amount\":{\"amount\":" + std::to_string(amount) +
                            ",\"currency\":\"NOK\"},\"reference\":\"test deposit\"}");
  }

  std::string quote(const Session& session, std::int64_t source_amount,
                    const std::string& target = "EUR") const {
    auto response = call("POST", "/api/quotes", session,
                         "{\"source_currency\":\"NOK\",\"target_currency\":\"" + target +
                             "\",\"source_amount\":" + std::to_string(source_amount) + "}");
    return JsonBody(response.body).text("/id");
  }

  static std::string transfer_body(const std::string& quote_id, const std::string& iban) {
    return "{\"quote_id\":\"" + quote_id +
           "\",\"recipient\":{\"name\":\"Hans Muster\",\"iban\":\"" + iban +
           "\",\"country\":\"DE\"},\"reference\":\"rent\"}";
  }

  HttpResponse transfer(const Session& session, const std::string& quote_id,
                        const std::string& iban, const std::string& key) const {
    return call("POST", "/api/transfers", session, transfer_body(quote_id, iban), key);
  }

  std::int64_t balance(const Session& session) const {
    return JsonBody(call("GET", "/api/accounts", session).body).integer("/data/0/balance/amount");
  }

  // Polls GET /api/transfers/{id} until it settles: "completed" or "refunded" ("failed" is the
  // moment between a refused payout and its refund), at most ~10 s.
  std::string settled_status(const Session& session, const std::string& id) const {
    std::string status;
    for (int i = 0; i < 200; ++i) {
      status = JsonBody(call("GET", "/api/transfers/" + id, session).body).text("/status");
      if (status != "processing" && status != "failed") break;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return status;
  }

  bool ledger_ok() const {
    auto response = http_request(port_, "GET", "/api/admin/ledger/verify",
                                 {{"Authorization", "Bearer " + test_admin_token}});
    return response.status == 200 && response.body.find("\"ok\":true") != std::string::npos;
  }

 private:
  std::uint16_t port_;
};

inline std::vector<std::string> money_environment(std::vector<std::string> extra = {}) {
  std::vector<std::string> environment = {"JWT_SECRET=" + test_jwt_secret,
                                          "DROP_ADMIN_TOKEN=" + test_admin_token,
                                          "DROP_SANDBOX_PAYOUT_DELAY_MS=50"};
  for (auto& entry : extra) environment.push_back(std::move(entry));
  return environment;
}

}  // namespace drop_test

#include <catch2/catch.hpp>

namespace drop_test {

// The whole money journey on a running server: deposit, quote, transfer paid out, transfer
// failed and refunded, balances and entries (paged), a QR request decoded and paid by a second
// user, ledger verify after each step.
inline void run_money_journey(std::uint16_t port) {
  MoneyApi api(port);
  const Session ola = api.login("Ola Nordmann");
  REQUIRE(!ola.token.empty());
  // The wallet opens on first access, empty.
  auto accounts = api.call("GET", "/api/accounts", ola);
  REQUIRE(accounts.status == 200);
  JsonBody accounts_json(accounts.body);
  const std::string account_id = accounts_json.text("/data/0/id");
  CHECK(account_id.starts_with("acc_"));
  CHECK(accounts_json.text("/data/0/kind") == "wallet");
  CHECK(accounts_json.text("/data/0/currency") == "NOK");
  CHECK(api.balance(ola) == 0);

  auto deposit = api.deposit(ola.user_id, 100000, "dep-1");
  REQUIRE(deposit.status == 201);
  CHECK(JsonBody(deposit.body).text("/account_id") == account_id);
  CHECK(api.balance(ola) == 100000);
  CHECK(api.ledger_ok());

  // Quote 500.00 NOK -> EUR, then send it.
  auto quote =
      api.call("POST", "/api/quotes", ola,
               R"({"source_currency":"NOK","target_currency":"EUR","source_amount":50000})");
  REQUIRE(quote.status == 201);
  JsonBody quote_json(quote.body);
  const std::string quote_id = quote_json.text("/id");
  CHECK(quote_json.text("/status") == "open");
  CHECK(quote_json.integer("/source/amount") == 50000);
  const std::int64_t delivered = quote_json.integer("/target/amount");
  CHECK(delivered > 0);
  CHECK(api.call("GET", "/api/quotes/" + quote_id, ola).status == 200);

  auto sent = api.transfer(ola, quote_id, good_iban, "trf-1");
  REQUIRE(sent.status == 201);
  JsonBody sent_json(sent.body);
  const std::string transfer_id = sent_json.text("/id");
  CHECK(sent_json.text("/status") == "processing");
  CHECK(sent_json.integer("/debited/amount") == 50000);
  CHECK(sent_json.integer("/delivered/amount") == delivered);
  CHECK(sent_json.text("/delivered/currency") == "EUR");
  CHECK(api.balance(ola) == 50000);
  CHECK(api.settled_status(ola, transfer_id) == "completed");
  CHECK(api.call("GET", "/api/quotes/" + quote_id, ola).body.find("\"status\":\"used\"") !=
        std::string::npos);
  CHECK(api.ledger_ok());

  // To an IBAN ending 0000 the sandbox rail fails: refunded through a new chain.
  const std::string second_quote = api.quote(ola, 20000);
  auto failing = api.transfer(ola, second_quote, failing_iban, "trf-2");
  REQUIRE(failing.status == 201);
  CHECK(api.balance(ola) == 30000);
  CHECK(api.settled_status(ola, JsonBody(failing.body).text("/id")) == "refunded");
  CHECK(api.balance(ola) == 50000);
  CHECK(api.ledger_ok());

  auto list = api.call("GET", "/api/transfers?limit=1", ola);
  REQUIRE(list.status == 200);
  JsonBody list_json(list.body);
  CHECK(list_json.size("/data") == 1);
  const std::string cursor = list_json.text("/next_cursor");
  REQUIRE(!cursor.empty());
  auto rest = api.call("GET", "/api/transfers?limit=10&cursor=" + cursor, ola);
  CHECK(JsonBody(rest.body).size("/data") == 1);
  CHECK(JsonBody(rest.body).text("/data/0/id") == transfer_id);

  // The statement: deposit, two debits (+ the refund credit), newest first.
  auto entries = api.call("GET", "/api/accounts/" + account_id + "/entries?limit=100", ola);
  REQUIRE(entries.status == 200);
  JsonBody entries_json(entries.body);
  CHECK(entries_json.size("/data") == 4);
  CHECK(entries_json.text("/data/0/code") == "refund");
  CHECK(entries_json.integer("/data/0/balance_after/amount") == 50000);
  CHECK(entries_json.text("/data/3/code") == "deposit");
  CHECK(entries_json.text("/data/3/direction") == "credit");

  // Entries page by page: 2 + 2, the cursor links them.
  auto page_one = api.call("GET", "/api/accounts/" + account_id + "/entries?limit=2", ola);
  JsonBody page_one_json(page_one.body);
  CHECK(page_one_json.size("/data") == 2);
  const std::string entry_cursor = page_one_json.text("/next_cursor");
  REQUIRE(!entry_cursor.empty());
  auto page_two = api.call(
      "GET", "/api/accounts/" + account_id + "/entries?limit=2&cursor=" + entry_cursor, ola);
  CHECK(JsonBody(page_two.body).size("/data") == 2);
  CHECK(JsonBody(page_two.body).text("/data/1/code") == "deposit");

  // A second user pays Ola's QR request: decode, then pay wallet to wallet.
  const Session kari = api.login("Kari Nordmann");
  REQUIRE(api.deposit(kari.user_id, 9000, "dep-kari").status == 201);
  auto request = api.call("POST", "/api/qr", ola, R"({"amount":1250,"currency":"NOK"})");
  REQUIRE(request.status == 201);
  const std::string payload = JsonBody(request.body).text("/payload");
  auto decoded =
      http_request(port, "POST", "/api/qr/decode", {{"Content-Type", "application/json"}},
                   "{\"payload\":\"" + payload + "\"}");
  CHECK(decoded.status == 200);
  CHECK(decoded.body.find("\"payable\":true") != std::string::npos);
  auto paid = api.call("POST", "/api/qr/pay", kari, "{\"payload\":\"" + payload + "\"}", "qr-1");
  REQUIRE(paid.status == 201);
  CHECK(JsonBody(paid.body).text("/status") == "completed");
  CHECK(api.balance(kari) == 7750);
  CHECK(api.balance(ola) == 51250);
  CHECK(api.ledger_ok());

  auto verify = http_request(port, "GET", "/api/admin/ledger/verify",
                             {{"Authorization", "Bearer " + test_admin_token}});
  CHECK(verify.body.find("\"NOK\":{") != std::string::npos);
  CHECK(verify.body.find("\"EUR\":{") != std::string::npos);
}

// Many transfers at once from one wallet that can afford only some: exactly those succeed, the
// rest are insufficient_funds, the balance ends at exactly 0 and the ledger verifies.
inline void run_parallel_transfers(std::uint16_t port) {
  MoneyApi api(port);
  const Session kari = api.login("Kari");
  constexpr int attempts = 16;
  constexpr int affordable = 6;
  REQUIRE(api.deposit(kari.user_id, affordable * 1000, "dep").status == 201);
  std::vector<std::string> quotes;
  for (int i = 0; i < attempts; ++i) quotes.push_back(api.quote(kari, 1000));
  std::vector<HttpResponse> responses(attempts);
  std::vector<std::thread> threads;
  for (int i = 0; i < attempts; ++i) {
    threads.emplace_back([&, i] {
      responses[i] = api.transfer(kari, quotes[i], good_iban, "par-" + std::to_string(i));
    });
  }
  for (auto& thread : threads) thread.join();
  int created = 0;
  int refused = 0;
  for (const auto& response : responses) {
    if (response.status == 201) ++created;
    if (response.status == 422 && json_string(response.body, "code") == "insufficient_funds") {
      ++refused;
    }
  }
  CHECK(created == affordable);
  CHECK(refused == attempts - affordable);
  CHECK(api.balance(kari) == 0);
  CHECK(api.ledger_ok());
}

}  // namespace drop_test
