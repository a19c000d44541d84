// GCRA with a fake clock: exact admission counts at burst and window boundaries, the RateLimit
// header values, conservative rounding of uneven intervals, and key independence.
#include "drop/ratelimit/gcra.hpp"

#include <catch2/catch.hpp>
#include <map>
#include <optional>
#include <string>

using drop::Timestamp;
using namespace drop::ratelimit;

namespace {

constexpr Timestamp t0 = Timestamp::from_unix_seconds(1'800'000'000);

// A single key's state, stepping like a store would.
struct Key {
  std::optional<Timestamp> tat;
  Decision take(const Policy& policy, Timestamp now) {
    const Step result = step(tat, policy, now);
    tat = result.new_tat;
    return result.decision;
  }
};

}  // namespace

TEST_CASE("a burst of N is admitted at once, then refused with Retry-After") {
  const Policy policy = Policy::per_minute(10);  // one every 6 s
  Key key;
  for (std::uint32_t i = 0; i < 10; ++i) {
    const Decision decision = key.take(policy, t0);
    REQUIRE(decision.allowed);
    CHECK(decision.limit == 10);
    CHECK(decision.remaining == 9 - i);
    CHECK(decision.reset_s == 6 * (i + 1));
    CHECK(decision.retry_after_s == 0);
  }
  const Decision refused = key.take(policy, t0);
  CHECK_FALSE(refused.allowed);
  CHECK(refused.remaining == 0);
  CHECK(refused.retry_after_s == 6);
  CHECK(refused.reset_s == 60);
}

TEST_CASE("after the burst, exactly one request per emission interval, boundary inclusive") {
  const Policy policy = Policy::per_minute(10);
  Key key;
  for (int i = 0; i < 10; ++i) REQUIRE(key.take(policy, t0).allowed);
  CHECK_FALSE(key.take(policy, t0.plus_us(5'999'999)).allowed);
  CHECK(key.take(policy, t0.plus_seconds(6)).allowed);
  CHECK_FALSE(key.take(policy, t0.plus_seconds(6)).allowed);
  const Decision refused = key.take(policy, t0.plus_us(6'000'001));
  CHECK_FALSE(refused.allowed);
  CHECK(refused.retry_after_s == 6);  // 5.999999 s rounds up
}

TEST_CASE("hammering for one minute admits exactly burst + minute / interval") {
  // A request every millisecond from t0 to t0 + 60 s inclusive: 10 at once, then one at each of
  // t0 + 6, 12, ..., 60 s = 10 more.
  const Policy policy = Policy::per_minute(10);
  Key key;
  int admitted = 0;
  for (std::int64_t ms = 0; ms <= 60'000; ++ms) {
    if (key.take(policy, t0.plus_us(ms * 1000)).allowed) ++admitted;
  }
  CHECK(admitted == 20);

  const Policy user_policy = Policy::per_minute(300);  // one every 200 ms
  Key user;
  admitted = 0;
  for (std::int64_t ms = 0; ms < 60'000; ++ms) {
    if (user.take(user_policy, t0.plus_us(ms * 1000)).allowed) ++admitted;
  }
  CHECK(admitted == 300 + 299);  // 200, 400, ..., 59800 ms
}

TEST_CASE("an idle key refills completely, and never beyond its burst") {
  const Policy policy = Policy::per_minute(120);
  Key key;
  for (int i = 0; i < 120; ++i) REQUIRE(key.take(policy, t0).allowed);
  REQUIRE_FALSE(key.take(policy, t0).allowed);
  int admitted = 0;
  const Timestamp later = t0.plus_seconds(3600);
  for (int i = 0; i < 500; ++i) admitted += key.take(policy, later).allowed ? 1 : 0;
  CHECK(admitted == 120);
  CHECK(is_expired(Timestamp{t0.unix_us}, later));
}

TEST_CASE("a burst smaller than the limit") {
  const Policy policy{/*limit=*/60, /*period_us=*/60'000'000, /*burst=*/3};
  Key key;
  CHECK(key.take(policy, t0).remaining == 2);
  CHECK(key.take(policy, t0).allowed);
  CHECK(key.take(policy, t0).allowed);
  CHECK_FALSE(key.take(policy, t0).allowed);
  CHECK(key.take(policy, t0.plus_seconds(1)).allowed);
}

TEST_CASE("uneven intervals round towards admitting less") {
  const Policy policy = Policy::per_minute(7);  // 8571428.57 us -> 8571429 us
  CHECK(policy.emission_interval_us() == 8'571'429);
  Key key;
  int admitted = 0;
  for (std::int64_t ms = 0; ms <= 600'000; ms += 1) {
    if (key.take(policy, t0.plus_us(ms * 1000)).allowed) ++admitted;
  }
  // 7 at once + floor(600 s / 8.571429 s) = 7 + 69 (70 would need 600.00003 s).
  CHECK(admitted == 7 + 69);
}

TEST_CASE("many keys are independent") {
  const Policy policy = Policy::per_minute(10);
  std::map<std::string, Key> keys;
  for (int round = 0; round < 12; ++round) {
    for (int k = 0; k < 1000; ++k) {
      const Decision decision = keys["ip:" + std::to_string(k)].take(policy, t0);
      REQUIRE(decision.allowed == (round < 10));
    }
  }
}

TEST_CASE("policy validation") {
  CHECK(Policy::per_minute(10).valid());
  CHECK_FALSE((Policy{0, 60'000'000, 1}).valid());
  CHECK_FALSE((Policy{10, 0, 1}).valid());
  CHECK_FALSE((Policy{10, 60'000'000, 0}).valid());
}
