// The plain value types of http_client.hpp.
#include <algorithm>
#include <cctype>

#include "drop/adapters/http_client/http_client.hpp"

namespace drop::http_client {

namespace {
bool equals_ignoring_case(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}
}  // namespace

std::optional<std::string_view> HttpResponse::header(std::string_view name) const {
  for (const HttpHeader& each : headers) {
    if (equals_ignoring_case(each.name, name)) return std::string_view(each.value);
  }
  return std::nullopt;
}

std::string_view to_string(HttpErrorKind kind) {
  switch (kind) {
    case HttpErrorKind::invalid_url:
      return "invalid_url";
    case HttpErrorKind::insecure_url:
      return "insecure_url";
    case HttpErrorKind::resolve:
      return "resolve";
    case HttpErrorKind::connect:
      return "connect";
    case HttpErrorKind::tls:
      return "tls";
    case HttpErrorKind::timeout:
      return "timeout";
    case HttpErrorKind::too_large:
      return "too_large";
    case HttpErrorKind::protocol:
      return "protocol";
    case HttpErrorKind::circuit_open:
      return "circuit_open";
    case HttpErrorKind::overloaded:
      return "overloaded";
  }
  return "unknown";
}

}  // namespace drop::http_client
