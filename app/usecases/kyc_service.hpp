// KycService: identity verification with Sumsub (API "POST /api/kyc/token" and
// "POST /api/webhooks/sumsub").
//
// access_token(): creates the user's applicant at the provider the first time (its
// externalUserId is the user id) and stores its id with the user (KycStore), then issues a
// WebSDK token. Without a provider (no outbound client or no SUMSUB_* settings) it answers
// not_configured.
//
// process(): for a webhook whose digest the route has verified. Durability choice: STORE, THEN
// PROCESS, IN THE REQUEST. The event is first recorded in `kyc_events` (deduplicated by the
// SHA-256 of its body), then applied, then marked processed. If anything fails after the event
// is stored, process() fails, the route answers 503 and Sumsub redelivers; the redelivery finds
// the event stored but unprocessed and processes it again (record_event returns true), so
// nothing is lost. A redelivery of a processed event is a duplicate: nothing happens, 200.
// Applying is safe to repeat: the user's status changes only when the event's createdAtMs is
// strictly newer than the one that set it (set_kyc_status checks it atomically), so duplicates
// and out-of-order deliveries never move a user backwards, and the rejection alert is raised
// only by the delivery that actually applied the rejection.
// Weakness (documented): a crash between applying a RED FINAL and raising its alert loses that
// alert (the status is right; the log shows the event).
// Thread-safety: methods may run concurrently (the stores are atomic).
#pragma once

#include <cstdint>
#include <string>

#include "drop/ports/clock.hpp"
#include "drop/ports/kyc_provider.hpp"
#include "drop/ports/kyc_store.hpp"
#include "drop/ports/notifier.hpp"
#include "drop/ports/user_store.hpp"

namespace drop::usecases {

enum class KycTokenRefusal : std::uint8_t {
  not_configured = 1,  // no KYC provider wired
  no_user = 2,         // the token's user does not exist
  provider = 3,        // the provider failed (see error)
  store = 4,           // our store failed (see error)
};

struct KycTokenFailure {
  KycTokenRefusal refusal;
  ports::PortError error;
};

enum class WebhookOutcome : std::uint8_t {
  applied = 1,       // the user's status changed
  no_change = 2,     // an event that changes nothing (applicantCreated, ...)
  stale = 3,         // older than (or as old as) the event behind the current status
  unknown_user = 4,  // externalUserId names no Drop user: recorded, nothing applied
  duplicate = 5,     // processed before
};
std::string_view to_string(WebhookOutcome outcome);

class KycService {
 public:
  // `provider` may be null (not configured).
  KycService(ports::UserStore& users, ports::KycStore& kyc, ports::KycProvider* provider,
             ports::Notifier& notifier, const ports::Clock& clock)
      : users_(users), kyc_(kyc), provider_(provider), notifier_(notifier), clock_(clock) {}

  Result<ports::KycAccessToken, KycTokenFailure> access_token(const std::string& user_id);

  Result<WebhookOutcome, ports::PortError> process(const ports::VerifiedWebhook& webhook);

 private:
  ports::UserStore& users_;
  ports::KycStore& kyc_;
  ports::KycProvider* provider_;
  ports::Notifier& notifier_;
  const ports::Clock& clock_;
};

}  // namespace drop::usecases
