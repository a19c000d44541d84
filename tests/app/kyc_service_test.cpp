// KycService on in-memory stores: the WebSDK token through SumsubClient and the fake Sumsub
// (applicant created once and stored, then reused), refusals when no provider is wired or the
// provider fails; webhook processing: applied / stale / duplicate / unknown user, the rejection
// alert raised once, and store-then-process recovery (a failure after the event is stored fails
// the delivery, and the redelivery processes it).
#include "usecases/kyc_service.hpp"

#include <catch2/catch.hpp>

#include "drop/adapters/memory/memory_kyc_store.hpp"
#include "drop/adapters/memory/memory_stores.hpp"
#include "drop/adapters/sumsub/sumsub_client.hpp"
#include "support/fakes/fake_clock.hpp"
#include "support/fakes/sumsub_fake.hpp"

using namespace drop;
using usecases::WebhookOutcome;

namespace {

class RecordingNotifier final : public ports::Notifier {
 public:
  void notify(ports::Alert alert) noexcept override { alerts.push_back(std::move(alert)); }
  std::vector<ports::Alert> alerts;
};

// A KycStore whose mark_processed fails while `fail_marks` > 0.
class FlakyKycStore final : public ports::KycStore {
 public:
  Result<std::optional<std::string>, ports::PortError> applicant_of(std::string_view u) override {
    return inner.applicant_of(u);
  }
  Result<std::string, ports::PortError> save_applicant(std::string_view u, std::string_view a,
                                                       Timestamp now) override {
    return inner.save_applicant(u, a, now);
  }
  Result<bool, ports::PortError> record_event(const ports::KycEventRecord& event) override {
    return inner.record_event(event);
  }
  Result<void, ports::PortError> mark_processed(std::string_view id, Timestamp now) override {
    if (fail_marks > 0) {
      --fail_marks;
      return Err{ports::PortError{ports::PortError::Kind::unavailable, "database went away"}};
    }
    return inner.mark_processed(id, now);
  }
  adapters::memory::MemoryKycStore inner;
  int fail_marks = 0;
};

struct World {
  drop_test::FakeClock clock;
  adapters::memory::MemoryUserStore users;
  FlakyKycStore kyc;
  RecordingNotifier notifier;
  drop_test::SumsubFake fake{"tok", "sec", [this] { return clock.now().unix_seconds(); }};
  drop_test::InProcessHttpClient http{fake.handler()};
  adapters::sumsub::SumsubClient sumsub{http,
                                        clock,
                                        {.base_url = "http://127.0.0.1:9",
                                         .app_token = "tok",
                                         .secret_key = "sec",
                                         .level_name = "lvl"}};
  usecases::KycService service{users, kyc, &sumsub, notifier, clock};

  World() {
    users::User user;
    user.id = "usr_1";
    user.name = "Kari";
    user.identity_subject = "dev:Kari";
    REQUIRE(users.find_or_create(user).ok());
  }
  ports::VerifiedWebhook event(const std::string& id, const std::string& answer,
                               const std::string& reject, std::int64_t at_ms) {
    kyc::WebhookEvent event;
    event.type = "applicantReviewed";
    event.applicant_id = "app_1";
    event.external_user_id = "usr_1";
    event.answer = kyc::parse_review_answer(answer);
    event.reject_type = kyc::parse_reject_type(reject);
    event.reject_labels = "FORGERY";
    event.created_at_ms = at_ms;
    return {id, event};
  }
  users::KycStatus status() { return (*users.find_by_id("usr_1"))->kyc_status; }
};

}  // namespace

TEST_CASE("kyc service: the first token creates and stores the applicant") {
  World world;
  auto first = world.service.access_token("usr_1");
  REQUIRE(first.ok());
  CHECK(first->level_name == "lvl");
  auto stored = world.kyc.applicant_of("usr_1");
  REQUIRE(stored->has_value());
  auto second = world.service.access_token("usr_1");
  REQUIRE(second.ok());
  CHECK(world.fake.creates() == 1);
  CHECK(world.fake.tokens_issued() == 2);
  CHECK(world.service.access_token("usr_missing").error().refusal ==
        usecases::KycTokenRefusal::no_user);
}

TEST_CASE("kyc service: token refusals") {
  World world;
  usecases::KycService unwired(world.users, world.kyc, nullptr, world.notifier, world.clock);
  CHECK(unwired.access_token("usr_1").error().refusal == usecases::KycTokenRefusal::not_configured);
  world.fake.script(drop_test::SumsubFake::error(500, "Internal error"));
  auto failed = world.service.access_token("usr_1");
  CHECK(failed.error().refusal == usecases::KycTokenRefusal::provider);
  CHECK_FALSE(world.kyc.applicant_of("usr_1")->has_value());
}

TEST_CASE("kyc service: webhooks apply once, newest wins, rejection alerts once") {
  World world;
  using users::KycStatus;
  CHECK(*world.service.process(world.event("e1", "RED", "RETRY", 3000)) == WebhookOutcome::applied);
  CHECK(world.status() == KycStatus::retry);
  CHECK(*world.service.process(world.event("e2", "GREEN", "", 2000)) == WebhookOutcome::stale);
  CHECK(*world.service.process(world.event("e1", "RED", "RETRY", 3000)) ==
        WebhookOutcome::duplicate);
  CHECK(*world.service.process(world.event("e3", "RED", "FINAL", 4000)) == WebhookOutcome::applied);
  CHECK(world.status() == KycStatus::rejected);
  CHECK(*world.service.process(world.event("e3", "RED", "FINAL", 4000)) ==
        WebhookOutcome::duplicate);
  REQUIRE(world.notifier.alerts.size() == 1);
  CHECK(world.notifier.alerts[0].kind == ports::AlertKind::kyc_rejected);
  CHECK(world.notifier.alerts[0].user_id == "usr_1");
  CHECK(world.notifier.alerts[0].subject_id == "app_1");
  auto orphan = world.event("e4", "GREEN", "", 5000);
  orphan.event.external_user_id = "usr_nobody";
  CHECK(*world.service.process(orphan) == WebhookOutcome::unknown_user);
}

TEST_CASE("kyc service: a failure after storing is retried by redelivery, nothing lost") {
  World world;
  world.kyc.fail_marks = 1;
  auto failed = world.service.process(world.event("e1", "GREEN", "", 1000));
  REQUIRE_FALSE(failed.ok());  // the route answers 503: Sumsub redelivers
  CHECK(world.status() == users::KycStatus::approved);
  // The redelivery finds the event stored but unprocessed, processes it (the status is already
  // right: stale) and marks it; the next redelivery is a duplicate.
  CHECK(*world.service.process(world.event("e1", "GREEN", "", 1000)) == WebhookOutcome::stale);
  CHECK(*world.service.process(world.event("e1", "GREEN", "", 1000)) == WebhookOutcome::duplicate);
}
