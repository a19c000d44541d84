#include "drop/adapters/memory/memory_rate_limit_store.hpp"

#include <bit>
#include <functional>
#include <optional>

#include "drop/limits.hpp"

namespace drop::adapters::memory {

namespace {

constexpr std::size_t shard_keys_max_for(std::size_t shards) {
  return limits::memory_rate_limit_keys_max / shards;
}

}  // namespace

MemoryRateLimitStore::MemoryRateLimitStore() {
  for (Shard& shard : shards_) shard.slots.resize(shard_slots_initial);
}

// The slot holding `key`, or the empty slot where it would go.
MemoryRateLimitStore::Slot* MemoryRateLimitStore::find_slot(Shard& shard, std::uint64_t hash,
                                                            std::string_view key) {
  const std::size_t mask = shard.slots.size() - 1;
  for (std::size_t index = hash & mask;; index = (index + 1) & mask) {
    Slot& slot = shard.slots[index];
    if (slot.hash == 0 || (slot.hash == hash && slot.key == key)) return &slot;
  }
}

void MemoryRateLimitStore::rebuild(Shard& shard, std::size_t slot_count, Timestamp keep_after) {
  std::vector<Slot> old = std::move(shard.slots);
  shard.slots.assign(slot_count, Slot{});
  shard.used = 0;
  for (Slot& slot : old) {
    if (slot.hash == 0 || ratelimit::is_expired(slot.tat, keep_after)) continue;
    Slot* target = find_slot(shard, slot.hash, slot.key);
    *target = std::move(slot);
    ++shard.used;
  }
}

Result<ratelimit::Decision, ports::PortError> MemoryRateLimitStore::take(
    std::string_view key, const ratelimit::Policy& policy, Timestamp now) {
  DROP_ASSERT(!key.empty());
  DROP_ASSERT(key.size() <= limits::rate_limit_key_bytes_max);
  const std::uint64_t hash = std::hash<std::string_view>{}(key) | 1;  // never 0 (empty)
  Shard& shard = shards_[(hash >> 59) % shard_count];
  std::lock_guard lock(shard.mutex);

  Slot* slot = find_slot(shard, hash, key);
  const bool found = slot->hash != 0;
  const ratelimit::Step step =
      ratelimit::step(found ? std::optional<Timestamp>(slot->tat) : std::nullopt, policy, now);
  if (found) {
    slot->tat = step.new_tat;
    return step.decision;
  }
  if (!step.decision.allowed) return step.decision;  // cannot happen for a fresh key; harmless

  constexpr std::size_t shard_keys_max = shard_keys_max_for(shard_count);
  static_assert(std::bit_ceil(2 * shard_keys_max) / 2 >= shard_keys_max);
  if (shard.used >= shard_keys_max) {
    // At the bound: drop the keys whose TAT has passed, at the same size.
    rebuild(shard, shard.slots.size(), now);
    if (shard.used >= shard_keys_max) {
      return Err{ports::PortError{ports::PortError::Kind::unavailable,
                                  "in-memory rate-limit store is full"}};
    }
    slot = find_slot(shard, hash, key);
  } else if (shard.used + 1 > shard.slots.size() / 2) {
    // Keep the load at or below one half (sweeping expired keys on the way).
    rebuild(shard, shard.slots.size() * 2, now);
    slot = find_slot(shard, hash, key);
  }
  slot->hash = hash;
  slot->tat = step.new_tat;
  slot->key.assign(key);
  ++shard.used;
  return step.decision;
}

std::size_t MemoryRateLimitStore::size() const {
  std::size_t total = 0;
  for (const Shard& shard : shards_) {
    std::lock_guard lock(shard.mutex);
    total += shard.used;
  }
  return total;
}

}  // namespace drop::adapters::memory
