// FlatIndex: a small open-addressing hash map from a nonzero uint64 id to a uint32 slot, for
// the per-batch working sets of the ledger engine (no per-insert allocation; linear probing).
// Private to drop_core. Thread-safety: none (one per batch).
#pragma once

#include <cstdint>
#include <vector>

#include "drop/assert.hpp"

namespace drop::ledger::detail {

class FlatIndex {
 public:
  static constexpr std::uint32_t missing = 0xFFFFFFFFu;

  // Room for `count` keys at a load factor of at most one half.
  explicit FlatIndex(std::size_t count) {
    std::size_t capacity = 16;
    while (capacity < 2 * count + 2) capacity *= 2;
    keys_.assign(capacity, 0);
    values_.assign(capacity, missing);
    mask_ = capacity - 1;
  }

  std::uint32_t find(std::uint64_t key) const {
    for (std::size_t slot = hash(key);; slot = (slot + 1) & mask_) {
      if (keys_[slot] == key) return values_[slot];
      if (keys_[slot] == 0) return missing;
    }
  }

  // Inserts or overwrites. REQUIRES: key != 0, and fewer keys than the constructor's count + 1.
  void assign(std::uint64_t key, std::uint32_t value) {
    DROP_ASSERT(key != 0);
    for (std::size_t slot = hash(key);; slot = (slot + 1) & mask_) {
      if (keys_[slot] == key || keys_[slot] == 0) {
        if (keys_[slot] == 0) {
          ++size_;
          DROP_ASSERT(2 * size_ <= keys_.size());
        }
        keys_[slot] = key;
        values_[slot] = value;
        return;
      }
    }
  }

  std::size_t size() const { return size_; }

 private:
  std::size_t hash(std::uint64_t key) const {
    return static_cast<std::size_t>((key * 0x9E3779B97F4A7C15ull) >> 32) & mask_;
  }
  std::vector<std::uint64_t> keys_;
  std::vector<std::uint32_t> values_;
  std::size_t mask_ = 0;
  std::size_t size_ = 0;
};

}  // namespace drop::ledger::detail
