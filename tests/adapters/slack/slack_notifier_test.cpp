// SlackNotifier against the fake Slack webhook (tests/support/fakes/slack_fake.hpp) through
// InProcessHttpClient, on a fake clock whose "sleep" advances it (no real waiting): pacing of
// about one message a second, 429 + Retry-After, plain-text refusals not retried, 5xx retried
// with backoff then given up, queue overflow dropping the oldest, escaping end to end, and
// shutdown flushing (background thread) or dropping what the deadline does not allow.
#include "drop/adapters/slack/slack_notifier.hpp"

#include <catch2/catch.hpp>

#include "drop/money/currency.hpp"
#include "support/fakes/fake_clock.hpp"
#include "support/fakes/slack_fake.hpp"

using drop::adapters::slack::SlackNotifier;
using drop::adapters::slack::SlackOptions;
using drop_test::SlackFake;

namespace {

drop::ports::Alert alert(int n) {
  return drop::ports::payout_failed_alert("trf_" + std::to_string(n), "usr_1",
                                          drop::Money(100, *drop::Currency::from_code("NOK")),
                                          "sandbox refused");
}

struct Rig {
  drop_test::FakeClock clock;
  SlackFake fake;
  drop_test::InProcessHttpClient http{fake.handler()};
  std::vector<std::string> failures;
  SlackOptions options(bool background = false) const {
    SlackOptions options;
    options.webhook_url = "http://127.0.0.1:9/services/T000/B000/XXXX";
    options.background = background;
    return options;
  }
  std::unique_ptr<SlackNotifier> make(SlackOptions options) {
    return std::make_unique<SlackNotifier>(
        options, http, clock, clock.sleeper(),
        [this](const std::string& message) { failures.push_back(message); });
  }
};

}  // namespace

TEST_CASE("slack notifier: paced at one message a second") {
  Rig rig;
  auto notifier = rig.make(rig.options());
  for (int i = 1; i <= 3; ++i) notifier->notify(alert(i));
  CHECK(rig.fake.attempts() == 0);  // notify only queues
  notifier->run_pending();
  REQUIRE(rig.fake.texts().size() == 3);
  CHECK(rig.fake.texts()[0].find("trf_1") != std::string::npos);
  CHECK(rig.fake.texts()[2].find("trf_3") != std::string::npos);
  CHECK(rig.clock.sleeps_ms() == std::vector<std::int64_t>{1000, 1000});
  CHECK(notifier->stats().delivered == 3);
  CHECK(rig.http.requests().front().url == "/services/T000/B000/XXXX");
}

TEST_CASE("slack notifier: 429 waits Retry-After and sends the same message again") {
  Rig rig;
  rig.fake.script({SlackFake::rate_limited("7")});
  auto notifier = rig.make(rig.options());
  notifier->notify(alert(1));
  notifier->run_pending();
  CHECK(rig.fake.attempts() == 2);
  CHECK(rig.fake.texts().size() == 1);
  CHECK(rig.clock.sleeps_ms() == std::vector<std::int64_t>{7000});
  CHECK(notifier->stats().rate_limited == 1);
  CHECK(notifier->stats().delivered == 1);
}

TEST_CASE("slack notifier: plain-text refusals are not retried") {
  for (const auto& [status, body] : {std::pair<unsigned, const char*>{400, "invalid_payload"},
                                     {410, "channel_is_archived"},
                                     {404, "channel_not_found"},
                                     {403, "action_prohibited"},
                                     {404, "no_service"},
                                     {403, "posting_to_general_channel_denied"},
                                     {403, "invalid_token"},
                                     {400, "no_text"}}) {
    INFO(body);
    Rig rig;
    rig.fake.script({SlackFake::plain(status, body)});
    auto notifier = rig.make(rig.options());
    notifier->notify(alert(1));
    notifier->notify(alert(2));
    notifier->run_pending();
    CHECK(rig.fake.attempts() == 2);  // the refused one once, then the next message
    CHECK(notifier->stats().refused == 1);
    CHECK(notifier->stats().delivered == 1);
    REQUIRE(rig.failures.size() == 1);
    CHECK(rig.failures[0].find(body) != std::string::npos);
    CHECK(rig.failures[0].find("XXXX") == std::string::npos);  // never the webhook URL
  }
}

TEST_CASE("slack notifier: 5xx is retried with backoff, then given up") {
  Rig rig;
  rig.fake.script({SlackFake::plain(500, ""), SlackFake::plain(503, "")});
  auto notifier = rig.make(rig.options());
  notifier->notify(alert(1));
  notifier->run_pending();
  CHECK(rig.fake.texts().size() == 1);
  CHECK(rig.clock.sleeps_ms() == std::vector<std::int64_t>{1000, 2000});

  Rig failing;
  std::vector<drop::http_client::HttpResponse> errors(5, SlackFake::plain(500, ""));
  failing.fake.script(errors);
  auto gives_up = failing.make(failing.options());
  gives_up->notify(alert(1));
  gives_up->run_pending();
  CHECK(failing.fake.attempts() == 5);
  CHECK(gives_up->stats().gave_up == 1);
  CHECK(failing.clock.sleeps_ms() == std::vector<std::int64_t>{1000, 2000, 4000, 8000});
  CHECK(failing.failures.size() == 1);
}

TEST_CASE("slack notifier: a full queue drops the oldest and counts it") {
  Rig rig;
  SlackOptions options = rig.options();
  options.queue_max = 3;
  auto notifier = rig.make(options);
  for (int i = 1; i <= 5; ++i) notifier->notify(alert(i));
  CHECK(notifier->stats().dropped_overflow == 2);
  notifier->run_pending();
  const auto texts = rig.fake.texts();
  REQUIRE(texts.size() == 3);
  CHECK(texts[0].find("trf_3") != std::string::npos);
  CHECK(texts[2].find("trf_5") != std::string::npos);
}

TEST_CASE("slack notifier: user text arrives escaped") {
  Rig rig;
  auto notifier = rig.make(rig.options());
  notifier->notify(drop::ports::payout_failed_alert(
      "trf_1", "usr_1", drop::Money(1, *drop::Currency::from_code("NOK")),
      "<!channel> & <http://evil.example|click>"));
  notifier->run_pending();
  REQUIRE(rig.fake.texts().size() == 1);
  CHECK(rig.fake.texts()[0] ==
        "*Payout failed* trf_1 user usr_1: 0.01 NOK - &lt;!channel&gt; &amp; "
        "&lt;http://evil.example|click&gt;");
}

TEST_CASE("slack notifier: shutdown flushes the queue on the background thread") {
  Rig rig;
  auto notifier = rig.make(rig.options(true));
  for (int i = 1; i <= 4; ++i) notifier->notify(alert(i));
  notifier->shutdown(60'000);
  CHECK(rig.fake.texts().size() == 4);
  CHECK(notifier->stats().delivered == 4);
  notifier->notify(alert(5));  // after shutdown: counted, not sent
  CHECK(notifier->stats().dropped_shutdown == 1);
}

TEST_CASE("slack notifier: what the shutdown deadline does not allow is dropped") {
  Rig rig;
  rig.fake.script({SlackFake::rate_limited("100")});
  auto notifier = rig.make(rig.options());
  notifier->notify(alert(1));
  notifier->notify(alert(2));
  notifier->shutdown(5'000);
  CHECK(rig.fake.texts().empty());
  CHECK(notifier->stats().dropped_shutdown == 2);
  CHECK(notifier->stats().delivered == 0);
}
