// MemoryQuoteStore: the in-memory QuoteStore (tests, benchmarks, a single-process server).
// Holds at most `capacity` quotes. Thread-safety: every method is safe to call concurrently;
// one mutex makes mark_used atomic.
#pragma once

#include <map>
#include <mutex>
#include <string>

#include "drop/ports/quote_store.hpp"

namespace drop::adapters::memory {

class MemoryQuoteStore final : public ports::QuoteStore {
 public:
  static constexpr std::size_t capacity_default = 1'000'000;
  explicit MemoryQuoteStore(std::size_t capacity = capacity_default) : capacity_(capacity) {}

  // Fails with conflict when the id exists, unavailable when the store is full.
  Result<void, ports::PortError> insert(const fx::Quote& quote) override;
  Result<fx::Quote, ports::QuoteStoreError> find(std::string_view id) const override;
  Result<fx::Quote, ports::QuoteStoreError> mark_used(std::string_view id, Timestamp now) override;
  Result<bool, ports::PortError> release(std::string_view id, Timestamp used_at) override;

 private:
  const std::size_t capacity_;
  mutable std::mutex mutex_;
  std::map<std::string, fx::Quote, std::less<>> quotes_;
  std::map<std::string, Timestamp, std::less<>> used_at_;  // of each used quote
};

}  // namespace drop::adapters::memory
