#include "usecases/kyc_service.hpp"

namespace drop::usecases {

std::string_view to_string(WebhookOutcome outcome) {
  switch (outcome) {
    case WebhookOutcome::applied:
      return "applied";
    case WebhookOutcome::no_change:
      return "no_change";
    case WebhookOutcome::stale:
      return "stale";
    case WebhookOutcome::unknown_user:
      return "unknown_user";
    case WebhookOutcome::duplicate:
      return "duplicate";
  }
  return "unknown";
}

Result<ports::KycAccessToken, KycTokenFailure> KycService::access_token(
    const std::string& user_id) {
  if (provider_ == nullptr) {
    return Err{KycTokenFailure{KycTokenRefusal::not_configured,
                               {ports::PortError::Kind::unavailable, "KYC provider not wired"}}};
  }
  auto user = users_.find_by_id(user_id);
  if (!user) return Err{KycTokenFailure{KycTokenRefusal::store, user.error()}};
  if (!*user) return Err{KycTokenFailure{KycTokenRefusal::no_user, {}}};
  auto applicant = kyc_.applicant_of(user_id);
  if (!applicant) return Err{KycTokenFailure{KycTokenRefusal::store, applicant.error()}};
  if (!*applicant) {
    auto created = provider_->create_applicant(user_id);
    if (!created) return Err{KycTokenFailure{KycTokenRefusal::provider, created.error()}};
    auto saved = kyc_.save_applicant(user_id, *created, clock_.now());
    if (!saved) return Err{KycTokenFailure{KycTokenRefusal::store, saved.error()}};
  }
  auto token = provider_->access_token(user_id);
  if (!token) return Err{KycTokenFailure{KycTokenRefusal::provider, token.error()}};
  return std::move(*token);
}

Result<WebhookOutcome, ports::PortError> KycService::process(
    const ports::VerifiedWebhook& webhook) {
  const kyc::WebhookEvent& event = webhook.event;
  const Timestamp now = clock_.now();
  std::string user_id;
  if (!event.external_user_id.empty()) {
    auto user = users_.find_by_id(event.external_user_id);
    if (!user) return Err{user.error()};
    if (*user) user_id = (*user)->id;
  }
  ports::KycEventRecord record{webhook.event_id,
                               user_id,
                               event.type,
                               std::string(kyc::to_string(event.answer)),
                               std::string(kyc::to_string(event.reject_type)),
                               event.created_at_ms,
                               now};
  auto needs_processing = kyc_.record_event(record);
  if (!needs_processing) return Err{needs_processing.error()};
  if (!*needs_processing) return WebhookOutcome::duplicate;

  WebhookOutcome outcome = WebhookOutcome::no_change;
  const auto status = kyc::status_after(event);
  if (user_id.empty()) {
    outcome = WebhookOutcome::unknown_user;
  } else if (status) {
    auto applied = users_.set_kyc_status(user_id, *status, event.created_at_ms, now);
    if (!applied) return Err{applied.error()};
    outcome = *applied ? WebhookOutcome::applied : WebhookOutcome::stale;
    if (*applied && *status == users::KycStatus::rejected) {
      notifier_.notify(ports::kyc_rejected_alert(user_id, event.applicant_id, event.reject_labels));
    }
  }
  if (auto marked = kyc_.mark_processed(webhook.event_id, now); !marked) {
    return Err{marked.error()};
  }
  return outcome;
}

}  // namespace drop::usecases
