// Sumsub webhook verification: X-Payload-Digest checked over the raw body with
// SUMSUB_WEBHOOK_SECRET (the hash named by X-Payload-Digest-Alg; a missing or unknown algorithm
// is refused, never defaulted), compared in constant time; then the event's JSON is read.
//
// Event JSON read (other members ignored):
//   { "type": string, "applicantId": string, "externalUserId"?: string,
//     "createdAtMs": "YYYY-MM-DD HH:MM:SS.fff",
//     "reviewResult"?: { "reviewAnswer"?: "GREEN"|"RED", "reviewRejectType"?: "RETRY"|"FINAL",
//                        "rejectLabels"?: [string...] } }
// Thread-safety: immutable after construction; verify() may run on many threads.
#pragma once

#include <string>

#include "drop/ports/kyc_provider.hpp"

namespace drop::adapters::sumsub {

class SumsubWebhookVerifier final : public ports::KycWebhookVerifier {
 public:
  // An empty secret refuses every delivery (not_configured).
  explicit SumsubWebhookVerifier(std::string webhook_secret) : secret_(std::move(webhook_secret)) {}

  Result<ports::VerifiedWebhook, ports::WebhookRefusal> verify(
      std::string_view algorithm, std::string_view digest,
      std::string_view raw_body) const override;

 private:
  std::string secret_;
};

// Reads an (already authenticated) event body; nullopt when it is not a valid event.
std::optional<kyc::WebhookEvent> parse_webhook_event(std::string_view body);

}  // namespace drop::adapters::sumsub
