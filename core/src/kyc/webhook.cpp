#include "drop/kyc/webhook.hpp"

#include "drop/time/timestamp.hpp"

namespace drop::kyc {

ReviewAnswer parse_review_answer(std::string_view text) {
  if (text == "GREEN") return ReviewAnswer::green;
  if (text == "RED") return ReviewAnswer::red;
  return ReviewAnswer::none;
}

RejectType parse_reject_type(std::string_view text) {
  if (text == "RETRY") return RejectType::retry;
  if (text == "FINAL") return RejectType::final_rejection;
  return RejectType::none;
}

std::string_view to_string(ReviewAnswer answer) {
  switch (answer) {
    case ReviewAnswer::green:
      return "GREEN";
    case ReviewAnswer::red:
      return "RED";
    case ReviewAnswer::none:
      break;
  }
  return "";
}

std::string_view to_string(RejectType type) {
  switch (type) {
    case RejectType::retry:
      return "RETRY";
    case RejectType::final_rejection:
      return "FINAL";
    case RejectType::none:
      break;
  }
  return "";
}

namespace {

// `count` decimal digits at `text[at]`, or -1.
int digits(std::string_view text, std::size_t at, std::size_t count) {
  if (at + count > text.size()) return -1;
  int value = 0;
  for (std::size_t i = at; i < at + count; ++i) {
    if (text[i] < '0' || text[i] > '9') return -1;
    value = value * 10 + (text[i] - '0');
  }
  return value;
}

}  // namespace

// Grammar: DATE (" " | "T") HH ":" MM ":" SS [ "." 1*3DIGIT ]   (UTC; no zone suffix)
std::optional<std::int64_t> parse_created_at_ms(std::string_view text) {
  if (text.size() < 19 || text.size() > 23) return std::nullopt;
  auto date = parse_date(text.substr(0, 10));
  if (!date || (text[10] != ' ' && text[10] != 'T') || text[13] != ':' || text[16] != ':') {
    return std::nullopt;
  }
  const int hour = digits(text, 11, 2);
  const int minute = digits(text, 14, 2);
  const int second = digits(text, 17, 2);
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
    return std::nullopt;
  }
  int millis = 0;
  if (text.size() > 19) {
    if (text[19] != '.' || text.size() == 20) return std::nullopt;
    const std::size_t count = text.size() - 20;
    millis = digits(text, 20, count);
    if (millis < 0) return std::nullopt;
    for (std::size_t i = count; i < 3; ++i) millis *= 10;
  }
  const std::int64_t seconds = days_since_epoch(*date) * 86400 + hour * 3600 + minute * 60 + second;
  return seconds * 1000 + millis;
}

std::optional<users::KycStatus> status_after(const WebhookEvent& event) {
  using users::KycStatus;
  if (event.type == "applicantPending" || event.type == "applicantOnHold") {
    return KycStatus::pending;
  }
  if (event.type != "applicantReviewed") return std::nullopt;
  if (event.answer == ReviewAnswer::green) return KycStatus::approved;
  if (event.answer != ReviewAnswer::red) return std::nullopt;
  if (event.reject_type == RejectType::retry) return KycStatus::retry;
  if (event.reject_type == RejectType::final_rejection) return KycStatus::rejected;
  return std::nullopt;
}

}  // namespace drop::kyc
