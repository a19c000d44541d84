// Two `drop serve` processes on one PostgreSQL database, as two instances behind a load
// balancer: the same Idempotency-Key sent to both at once creates exactly one transfer (one 201,
// the other a replay or 409 idempotency_in_progress, and a later retry replays the original),
// and the auth rate limit (10/min/IP) is shared: together they admit exactly ten sign-ins.
#include <catch2/catch.hpp>
#include <thread>

#include "money_support.hpp"
#include "support/postgres.hpp"

using namespace drop_test;

TEST_CASE(
    "two instances on one PostgreSQL: one Idempotency-Key makes one transfer and the auth limit is "
    "shared") {
  TestDatabase database;
  ServerProcess first(money_environment({"DATABASE_URL=" + database.url()}));
  ServerProcess second(money_environment({"DATABASE_URL=" + database.url()}));
  INFO(first.err() << second.err());
  REQUIRE(first.port() != 0);
  REQUIRE(second.port() != 0);
  MoneyApi a(first.port()), b(second.port());

  const Session kari = a.login("Kari Nordmann");  // auth request 1 of 10
  REQUIRE(!kari.token.empty());
  REQUIRE(b.call("GET", "/api/me", kari).status == 200);  // the token works on both instances
  REQUIRE(a.deposit(kari.user_id, 200'000, "deposit-two-instances").status == 201);
  const std::string quote_id = a.quote(kari, 50'000);
  REQUIRE(!quote_id.empty());

  HttpResponse from_a, from_b;
  std::thread ta([&] { from_a = a.transfer(kari, quote_id, good_iban, "same-key-both"); });
  std::thread tb([&] { from_b = b.transfer(kari, quote_id, good_iban, "same-key-both"); });
  ta.join();
  tb.join();
  INFO(from_a.status << " " << from_a.body << " | " << from_b.status << " " << from_b.body);
  const int created = (from_a.status == 201 ? 1 : 0) + (from_b.status == 201 ? 1 : 0);
  const int in_progress = (from_a.status == 409 ? 1 : 0) + (from_b.status == 409 ? 1 : 0);
  CHECK(created + in_progress == 2);
  CHECK(created >= 1);
  auto listed = a.call("GET", "/api/transfers", kari);
  CHECK(JsonBody(listed.body).size("/data") == 1);
  const std::string transfer_id = JsonBody(listed.body).text("/data/0/id");
  // A later retry on either instance replays the one transfer.
  auto retry = b.transfer(kari, quote_id, good_iban, "same-key-both");
  CHECK(retry.status == 201);
  CHECK(JsonBody(retry.body).text("/id") == transfer_id);
  CHECK(retry.header("Idempotent-Replayed").value_or("") == "true");
  CHECK(a.settled_status(kari, transfer_id) == "completed");
  CHECK(a.ledger_ok());

  // Nine more sign-ins are admitted across the two instances, then both refuse.
  int admitted = 0, limited = 0;
  for (int i = 0; i < 12; ++i) {
    auto response = http_request(i % 2 == 0 ? second.port() : first.port(), "POST",
                                 "/api/auth/dev-login", {{"Content-Type", "application/json"}},
                                 "{\"name\":\"user " + std::to_string(i) + "\"}");
    if (response.status == 200) ++admitted;
    if (response.status == 429) ++limited;
  }
  CHECK(admitted == 9);
  CHECK(limited == 3);
}
