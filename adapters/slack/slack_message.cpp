#include "drop/adapters/slack/slack_message.hpp"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace drop::adapters::slack {

namespace {

constexpr std::size_t redact_digits_min = 11;
constexpr std::size_t detail_chars_max = 500;

bool is_digit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

std::string escape_mrkdwn(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      default:
        out.push_back(c);
    }
  }
  return out;
}

std::string redact_digit_runs(std::string_view text) {
  std::string out;
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t end = i;
    while (end < text.size() && is_digit(text[end])) ++end;
    if (end - i >= redact_digits_min) {
      out += "[redacted]";
      i = end;
    } else if (end > i) {
      out.append(text.substr(i, end - i));
      i = end;
    } else {
      out.push_back(text[i++]);
    }
  }
  return out;
}

std::string format_text(const ports::Alert& alert) {
  std::string text = "*" + std::string(ports::title_of(alert.kind)) + "* ";
  text += escape_mrkdwn(alert.subject_id);
  if (!alert.user_id.empty()) text += " user " + escape_mrkdwn(alert.user_id);
  if (alert.amount) {
    text += ": " + alert.amount->to_decimal() + " " + std::string(alert.amount->currency().code());
  }
  if (!alert.detail.empty()) {
    std::string detail = redact_digit_runs(alert.detail);
    if (detail.size() > detail_chars_max) detail.resize(detail_chars_max);
    text += " - " + escape_mrkdwn(detail);
  }
  return text;
}

std::string message_body(const ports::Alert& alert) {
  const std::string text = format_text(alert);
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  writer.StartObject();
  writer.Key("text");
  writer.String(text.data(), static_cast<rapidjson::SizeType>(text.size()));
  writer.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize());
}

SlackAnswer classify(const http_client::HttpResponse& response) {
  if (response.status >= 200 && response.status < 300) return SlackAnswer::delivered;
  if (response.status == 429) return SlackAnswer::rate_limited;
  if (response.status >= 500) return SlackAnswer::retryable;
  return SlackAnswer::refused;
}

std::optional<std::int64_t> retry_after_s(const http_client::HttpResponse& response) {
  const auto header = response.header("Retry-After");
  if (!header || header->empty() || header->size() > 9) return std::nullopt;
  std::int64_t seconds = 0;
  for (char c : *header) {
    if (!is_digit(c)) return std::nullopt;
    seconds = seconds * 10 + (c - '0');
  }
  return seconds;
}

}  // namespace drop::adapters::slack
