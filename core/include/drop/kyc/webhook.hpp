// Sumsub webhook events, after the adapter has checked their digest and read their JSON: the
// rules that decide what an event does to a user's KYC status. No crypto, no JSON here.
//
// Rules:
//   - applicantReviewed + GREEN            -> approved
//   - applicantReviewed + RED + RETRY      -> retry (the user may resubmit)
//   - applicantReviewed + RED + FINAL      -> rejected (and an operator alert)
//   - applicantPending, applicantOnHold    -> pending
//   - anything else (applicantCreated, RED without a reject type, unknown types) -> no change
//   - an event changes the status only when its createdAtMs is newer than the event that set
//     the current one (deliveries arrive in any order and more than once).
// Thread-safety: value types and pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "drop/users/user.hpp"

namespace drop::kyc {

enum class ReviewAnswer : std::uint8_t { none, green, red };
enum class RejectType : std::uint8_t { none, retry, final_rejection };

struct WebhookEvent {
  std::string type;              // "applicantReviewed", ...
  std::string applicant_id;      // Sumsub's applicant id
  std::string external_user_id;  // the Drop user id we gave Sumsub
  ReviewAnswer answer = ReviewAnswer::none;
  RejectType reject_type = RejectType::none;
  std::string reject_labels;       // "UNSATISFACTORY_PHOTOS,FORGERY" (Sumsub's label names only)
  std::int64_t created_at_ms = 0;  // milliseconds since the Unix epoch, UTC
};

ReviewAnswer parse_review_answer(std::string_view text);  // "GREEN"/"RED"; else none
RejectType parse_reject_type(std::string_view text);      // "RETRY"/"FINAL"; else none
std::string_view to_string(ReviewAnswer answer);          // "GREEN", "RED", ""
std::string_view to_string(RejectType type);              // "RETRY", "FINAL", ""

// Sumsub's createdAtMs: "YYYY-MM-DD HH:MM:SS[.fff]" in UTC (also accepts a 'T' separator);
// nullopt when malformed or out of range.
std::optional<std::int64_t> parse_created_at_ms(std::string_view text);

// The status `event` moves its user to, or nullopt when it changes nothing.
std::optional<users::KycStatus> status_after(const WebhookEvent& event);

// True when an event created at `event_ms` may replace a status set by an event at
// `current_ms` (strictly newer; equal times are the same or a concurrent event: ignored).
inline bool is_newer(std::int64_t event_ms, std::int64_t current_ms) {
  return event_ms > current_ms;
}

}  // namespace drop::kyc
