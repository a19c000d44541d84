// GCRA decisions per second: the pure step, and the in-memory store over many keys.
#include <string>
#include <vector>

#include "bench.hpp"
#include "drop/adapters/memory/memory_rate_limit_store.hpp"
#include "drop/ratelimit/gcra.hpp"

int main() {
  using drop::Timestamp;
  const auto policy = drop::ratelimit::Policy::per_minute(300);
  const Timestamp t0 = Timestamp::from_unix_seconds(1'800'000'000);

  std::optional<Timestamp> tat;
  std::int64_t tick_us = 0;
  drop_bench::measure("gcra: pure step, one key", 1000, [&] {
    for (int i = 0; i < 1000; ++i) {
      const auto result = drop::ratelimit::step(tat, policy, t0.plus_us(tick_us += 100));
      tat = result.new_tat;
      drop_bench::keep(result.decision.allowed);
    }
  });

  std::vector<std::string> keys;
  for (int i = 0; i < 100'000; ++i) keys.push_back("ip:10." + std::to_string(i));
  drop::adapters::memory::MemoryRateLimitStore store;
  std::size_t next = 0;
  drop_bench::measure("gcra: memory store, 100,000 keys, single thread", 1000, [&] {
    for (int i = 0; i < 1000; ++i) {
      next = next + 7919 < keys.size() ? next + 7919 : (next + 7919) % keys.size();
      auto decision = store.take(keys[next], policy, t0.plus_us(tick_us += 10));
      drop_bench::keep(decision.ok());
    }
  });
}
