// KycProvider port: the identity-verification service (Sumsub). Creates the applicant that
// stands for a Drop user (its externalUserId is the Drop user id) and issues the short-lived
// access token the WebSDK in the app needs. Webhook verification is the adapter's own
// (KycWebhookVerifier below): it needs only the webhook secret, not the outbound client.
// Thread-safety: implementations are thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "drop/kyc/webhook.hpp"
#include "drop/ports/port_error.hpp"
#include "drop/result.hpp"

namespace drop::ports {

struct KycAccessToken {
  std::string token;       // for the WebSDK; short-lived; never logged
  std::string level_name;  // the verification level it is for
};

class KycProvider {
 public:
  virtual ~KycProvider() = default;

  // Creates the applicant for `user_id` and returns the provider's applicant id. When the
  // provider already has one for this user (a retry after a lost answer), returns that one.
  // Fails with PortError (unavailable/timeout: retry later; invalid: refused by the provider).
  virtual Result<std::string, PortError> create_applicant(std::string_view user_id) = 0;

  // A WebSDK access token for `user_id`'s applicant at the configured level.
  virtual Result<KycAccessToken, PortError> access_token(std::string_view user_id) = 0;
};

// Why a webhook delivery was refused (the route answers 401 for the digest refusals, 400 for
// a body that is not an event).
enum class WebhookRefusal : std::uint8_t {
  missing_digest = 1,     // no X-Payload-Digest
  missing_algorithm = 2,  // no X-Payload-Digest-Alg
  unknown_algorithm = 3,  // not HMAC_SHA256_HEX / HMAC_SHA512_HEX
  digest_mismatch = 4,    // the HMAC of the body does not match
  not_configured = 5,     // no webhook secret: every delivery is refused
  malformed_event = 6,    // authentic, but not a JSON event with the required members
};
std::string_view to_string(WebhookRefusal refusal);

struct VerifiedWebhook {
  std::string event_id;  // lowercase hex SHA-256 of the raw body: the dedupe key
  kyc::WebhookEvent event;
};

class KycWebhookVerifier {
 public:
  virtual ~KycWebhookVerifier() = default;
  // Checks `digest` (X-Payload-Digest) over exactly `raw_body` with the algorithm named by
  // `algorithm` (X-Payload-Digest-Alg; empty when absent) in constant time, then parses it.
  virtual Result<VerifiedWebhook, WebhookRefusal> verify(std::string_view algorithm,
                                                         std::string_view digest,
                                                         std::string_view raw_body) const = 0;
};

}  // namespace drop::ports
