#include "drop/ports/notifier.hpp"

#include <utility>

namespace drop::ports {

std::string_view to_string(AlertKind kind) {
  switch (kind) {
    case AlertKind::large_transfer:
      return "large_transfer";
    case AlertKind::kyc_rejected:
      return "kyc_rejected";
    case AlertKind::payout_failed:
      return "payout_failed";
    case AlertKind::secrets_refresh_failing:
      return "secrets_refresh_failing";
  }
  return "unknown";
}

std::string_view title_of(AlertKind kind) {
  switch (kind) {
    case AlertKind::large_transfer:
      return "Large transfer";
    case AlertKind::kyc_rejected:
      return "KYC rejected";
    case AlertKind::payout_failed:
      return "Payout failed";
    case AlertKind::secrets_refresh_failing:
      return "Secrets refresh failing";
  }
  return "Alert";
}

Alert large_transfer_alert(std::string transfer_id, std::string user_id, Money amount) {
  return Alert{AlertKind::large_transfer, std::move(transfer_id), std::move(user_id), amount, ""};
}

Alert kyc_rejected_alert(std::string user_id, std::string applicant_id, const std::string& labels) {
  return Alert{AlertKind::kyc_rejected, std::move(applicant_id), std::move(user_id), std::nullopt,
               labels.empty() ? std::string() : "reject labels: " + labels};
}

Alert payout_failed_alert(std::string transfer_id, std::string user_id, Money refunded,
                          std::string reason) {
  return Alert{AlertKind::payout_failed, std::move(transfer_id), std::move(user_id), refunded,
               std::move(reason)};
}

Alert secrets_refresh_failing_alert(std::string secret_name, std::string reason) {
  return Alert{AlertKind::secrets_refresh_failing, std::move(secret_name), "", std::nullopt,
               std::move(reason)};
}

}  // namespace drop::ports
