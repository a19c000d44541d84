// Slack incoming-webhook messages: an Alert as mrkdwn text in a JSON body, and what Slack's
// answer means.
//
// Text: "*<title>* <subject_id>[ user <user_id>][: <amount> <currency>][ - <detail>]".
// Every part is escaped for mrkdwn (& -> &amp;, < -> &lt;, > -> &gt;: no injected links or
// mentions) and runs of 11 or more digits in `detail` are replaced by "[redacted]" (a national
// identity number never reaches Slack, even if a caller put one there by mistake).
//
// Answers (Slack replies with a plain-text body): 200 "ok" -> delivered; 429 -> wait for
// Retry-After seconds and retry; 5xx -> retry with backoff; 400/403/404/410 and other 4xx
// (invalid_payload, channel_is_archived, channel_not_found, no_service, action_prohibited,
// posting_to_general_channel_denied, invalid_token, no_text, ...) -> refused, never retried.
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "drop/adapters/http_client/http_client.hpp"
#include "drop/ports/notifier.hpp"

namespace drop::adapters::slack {

std::string escape_mrkdwn(std::string_view text);
std::string redact_digit_runs(std::string_view text);
std::string format_text(const ports::Alert& alert);
// {"text": "..."} (JSON-escaped).
std::string message_body(const ports::Alert& alert);

enum class SlackAnswer : std::uint8_t { delivered, rate_limited, retryable, refused };

SlackAnswer classify(const http_client::HttpResponse& response);
// Retry-After as seconds (delta-seconds only); nullopt when absent or not a number.
std::optional<std::int64_t> retry_after_s(const http_client::HttpResponse& response);

}  // namespace drop::adapters::slack
