// RFC 9457 problem details (application/problem+json), exactly as API.md "Errors":
//   {"type":"/errors/<code>","title":"...","status":422,"detail":"...","code":"<code>",
//    "request_id":"...","errors":[{"field":"...","message":"..."}]}
// `errors` appears only for validation problems. The code -> status table lives here, once.
// A 5xx problem carries a fixed, generic detail: internals (SQL, stacks, secrets) never leak.
// Thread-safety: pure functions.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "http/message.hpp"

namespace drop::http {

enum class ErrorCode : std::uint8_t {
  invalid_request,
  unauthorized,
  forbidden,
  kyc_required,
  not_found,
  method_not_allowed,
  idempotency_in_progress,
  idempotency_key_reused,
  validation_failed,
  insufficient_funds,
  quote_expired,
  quote_used,
  limit_exceeded,
  amount_too_small,
  fee_exceeds_amount,
  unsupported_currency,
  invalid_qr,
  unsupported_qr,
  payload_too_large,
  unsupported_media_type,
  rate_limited,
  internal,
  unavailable,
};

struct ErrorInfo {
  ErrorCode code;
  std::string_view name;   // "invalid_request": the stable machine-readable code
  int status;              // HTTP status
  std::string_view title;  // short, human, constant per code
};

// The whole table, in ErrorCode order (for documentation and tests).
const std::vector<ErrorInfo>& error_table();
const ErrorInfo& error_info(ErrorCode code);
std::optional<ErrorCode> parse_error_code(std::string_view name);

struct FieldError {
  std::string field;
  std::string message;
};

// A problem+json response. `detail` is ignored for 5xx codes (a generic sentence is used).
Response problem(ErrorCode code, std::string_view detail, std::string_view request_id,
                 const std::vector<FieldError>& errors = {});

inline constexpr std::string_view problem_content_type = "application/problem+json";

}  // namespace drop::http
