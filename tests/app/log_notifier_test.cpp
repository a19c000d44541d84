// The log-only notifier's line (used when Slack is not configured): one JSON object with the
// alert's kind, ids and amount; the detail's long digit runs (a national identity number)
// redacted; nothing else from the alert.
#include "cli/log_notifier.hpp"

#include <rapidjson/document.h>

#include <catch2/catch.hpp>

#include "drop/money/currency.hpp"

using namespace drop;

TEST_CASE("log notifier: one JSON line per alert") {
  const Timestamp at = Timestamp::from_unix_seconds(1'800'000'000);
  const Money amount(5'000'000, *Currency::from_code("NOK"));
  const std::string line =
      app::format_alert_line(at, ports::large_transfer_alert("trf_1", "usr_2", amount));
  rapidjson::Document document;
  document.Parse(line.c_str());
  REQUIRE(document.IsObject());
  CHECK(std::string(document["event"].GetString()) == "operator_alert");
  CHECK(std::string(document["level"].GetString()) == "warn");
  CHECK(std::string(document["alert"].GetString()) == "large_transfer");
  CHECK(std::string(document["subject_id"].GetString()) == "trf_1");
  CHECK(std::string(document["user_id"].GetString()) == "usr_2");
  CHECK(document["amount"]["amount"].GetInt64() == 5'000'000);
  CHECK(std::string(document["amount"]["currency"].GetString()) == "NOK");
  CHECK(line.find('\n') == std::string::npos);
}

TEST_CASE("log notifier: no user, no amount, and the detail redacted") {
  const std::string line = app::format_alert_line(
      Timestamp::from_unix_seconds(1'800'000'000),
      ports::secrets_refresh_failing_alert("drop/prod", "fnr 01010112345 leaked?"));
  rapidjson::Document document;
  document.Parse(line.c_str());
  REQUIRE(document.IsObject());
  CHECK(document["user_id"].IsNull());
  CHECK(document["amount"].IsNull());
  CHECK(std::string(document["detail"].GetString()) == "fnr [redacted] leaked?");
  CHECK(line.find("01010112345") == std::string::npos);
}
