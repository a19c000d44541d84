#include "drop/adapters/rates/http_rate_source.hpp"

#include "drop/fx/rate_formats.hpp"
#include "drop/limits.hpp"

namespace drop::adapters::rates {

using ports::PortError;

namespace {
// "https://host:port/path?query" -> "https://host:port/path": no query in messages.
std::string without_query(const std::string& url) { return url.substr(0, url.find('?')); }
}  // namespace

Result<fx::RateTable, PortError> HttpRateSource::load() {
  http_client::HttpRequest request;
  request.url = url_;
  request.headers = {{"Accept", "application/xml, text/xml, text/csv"}};
  request.timeout_ms = timeout_ms_;
  request.retry_safe = true;
  const std::string name = without_query(url_);
  auto response = client_.send(request);
  if (!response) {
    return Err{PortError{PortError::Kind::unavailable,
                         std::string(http_client::to_string(response.error().kind)) + ": " +
                             response.error().message}};
  }
  if (response->status != 200) {
    return Err{PortError{PortError::Kind::unavailable,
                         name + ": HTTP status " + std::to_string(response->status)}};
  }
  if (response->body.size() > limits::rate_file_bytes_max) {
    return Err{PortError{
        PortError::Kind::invalid,
        name + ": larger than " + std::to_string(limits::rate_file_bytes_max) + " bytes"}};
  }
  auto parsed = fx::parse_rate_file(response->body);
  if (!parsed) {
    return Err{PortError{PortError::Kind::corrupt, name + ": " + parsed.error().to_string()}};
  }
  return std::move(parsed).value().table;
}

}  // namespace drop::adapters::rates
