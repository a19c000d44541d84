#include "http/problem.hpp"

#include "drop/assert.hpp"
#include "json/json.hpp"

namespace drop::http {

const std::vector<ErrorInfo>& error_table() {
  using E = ErrorCode;
  static const std::vector<ErrorInfo> table = {
      {E::invalid_request, "invalid_request", 400, "Invalid request"},
      {E::unauthorized, "unauthorized", 401, "Unauthorized"},
      {E::forbidden, "forbidden", 403, "Forbidden"},
      {E::kyc_required, "kyc_required", 403, "Identity verification required"},
      {E::not_found, "not_found", 404, "Not found"},
      {E::method_not_allowed, "method_not_allowed", 405, "Method not allowed"},
      {E::idempotency_in_progress, "idempotency_in_progress", 409,
       "A request with this Idempotency-Key is in progress"},
      {E::idempotency_key_reused, "idempotency_key_reused", 422,
       "Idempotency-Key reused with a different request"},
      {E::validation_failed, "validation_failed", 422, "Validation failed"},
      {E::insufficient_funds, "insufficient_funds", 422, "Insufficient funds"},
      {E::quote_expired, "quote_expired", 422, "Quote expired"},
      {E::quote_used, "quote_used", 409, "Quote already used"},
      {E::limit_exceeded, "limit_exceeded", 422, "Limit exceeded"},
      {E::amount_too_small, "amount_too_small", 422, "Amount too small"},
      {E::fee_exceeds_amount, "fee_exceeds_amount", 422, "Fee exceeds amount"},
      {E::unsupported_currency, "unsupported_currency", 422, "Unsupported currency"},
      {E::invalid_qr, "invalid_qr", 422, "Invalid QR payload"},
      {E::unsupported_qr, "unsupported_qr", 422, "Unsupported QR code"},
      {E::payload_too_large, "payload_too_large", 413, "Payload too large"},
      {E::unsupported_media_type, "unsupported_media_type", 415, "Unsupported media type"},
      {E::rate_limited, "rate_limited", 429, "Too many requests"},
      {E::internal, "internal", 500, "Internal error"},
      {E::unavailable, "unavailable", 503, "Service unavailable"},
  };
  return table;
}

const ErrorInfo& error_info(ErrorCode code) {
  const auto& table = error_table();
  const auto index = static_cast<std::size_t>(code);
  DROP_ASSERT(index < table.size());
  DROP_ASSERT(table[index].code == code);
  return table[index];
}

std::optional<ErrorCode> parse_error_code(std::string_view name) {
  for (const ErrorInfo& info : error_table()) {
    if (info.name == name) return info.code;
  }
  return std::nullopt;
}

Response problem(ErrorCode code, std::string_view detail, std::string_view request_id,
                 const std::vector<FieldError>& errors) {
  const ErrorInfo& info = error_info(code);
  if (info.status >= 500) {
    detail = info.status == 503 ? "The service is temporarily unavailable; retry later."
                                : "An unexpected error occurred; it has been logged.";
  }
  json::Buffer buffer;
  json::Writer writer(buffer);
  writer.StartObject();
  json::write_key(writer, "type");
  json::write_string(writer, std::string("/errors/") + std::string(info.name));
  json::write_key(writer, "title");
  json::write_string(writer, info.title);
  json::write_key(writer, "status");
  writer.Int(info.status);
  json::write_key(writer, "detail");
  json::write_string(writer, detail.empty() ? info.title : detail);
  json::write_key(writer, "code");
  json::write_string(writer, info.name);
  json::write_key(writer, "request_id");
  json::write_string(writer, request_id);
  if (!errors.empty()) {
    json::write_key(writer, "errors");
    writer.StartArray();
    for (const FieldError& error : errors) {
      writer.StartObject();
      json::write_key(writer, "field");
      json::write_string(writer, error.field);
      json::write_key(writer, "message");
      json::write_string(writer, error.message);
      writer.EndObject();
    }
    writer.EndArray();
  }
  writer.EndObject();
  Response response;
  response.status = info.status;
  response.content_type = std::string(problem_content_type);
  response.body = json::to_string(buffer);
  return response;
}

}  // namespace drop::http
