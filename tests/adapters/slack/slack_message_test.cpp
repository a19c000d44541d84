// Slack message formatting and answer classification: mrkdwn escaping of &, <, >; long digit
// runs (a national identity number) redacted; each alert's text; the JSON body; Slack's
// plain-text refusals are never retryable, 429 and 5xx are.
#include "drop/adapters/slack/slack_message.hpp"

#include <rapidjson/document.h>

#include <catch2/catch.hpp>

#include "drop/money/currency.hpp"
#include "support/fakes/slack_fake.hpp"

using namespace drop::adapters::slack;
using drop_test::SlackFake;

namespace {
drop::Money nok(std::int64_t minor) {
  return drop::Money(minor, *drop::Currency::from_code("NOK"));
}
}  // namespace

TEST_CASE("slack message: mrkdwn control characters are escaped") {
  CHECK(escape_mrkdwn("a & b < c > d") == "a &amp; b &lt; c &gt; d");
  CHECK(escape_mrkdwn("<!channel> <http://evil|click>") ==
        "&lt;!channel&gt; &lt;http://evil|click&gt;");
  CHECK(escape_mrkdwn("&amp;") == "&amp;amp;");
  CHECK(escape_mrkdwn("plain") == "plain");
}

TEST_CASE("slack message: runs of 11 or more digits are redacted") {
  CHECK(redact_digit_runs("fnr 01010112345 here") == "fnr [redacted] here");
  CHECK(redact_digit_runs("0101011234567890") == "[redacted]");
  CHECK(redact_digit_runs("amount 1234567890 ok") == "amount 1234567890 ok");
  CHECK(redact_digit_runs("") == "");
}

TEST_CASE("slack message: each alert's text") {
  CHECK(format_text(drop::ports::large_transfer_alert("trf_1", "usr_2", nok(5'000'000))) ==
        "*Large transfer* trf_1 user usr_2: 50000.00 NOK");
  CHECK(format_text(drop::ports::kyc_rejected_alert("usr_2", "5cb744", "FORGERY")) ==
        "*KYC rejected* 5cb744 user usr_2 - reject labels: FORGERY");
  CHECK(format_text(drop::ports::payout_failed_alert("trf_1", "usr_2", nok(100), "IBAN <bad>")) ==
        "*Payout failed* trf_1 user usr_2: 1.00 NOK - IBAN &lt;bad&gt;");
  CHECK(format_text(drop::ports::secrets_refresh_failing_alert("drop/prod", "timeout")) ==
        "*Secrets refresh failing* drop/prod - timeout");
  CHECK(
      format_text(drop::ports::payout_failed_alert("trf_<1>", "usr_&", nok(1), "id 01010112345")) ==
      "*Payout failed* trf_&lt;1&gt; user usr_&amp;: 0.01 NOK - id [redacted]");
}

TEST_CASE("slack message: the body is JSON with the text") {
  const std::string body = message_body(
      drop::ports::payout_failed_alert("trf_1", "usr_2", nok(100), "quote \" and \\ and \n"));
  rapidjson::Document document;
  document.Parse(body.c_str());
  REQUIRE(document.IsObject());
  CHECK(std::string(document["text"].GetString()) ==
        "*Payout failed* trf_1 user usr_2: 1.00 NOK - quote \" and \\ and \n");
}

TEST_CASE("slack message: answers are classified") {
  CHECK(classify(SlackFake::plain(200, "ok")) == SlackAnswer::delivered);
  CHECK(classify(SlackFake::rate_limited("3")) == SlackAnswer::rate_limited);
  CHECK(classify(SlackFake::plain(500, "")) == SlackAnswer::retryable);
  CHECK(classify(SlackFake::plain(503, "")) == SlackAnswer::retryable);
  const std::pair<unsigned, const char*> refusals[] = {
      {400, "invalid_payload"},   {400, "no_text"},
      {403, "action_prohibited"}, {403, "posting_to_general_channel_denied"},
      {403, "invalid_token"},     {404, "channel_not_found"},
      {404, "no_service"},        {410, "channel_is_archived"}};
  for (const auto& [status, body] : refusals) {
    INFO(body);
    CHECK(classify(SlackFake::plain(status, body)) == SlackAnswer::refused);
  }
  CHECK(retry_after_s(SlackFake::rate_limited("30")) == 30);
  CHECK_FALSE(retry_after_s(SlackFake::rate_limited("soon")).has_value());
  CHECK_FALSE(retry_after_s(SlackFake::plain(429, "")).has_value());
}
