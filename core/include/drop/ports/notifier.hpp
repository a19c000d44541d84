// Notifier port: operational alerts for the people running Drop (large transfer, KYC rejected,
// payout failed, secrets refresh failing). Adapters: slack (SLACK_WEBHOOK_URL, asynchronous,
// paced) and a log-only notifier (one JSON line on stdout) when Slack is not configured.
//
// `notify` never blocks the caller on the network and never fails it: an alert that cannot be
// delivered is counted and logged by the adapter, never reported back. Alerts carry ids and
// amounts, never secrets or national identity numbers; `detail` is free text that adapters
// escape for their medium.
// Thread-safety: implementations are thread-safe; `notify` may be called from any thread.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "drop/money/money.hpp"

namespace drop::ports {

enum class AlertKind : std::uint8_t {
  large_transfer = 1,           // a transfer at or above DROP_ALERT_LARGE_TRANSFER_MINOR
  kyc_rejected = 2,             // Sumsub reviewed a user RED + FINAL
  payout_failed = 3,            // the payout rail refused; the wallet was refunded
  secrets_refresh_failing = 4,  // Secrets Manager refresh failed; the last good values serve
};
std::string_view to_string(AlertKind kind);  // "large_transfer", ...
std::string_view title_of(AlertKind kind);   // "Large transfer", ...

struct Alert {
  AlertKind kind = AlertKind::large_transfer;
  std::string subject_id;  // what it is about: a transfer id, an applicant id, a secret's name
  std::string user_id;     // the Drop user concerned ("usr_..."), or empty
  std::optional<Money> amount;
  std::string detail;  // short operator text; untrusted parts allowed (adapters escape them)
};

// Builders for the four alerts (the only ways the app raises them).
Alert large_transfer_alert(std::string transfer_id, std::string user_id, Money amount);
Alert kyc_rejected_alert(std::string user_id, std::string applicant_id, const std::string& labels);
Alert payout_failed_alert(std::string transfer_id, std::string user_id, Money refunded,
                          std::string reason);
Alert secrets_refresh_failing_alert(std::string secret_name, std::string reason);

class Notifier {
 public:
  virtual ~Notifier() = default;
  // Queues or writes `alert`. Never blocks on I/O, never throws, never fails the caller.
  virtual void notify(Alert alert) noexcept = 0;
};

}  // namespace drop::ports
