#include "drop/adapters/memory/memory_quote_store.hpp"

namespace drop::adapters::memory {

using ports::PortError;
using ports::QuoteStoreError;

namespace {
QuoteStoreError refused(fx::QuoteUseError error) {
  return QuoteStoreError{QuoteStoreError::Kind::refused, error, PortError{}};
}
}  // namespace

Result<void, PortError> MemoryQuoteStore::insert(const fx::Quote& quote) {
  const std::lock_guard lock(mutex_);
  if (quotes_.contains(quote.id)) {
    return Err{PortError{PortError::Kind::conflict, "quote id exists"}};
  }
  if (quotes_.size() >= capacity_) {
    return Err{PortError{PortError::Kind::unavailable, "quote store full"}};
  }
  quotes_.emplace(quote.id, quote);
  return {};
}

Result<fx::Quote, QuoteStoreError> MemoryQuoteStore::find(std::string_view id) const {
  const std::lock_guard lock(mutex_);
  const auto found = quotes_.find(id);
  if (found == quotes_.end()) return Err{refused(fx::QuoteUseError::not_found)};
  return found->second;
}

Result<fx::Quote, QuoteStoreError> MemoryQuoteStore::mark_used(std::string_view id, Timestamp now) {
  const std::lock_guard lock(mutex_);
  const auto found = quotes_.find(id);
  if (found == quotes_.end()) return Err{refused(fx::QuoteUseError::not_found)};
  const auto used = found->second.use(now);
  if (!used) return Err{refused(used.error())};
  used_at_.insert_or_assign(std::string(id), now);
  return found->second;
}

Result<bool, ports::PortError> MemoryQuoteStore::release(std::string_view id, Timestamp used_at) {
  const std::lock_guard lock(mutex_);
  const auto found = quotes_.find(id);
  const auto when = used_at_.find(id);
  if (found == quotes_.end() || found->second.status != fx::QuoteStatus::used ||
      when == used_at_.end() || when->second != used_at) {
    return false;
  }
  found->second.status = fx::QuoteStatus::open;
  used_at_.erase(when);
  return true;
}

}  // namespace drop::adapters::memory
