// HttpRateSource through the real outbound client against FakeHttpServer on 127.0.0.1: an ECB
// XML body becomes the table (date and rate as served); a 503, a refused connection, an
// oversized body and a malformed body fail with unavailable, invalid and corrupt, naming the
// host but never the query string.
#include "drop/adapters/rates/http_rate_source.hpp"

#include <catch2/catch.hpp>
#include <string>

#include "drop/adapters/http_client/https_client.hpp"
#include "drop/limits.hpp"
#include "support/ecb_xml.hpp"
#include "support/fake_http_server.hpp"

using drop::Currency;
using drop::adapters::rates::HttpRateSource;
using drop::http_client::HttpRequest;
using drop::http_client::HttpResponse;
using drop::ports::PortError;

TEST_CASE("http rate source: loads the ECB XML served at the URL") {
  drop_test::FakeHttpServer server([](const HttpRequest& request) {
    if (request.url != "/eurofxref.xml") return HttpResponse{404, {}, "not found"};
    return HttpResponse{
        200, {{"Content-Type", "text/xml"}}, drop_test::ecb_xml("2026-11-30", "11.5")};
  });
  auto client = drop::http_client::make_https_client({});
  HttpRateSource source(*client, server.base_url() + "/eurofxref.xml");
  auto table = source.load();
  REQUIRE(table);
  CHECK(drop::format_date(table->as_of()) == "2026-11-30");
  CHECK(table->source_name() == "ECB");
  const auto nok = Currency::from_code("NOK");
  REQUIRE(nok);
  CHECK(table->rate(*nok)->to_string() == "11.5");
  REQUIRE(server.requests().size() == 1);
  CHECK(server.requests()[0].method == "GET");
}

TEST_CASE("http rate source: failures name the host, not the query") {
  std::string body = "<not xml";
  unsigned status = 503;
  drop_test::FakeHttpServer server([&](const HttpRequest&) {
    return HttpResponse{status, {}, body};
  });
  auto client = drop::http_client::make_https_client({});
  HttpRateSource source(*client, server.base_url() + "/rates?token=secret-value");

  auto unavailable = source.load();
  REQUIRE(!unavailable);
  CHECK(unavailable.error().kind == PortError::Kind::unavailable);
  CHECK(unavailable.error().message.find("503") != std::string::npos);
  CHECK(unavailable.error().message.find("secret-value") == std::string::npos);

  status = 200;
  auto corrupt = source.load();
  REQUIRE(!corrupt);
  CHECK(corrupt.error().kind == PortError::Kind::corrupt);
  CHECK(corrupt.error().message.find("secret-value") == std::string::npos);

  body = std::string(drop::limits::rate_file_bytes_max + 1, ' ');
  auto invalid = source.load();
  REQUIRE(!invalid);
  CHECK(invalid.error().kind == PortError::Kind::invalid);

  HttpRateSource nowhere(*client, "http://127.0.0.1:1/rates");
  auto refused = nowhere.load();
  REQUIRE(!refused);
  CHECK(refused.error().kind == PortError::Kind::unavailable);
}
