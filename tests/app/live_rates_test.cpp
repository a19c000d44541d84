// RateRefresher over HttpRateSource and the real outbound client, against FakeHttpServer on
// 127.0.0.1 serving ECB XML: a refresh picks up a newer table (date and rate) and logs it; a
// failed refresh (503, malformed XML, a refused `prepare`) keeps the last good table and logs
// one line; readers holding a snapshot keep it across a refresh. refresh_now() drives each
// refresh on the test thread (the periodic thread is tested end to end in serve_rates_test).
#include "usecases/live_rates.hpp"

#include <catch2/catch.hpp>
#include <mutex>
#include <string>
#include <vector>

#include "drop/adapters/http_client/https_client.hpp"
#include "drop/adapters/rates/http_rate_source.hpp"
#include "support/ecb_xml.hpp"
#include "support/fake_http_server.hpp"

using drop::Currency;
using drop::usecases::LiveRates;
using drop::usecases::RateRefresher;
namespace hc = drop::http_client;

namespace {

struct Served {
  std::mutex mutex;
  unsigned status = 200;
  std::string body;
  void set(unsigned code, std::string text) {
    std::lock_guard lock(mutex);
    status = code;
    body = std::move(text);
  }
  hc::HttpResponse answer() {
    std::lock_guard lock(mutex);
    return hc::HttpResponse{status, {{"Content-Type", "text/xml"}}, body};
  }
};

std::string nok_rate(const LiveRates& rates) {
  return rates.current()->rate(*Currency::from_code("NOK"))->to_string();
}

}  // namespace

TEST_CASE("live rates: a refresh picks up a new table and a failed one keeps the old") {
  Served served;
  served.set(200, drop_test::ecb_xml("2026-11-27", "11.7360"));
  drop_test::FakeHttpServer server([&served](const hc::HttpRequest&) { return served.answer(); });
  auto client = hc::make_https_client({});
  drop::adapters::rates::HttpRateSource source(*client, server.base_url() + "/eurofxref.xml");
  auto first = source.load();
  REQUIRE(first);
  LiveRates rates(std::move(*first));
  std::vector<std::string> log;
  bool accept = true;
  RateRefresher refresher(
      rates, source, {},
      [&accept](const drop::fx::RateTable&) -> drop::Result<void, std::string> {
        if (!accept) return drop::Err{std::string("house accounts: refused")};
        return {};
      },
      [&log](std::string_view level, std::string_view event, const std::string& text) {
        log.push_back(std::string(level) + " " + std::string(event) + " " + text);
      });

  const auto held = rates.current();  // a request in progress keeps its snapshot
  served.set(200, drop_test::ecb_xml("2026-11-30", "11.9"));
  CHECK(refresher.refresh_now());
  CHECK(drop::format_date(rates.current()->as_of()) == "2026-11-30");
  CHECK(nok_rate(rates) == "11.9");
  CHECK(drop::format_date(held->as_of()) == "2026-11-27");
  REQUIRE(log.size() == 1);
  CHECK(log[0].starts_with("info rates_refreshed"));

  served.set(503, "busy");
  CHECK(!refresher.refresh_now());
  served.set(200, "<gesmes:Envelope>broken");
  CHECK(!refresher.refresh_now());
  accept = false;
  served.set(200, drop_test::ecb_xml("2026-12-01", "12.1"));
  CHECK(!refresher.refresh_now());
  CHECK(drop::format_date(rates.current()->as_of()) == "2026-11-30");
  CHECK(nok_rate(rates) == "11.9");
  REQUIRE(log.size() == 4);
  for (std::size_t i = 1; i < 4; ++i) {
    CHECK(log[i].starts_with("warn rates_refresh_failed keeping the rates of 2026-11-30"));
  }
  CHECK(log[1].find("503") != std::string::npos);
  CHECK(log[3].find("house accounts") != std::string::npos);
}

TEST_CASE("live rates: a derived document is rendered once per table and key") {
  drop::fx::RateTable first(*Currency::from_code("EUR"), drop::fx::Quoting::units_per_base,
                            drop::Date{2026, 11, 27}, "ECB");
  REQUIRE(first.add(*Currency::from_code("NOK"), drop::fx::Decimal{117360, 4}).ok());
  drop::fx::RateTable second = first;
  LiveRates rates(std::move(first));
  int renders = 0;
  const auto render = [&renders](const drop::fx::RateTable& table) {
    ++renders;
    return std::string(table.source_name()) + "#" + std::to_string(renders);
  };
  const auto table = rates.current();
  CHECK(rates.derived(table, "NOK", render) == "ECB#1");
  CHECK(rates.derived(table, "NOK", render) == "ECB#1");  // from memory
  CHECK(rates.derived(table, "EUR", render) == "ECB#2");  // another key
  rates.replace(std::move(second));
  // A snapshot taken before the swap is still rendered for its reader, but not kept.
  CHECK(rates.derived(table, "NOK", render) == "ECB#3");
  CHECK(rates.derived(table, "NOK", render) == "ECB#4");
  const auto live = rates.current();
  CHECK(rates.derived(live, "NOK", render) == "ECB#5");
  CHECK(rates.derived(live, "NOK", render) == "ECB#5");
  CHECK(renders == 5);
}
