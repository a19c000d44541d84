// `drop serve` with DROP_RATES_SOURCE=http://127.0.0.1:<fake>/eurofxref.xml and
// DROP_RATES_REFRESH_S=1: GET /api/rates shows the table the fake serves, then the newer one
// after the fake changes it (polled for up to 20 s, no timing assertion); when the fake fails
// (503), the last good table keeps being served and a rates_refresh_failed line is logged.
// A source that is down at start-up serves the shipped snapshot (logged) and switches to the
// fetched table once the source answers. An https source is verified with SSL_CERT_FILE (a CA
// generated at test time).
#include <catch2/catch.hpp>
#include <chrono>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

#include "serve_support.hpp"
#include "support/ecb_xml.hpp"
#include "support/fake_http_server.hpp"

namespace hc = drop::http_client;

namespace {

class RatesFake {
 public:
  explicit RatesFake(drop_test::FakeServerOptions options = {})
      : server_([this](const hc::HttpRequest& request) { return answer(request); }, options) {}
  void set(unsigned status, std::string body) {
    std::lock_guard lock(mutex_);
    status_ = status;
    body_ = std::move(body);
  }
  std::string url() const { return server_.base_url() + "/eurofxref.xml"; }
  std::size_t requests() const { return server_.requests().size(); }

 private:
  hc::HttpResponse answer(const hc::HttpRequest& request) {
    std::lock_guard lock(mutex_);
    if (request.url != "/eurofxref.xml") return {404, {}, "no"};
    return {status_, {{"Content-Type", "text/xml"}}, body_};
  }
  std::mutex mutex_;
  unsigned status_ = 200;
  std::string body_;
  drop_test::FakeHttpServer server_;
};

// Polls GET /api/rates?base=EUR until `done(as_of, NOK rate)` or 20 s.
bool wait_for_rates(std::uint16_t port,
                    const std::function<bool(const std::string&, const std::string&)>& done) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (std::chrono::steady_clock::now() < deadline) {
    auto rates = drop_test::http_request(port, "GET", "/api/rates?base=EUR");
    if (rates.status == 200) {
      const std::string as_of = drop_test::json_string(rates.body, "as_of");
      const std::size_t nok = rates.body.find("\"NOK\":\"");
      const std::string rate =
          nok == std::string::npos
              ? ""
              : rates.body.substr(nok + 7, rates.body.find('"', nok + 7) - nok - 7);
      if (done(as_of, rate)) return true;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return false;
}

bool wait_until(const std::function<bool()>& condition) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (std::chrono::steady_clock::now() < deadline) {
    if (condition()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return false;
}

}  // namespace

TEST_CASE("serve rates: a live http source is refreshed and a failed refresh keeps the table") {
  RatesFake fake;
  fake.set(200, drop_test::ecb_xml("2026-11-27", "11.7360"));
  drop_test::ServerProcess server({"DROP_RATES_SOURCE=" + fake.url(), "DROP_RATES_REFRESH_S=1"});
  INFO(server.err());
  REQUIRE(server.port() != 0);
  CHECK(wait_for_rates(server.port(), [](const std::string& as_of, const std::string& rate) {
    return as_of == "2026-11-27" && rate.starts_with("11.736");
  }));
  fake.set(200, drop_test::ecb_xml("2026-11-30", "11.9"));
  CHECK(wait_for_rates(server.port(), [](const std::string& as_of, const std::string& rate) {
    return as_of == "2026-11-30" && rate.starts_with("11.9");
  }));
  fake.set(503, "unavailable");
  const std::size_t before = fake.requests();
  CHECK(wait_until([&] {
    return fake.requests() >= before + 2 &&
           server.err().find("rates_refresh_failed") != std::string::npos;
  }));
  auto rates = drop_test::http_request(server.port(), "GET", "/api/rates?base=EUR");
  CHECK(rates.status == 200);
  CHECK(drop_test::json_string(rates.body, "as_of") == "2026-11-30");
  CHECK(server.err().find("rates_refreshed") != std::string::npos);
}

TEST_CASE("serve rates: a source down at start serves the snapshot until it answers") {
  RatesFake fake;
  fake.set(503, "down");
  drop_test::ServerProcess server({"DROP_RATES_SOURCE=" + fake.url(), "DROP_RATES_REFRESH_S=1"});
  INFO(server.err());
  REQUIRE(server.port() != 0);
  CHECK(server.err().find("rates_unavailable") != std::string::npos);
  auto snapshot = drop_test::http_request(server.port(), "GET", "/api/rates?base=EUR");
  CHECK(snapshot.status == 200);
  CHECK(drop_test::json_string(snapshot.body, "as_of") == "2026-11-27");
  fake.set(200, drop_test::ecb_xml("2026-11-29", "11.8"));
  CHECK(wait_for_rates(server.port(), [](const std::string& as_of, const std::string&) {
    return as_of == "2026-11-29";
  }));
}

TEST_CASE("serve rates: an https source verified with SSL_CERT_FILE") {
  const drop_test::TestCertificates certificates = drop_test::TestCertificates::generate();
  RatesFake fake({.tls = &certificates});
  fake.set(200, drop_test::ecb_xml("2026-11-28", "11.6"));
  drop_test::ServerProcess server(
      {"DROP_RATES_SOURCE=" + fake.url(), "SSL_CERT_FILE=" + certificates.ca_file});
  INFO(server.err());
  REQUIRE(server.port() != 0);
  auto rates = drop_test::http_request(server.port(), "GET", "/api/rates?base=EUR");
  CHECK(rates.status == 200);
  CHECK(drop_test::json_string(rates.body, "as_of") == "2026-11-28");
  CHECK(server.err().find("rates_unavailable") == std::string::npos);
}
