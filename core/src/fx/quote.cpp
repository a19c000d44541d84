#include "drop/fx/quote.hpp"

#include <utility>

#include "drop/limits.hpp"

namespace drop::fx {

std::string_view to_string(QuoteStatus status) {
  switch (status) {
    case QuoteStatus::open:
      return "open";
    case QuoteStatus::used:
      return "used";
    case QuoteStatus::expired:
      return "expired";
  }
  return "unknown";
}

std::string_view to_string(QuoteUseError error) {
  switch (error) {
    case QuoteUseError::quote_expired:
      return "quote_expired";
    case QuoteUseError::quote_used:
      return "quote_used";
    case QuoteUseError::not_found:
      return "not_found";
  }
  return "unknown";
}

QuoteStatus Quote::status_at(Timestamp now) const {
  if (status == QuoteStatus::open && now >= expires_at) return QuoteStatus::expired;
  return status;
}

Result<void, QuoteUseError> Quote::use(Timestamp now) {
  if (status == QuoteStatus::used) return Err{QuoteUseError::quote_used};
  if (status == QuoteStatus::expired || now >= expires_at) {
    status = QuoteStatus::expired;
    return Err{QuoteUseError::quote_expired};
  }
  status = QuoteStatus::used;
  return {};
}

std::string quote_id_from_entropy(std::span<const std::byte, quote_id_entropy_bytes> entropy) {
  static constexpr char hex[] = "0123456789abcdef";
  std::string id = "quo_";
  for (const std::byte byte : entropy) {
    const auto value = std::to_integer<unsigned>(byte);
    id.push_back(hex[value >> 4]);
    id.push_back(hex[value & 0x0f]);
  }
  return id;
}

Result<Quote, QuoteRefusal> make_quote(const RateTable& table, const QuoteRequest& request,
                                       const PricingPolicy& policy, Timestamp now,
                                       std::int64_t ttl_s, std::string id) {
  DROP_ASSERT(ttl_s > 0);
  DROP_ASSERT(ttl_s <= limits::quote_ttl_s_max);
  DROP_ASSERT(!id.empty());
  auto pricing = price(table, request, policy, now);
  if (!pricing) return Err{pricing.error()};
  return Quote{std::move(id),
               pricing->source,
               pricing->target,
               pricing->fee,
               pricing->rate,
               pricing->mid,
               policy.spread_bps,
               table.as_of(),
               std::string(table.source_name()),
               now,
               now.plus_seconds(ttl_s),
               QuoteStatus::open,
               std::string{}};
}

}  // namespace drop::fx
