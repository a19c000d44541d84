// Quote: the priced promise shown to a customer, with its validity window and single use.
//
// A quote is created open; `use(now)` turns it used exactly once before it expires. Persistence
// is the QuoteStore port's job (drop/ports/quote_store.hpp). Thread-safety: a value type; a
// shared quote must be changed through a QuoteStore, whose mark_used is atomic.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "drop/fx/decimal.hpp"
#include "drop/fx/pricing.hpp"
#include "drop/fx/ratio.hpp"
#include "drop/money/money.hpp"
#include "drop/result.hpp"
#include "drop/time/timestamp.hpp"

namespace drop::fx {

enum class QuoteStatus : std::uint8_t { open = 1, used = 2, expired = 3 };
std::string_view to_string(QuoteStatus status);  // "open", "used", "expired"

enum class QuoteUseError : std::uint8_t {
  quote_expired = 1,  // now >= expires_at
  quote_used = 2,     // already used
  not_found = 3,      // (QuoteStore) no quote with that id
};
std::string_view to_string(QuoteUseError error);

struct Quote {
  std::string id;  // "quo_" + 24 lower-case hex digits
  Money source;
  Money target;
  Money fee;
  Decimal rate;  // the customer rate that priced the quote
  Ratio mid;     // exact mid rate
  int spread_bps = 0;
  Date rate_as_of;
  std::string rate_source;  // "ECB"
  Timestamp created_at;
  Timestamp expires_at;
  QuoteStatus status = QuoteStatus::open;
  // Who asked for it (the API user id; empty when not stored for a user, as `drop fx quote`).
  std::string owner_id;

  // The status a reader should see at `now`: an open quote past its expiry reads "expired".
  QuoteStatus status_at(Timestamp now) const;
  // Uses the quote: open and now < expires_at -> used. Fails with quote_used when already used
  // (checked first), quote_expired when past expires_at (the status becomes expired).
  Result<void, QuoteUseError> use(Timestamp now);
};

// Bytes of entropy in a quote id.
inline constexpr std::size_t quote_id_entropy_bytes = 12;
// "quo_" + lower-case hex of the bytes. Core takes the entropy; it never draws it.
std::string quote_id_from_entropy(std::span<const std::byte, quote_id_entropy_bytes> entropy);

// Prices `request` and builds an open quote with the given id, created at `now`, expiring
// after `ttl_s` seconds. Refusals as price(). REQUIRES: ttl_s > 0, !id.empty().
Result<Quote, QuoteRefusal> make_quote(const RateTable& table, const QuoteRequest& request,
                                       const PricingPolicy& policy, Timestamp now,
                                       std::int64_t ttl_s, std::string id);

}  // namespace drop::fx
