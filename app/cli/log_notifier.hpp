// LogNotifier: the Notifier used when SLACK_WEBHOOK_URL is not set. Each alert is one JSON line
// on stdout, written like the request log (app/http/request_log.hpp):
//   {"time":"...","level":"warn","event":"operator_alert","alert":"payout_failed",
//    "subject_id":"trf_...","user_id":"usr_..."|null,"amount":{"amount":..,"currency":".."}|null,
//    "detail":"..."}
// Fields are chosen one by one (ids, amounts, the operator detail); never a secret or a national
// identity number (runs of 11+ digits in the detail are redacted as for Slack).
// Thread-safety: notify() may be called from any thread.
#pragma once

#include <atomic>
#include <cstdint>

#include "drop/ports/clock.hpp"
#include "drop/ports/notifier.hpp"

namespace drop::app {

class LogNotifier final : public ports::Notifier {
 public:
  explicit LogNotifier(const ports::Clock& clock) : clock_(clock) {}
  void notify(ports::Alert alert) noexcept override;
  std::uint64_t written() const { return written_.load(); }

 private:
  const ports::Clock& clock_;
  std::atomic<std::uint64_t> written_{0};
};

// The alert as the log line above (without the newline).
std::string format_alert_line(Timestamp time, const ports::Alert& alert);

}  // namespace drop::app
