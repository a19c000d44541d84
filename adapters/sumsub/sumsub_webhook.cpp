#include "drop/adapters/sumsub/sumsub_webhook.hpp"

#include <rapidjson/document.h>

#include "drop/adapters/sumsub/sumsub_signing.hpp"
#include "drop/limits.hpp"

namespace drop::adapters::sumsub {

using ports::WebhookRefusal;

namespace {

constexpr std::size_t id_bytes_max = limits::kyc_id_bytes_max;
constexpr std::size_t labels_max = 32;

std::optional<std::string> string_member(const rapidjson::Value& object, const char* name) {
  const auto member = object.FindMember(name);
  if (member == object.MemberEnd() || !member->value.IsString()) return std::nullopt;
  return std::string(member->value.GetString(), member->value.GetStringLength());
}

void read_review(const rapidjson::Value& review, kyc::WebhookEvent& event) {
  if (!review.IsObject()) return;
  event.answer = kyc::parse_review_answer(string_member(review, "reviewAnswer").value_or(""));
  event.reject_type =
      kyc::parse_reject_type(string_member(review, "reviewRejectType").value_or(""));
  const auto labels = review.FindMember("rejectLabels");
  if (labels == review.MemberEnd() || !labels->value.IsArray()) return;
  std::size_t count = 0;
  for (const auto& label : labels->value.GetArray()) {
    if (!label.IsString() || ++count > labels_max) continue;
    // Labels are Sumsub's upper-case names; keep only [A-Z0-9_] so nothing else leaks through.
    std::string name;
    for (char c : std::string_view(label.GetString(), label.GetStringLength())) {
      if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_') name.push_back(c);
    }
    if (name.empty()) continue;
    if (!event.reject_labels.empty()) event.reject_labels.push_back(',');
    event.reject_labels += name;
  }
}

}  // namespace

std::optional<kyc::WebhookEvent> parse_webhook_event(std::string_view body) {
  rapidjson::Document document;
  document.Parse(body.data(), body.size());
  if (document.HasParseError() || !document.IsObject()) return std::nullopt;
  kyc::WebhookEvent event;
  auto type = string_member(document, "type");
  auto applicant = string_member(document, "applicantId");
  auto created = string_member(document, "createdAtMs");
  if (!type || !applicant || !created || type->empty() || type->size() > id_bytes_max ||
      applicant->empty() || applicant->size() > id_bytes_max) {
    return std::nullopt;
  }
  const auto created_ms = kyc::parse_created_at_ms(*created);
  if (!created_ms) return std::nullopt;
  event.type = std::move(*type);
  event.applicant_id = std::move(*applicant);
  event.external_user_id = string_member(document, "externalUserId").value_or("");
  if (event.external_user_id.size() > id_bytes_max) event.external_user_id.clear();
  event.created_at_ms = *created_ms;
  if (const auto review = document.FindMember("reviewResult"); review != document.MemberEnd()) {
    read_review(review->value, event);
  }
  return event;
}

Result<ports::VerifiedWebhook, WebhookRefusal> SumsubWebhookVerifier::verify(
    std::string_view algorithm, std::string_view digest, std::string_view raw_body) const {
  if (secret_.empty()) return Err{WebhookRefusal::not_configured};
  if (algorithm.empty()) return Err{WebhookRefusal::missing_algorithm};
  const auto parsed = parse_digest_algorithm(algorithm);
  if (!parsed) return Err{WebhookRefusal::unknown_algorithm};
  if (digest.empty()) return Err{WebhookRefusal::missing_digest};
  const std::string expected = hmac_hex(*parsed, secret_, raw_body);
  if (!constant_time_equal(expected, digest)) return Err{WebhookRefusal::digest_mismatch};
  auto event = parse_webhook_event(raw_body);
  if (!event) return Err{WebhookRefusal::malformed_event};
  return ports::VerifiedWebhook{sha256_hex(raw_body), std::move(*event)};
}

}  // namespace drop::adapters::sumsub
