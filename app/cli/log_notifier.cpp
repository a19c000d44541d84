#include "cli/log_notifier.hpp"

#include "drop/adapters/slack/slack_message.hpp"
#include "http/request_log.hpp"
#include "json/json.hpp"

namespace drop::app {

std::string format_alert_line(Timestamp time, const ports::Alert& alert) {
  json::Buffer buffer;
  json::Writer writer(buffer);
  writer.StartObject();
  json::write_key(writer, "time");
  json::write_string(writer, http::format_log_time(time));
  json::write_key(writer, "level");
  json::write_string(writer, "warn");
  json::write_key(writer, "event");
  json::write_string(writer, "operator_alert");
  json::write_key(writer, "alert");
  json::write_string(writer, ports::to_string(alert.kind));
  json::write_key(writer, "subject_id");
  json::write_string(writer, alert.subject_id);
  json::write_key(writer, "user_id");
  if (alert.user_id.empty()) {
    writer.Null();
  } else {
    json::write_string(writer, alert.user_id);
  }
  json::write_key(writer, "amount");
  if (alert.amount) {
    json::write_money(writer, *alert.amount);
  } else {
    writer.Null();
  }
  json::write_key(writer, "detail");
  json::write_string(writer, adapters::slack::redact_digit_runs(alert.detail));
  writer.EndObject();
  return json::to_string(buffer);
}

void LogNotifier::notify(ports::Alert alert) noexcept {
  try {
    http::write_stdout_line(format_alert_line(clock_.now(), alert));
    ++written_;
  } catch (...) {  // out of memory: an alert never fails its caller
  }
}

}  // namespace drop::app
