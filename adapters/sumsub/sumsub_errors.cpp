#include "drop/adapters/sumsub/sumsub_errors.hpp"

#include <rapidjson/document.h>

#include <string>

namespace drop::adapters::sumsub {

using ports::PortError;

namespace {

constexpr std::size_t description_chars_max = 160;

std::string description_of(const std::string& body) {
  rapidjson::Document document;
  document.Parse(body.data(), body.size());
  if (document.HasParseError() || !document.IsObject()) return "";
  const auto member = document.FindMember("description");
  if (member == document.MemberEnd() || !member->value.IsString()) return "";
  std::string text;
  for (char c : std::string_view(member->value.GetString(), member->value.GetStringLength())) {
    if (text.size() >= description_chars_max) break;
    if (static_cast<unsigned char>(c) >= 0x20 && c != 0x7F) text.push_back(c);
  }
  return text;
}

PortError::Kind kind_of(unsigned status) {
  if (status == 409) return PortError::Kind::conflict;
  if (status == 401 || status == 403) return PortError::Kind::internal;
  if (status == 429 || status >= 500) return PortError::Kind::unavailable;
  if (status >= 400) return PortError::Kind::invalid;
  return PortError::Kind::internal;  // a 1xx/2xx/3xx we did not expect
}

}  // namespace

PortError error_from_response(const http_client::HttpResponse& response) {
  std::string message = "sumsub answered " + std::to_string(response.status);
  const std::string description = description_of(response.body);
  if (!description.empty()) message += ": " + description;
  return PortError{kind_of(response.status), std::move(message)};
}

PortError error_from_transport(const http_client::HttpError& error) {
  const auto kind = error.kind == http_client::HttpErrorKind::timeout
                        ? PortError::Kind::timeout
                        : PortError::Kind::unavailable;
  return PortError{kind, "sumsub unreachable (" + std::string(http_client::to_string(error.kind)) +
                             "): " + error.message};
}

}  // namespace drop::adapters::sumsub
