#include "drop/ports/kyc_provider.hpp"

namespace drop::ports {

std::string_view to_string(WebhookRefusal refusal) {
  switch (refusal) {
    case WebhookRefusal::missing_digest:
      return "missing_digest";
    case WebhookRefusal::missing_algorithm:
      return "missing_algorithm";
    case WebhookRefusal::unknown_algorithm:
      return "unknown_algorithm";
    case WebhookRefusal::digest_mismatch:
      return "digest_mismatch";
    case WebhookRefusal::not_configured:
      return "not_configured";
    case WebhookRefusal::malformed_event:
      return "malformed_event";
  }
  return "unknown";
}

}  // namespace drop::ports
