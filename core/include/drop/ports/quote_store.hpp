// QuoteStore port: quotes by id, and the atomic "use once" transition.
//
// Adapters: in-memory (adapters/memory), later SQLite/PostgreSQL. Implementations must be
// thread-safe; mark_used must be atomic: of any number of concurrent calls for one open quote,
// exactly one succeeds.
#pragma once

#include <string_view>

#include "drop/fx/quote.hpp"
#include "drop/ports/port_error.hpp"
#include "drop/result.hpp"
#include "drop/time/timestamp.hpp"

namespace drop::ports {

// A domain refusal (quote_used, quote_expired, not_found) or the store failing.
struct QuoteStoreError {
  enum class Kind { refused, port } kind;
  fx::QuoteUseError refusal;  // when kind == refused
  PortError port;             // when kind == port
};

class QuoteStore {
 public:
  virtual ~QuoteStore() = default;
  // Stores a new quote. Fails with PortError conflict when the id exists.
  virtual Result<void, PortError> insert(const fx::Quote& quote) = 0;
  // The quote with that id as stored (its status not adjusted for time), or not_found.
  virtual Result<fx::Quote, QuoteStoreError> find(std::string_view id) const = 0;
  // Atomically applies Quote::use(now) to the stored quote; returns the used quote, or
  // not_found / quote_used / quote_expired.
  virtual Result<fx::Quote, QuoteStoreError> mark_used(std::string_view id, Timestamp now) = 0;
  // Undoes mark_used(id, used_at) when the transfer that used the quote was refused before any
  // money moved: the quote is open again (until it expires). True when it was released; false
  // (nothing changed) when it is not used at `used_at`. REQUIRES: no remittance that is not
  // rejected holds the quote (the SQL adapters also check this in the same statement).
  virtual Result<bool, PortError> release(std::string_view id, Timestamp used_at) = 0;
};

}  // namespace drop::ports
