// Temporary credentials from the container credentials endpoint (ECS task role, EKS Pod
// Identity). Wire format of a success (HTTP 200, application/json):
//   {"AccessKeyId": "ASIA..", "SecretAccessKey": "..", "Token": "..",
//    "Expiration": "2026-11-30T18:00:00Z", "RoleArn": ".."}
// Any other status is a failure; its body is never read into a message (it may echo tokens).
#include <fstream>
#include <iterator>

#include "drop/adapters/aws/credentials.hpp"
#include "drop/limits.hpp"
#include "json_fields.hpp"

namespace drop::adapters::aws {

namespace {

using ports::PortError;
using ports::PortErrorKind;

bool due_for_refresh(const AwsCredentials& credentials, Timestamp now) {
  return !credentials.expiration ||
         now >= credentials.expiration->plus_seconds(-limits::aws_credentials_refresh_margin_s);
}

bool has_line_break(std::string_view text) {
  return text.find_first_of("\r\n") != std::string_view::npos;
}

}  // namespace

ContainerCredentialsProvider::ContainerCredentialsProvider(http_client::HttpClient& http,
                                                           const ports::Clock& clock,
                                                           ContainerCredentialsConfig config)
    : http_(http), clock_(clock), config_(std::move(config)) {}

Result<AwsCredentials, PortError> ContainerCredentialsProvider::credentials() {
  std::lock_guard lock(mutex_);
  const Timestamp now = clock_.now();
  if (cached_ && !due_for_refresh(*cached_, now)) return *cached_;
  auto fetched = fetch();
  if (fetched) {
    cached_ = *fetched;
    return fetched;
  }
  // A failed early refresh: the cached credentials are still good until they expire.
  if (cached_ && cached_->expiration && now < *cached_->expiration) return *cached_;
  return fetched;
}

Result<std::string, PortError> ContainerCredentialsProvider::authorization_token() const {
  if (config_.authorization_token_file.empty()) {
    if (has_line_break(config_.authorization_token)) {
      return Err{PortError{PortErrorKind::invalid,
                           "AWS_CONTAINER_AUTHORIZATION_TOKEN: contains a line break"}};
    }
    return config_.authorization_token;
  }
  std::ifstream in(config_.authorization_token_file, std::ios::binary);
  if (!in) {
    return Err{PortError{PortErrorKind::unavailable,
                         "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: cannot be read"}};
  }
  std::string token;
  token.resize(limits::aws_token_file_bytes_max + 1);
  in.read(token.data(), static_cast<std::streamsize>(token.size()));
  token.resize(static_cast<std::size_t>(in.gcount()));
  if (token.size() > limits::aws_token_file_bytes_max) {
    return Err{
        PortError{PortErrorKind::invalid, "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: too large"}};
  }
  while (!token.empty() && (token.back() == '\n' || token.back() == '\r' || token.back() == ' ')) {
    token.pop_back();
  }
  if (token.empty() || has_line_break(token)) {
    return Err{PortError{PortErrorKind::invalid,
                         "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: empty or more than one line"}};
  }
  return token;
}

Result<AwsCredentials, PortError> ContainerCredentialsProvider::fetch() {
  auto token = authorization_token();
  if (!token) return Err{token.error()};
  http_client::HttpRequest request;
  request.method = "GET";
  request.url = config_.url;
  request.timeout_ms = config_.timeout_ms;
  request.retry_safe = true;
  request.headers.push_back({"Accept", "application/json"});
  if (!token->empty()) request.headers.push_back({"Authorization", *token});
  auto response = http_.send(request);
  if (!response) {
    const auto kind = response.error().kind == http_client::HttpErrorKind::timeout
                          ? PortErrorKind::timeout
                          : PortErrorKind::unavailable;
    return Err{PortError{kind, "container credentials endpoint: " + response.error().message}};
  }
  if (response->status != 200) {
    const bool retryable = response->status == 429 || response->status >= 500;
    return Err{PortError{
        retryable ? PortErrorKind::unavailable : PortErrorKind::invalid,
        "container credentials endpoint answered HTTP " + std::to_string(response->status)}};
  }
  rapidjson::Document document;
  if (!parse_object(response->body, document)) {
    return Err{PortError{PortErrorKind::corrupt, "container credentials: the answer is not JSON"}};
  }
  AwsCredentials credentials;
  credentials.access_key_id = string_member(document, "AccessKeyId").value_or("");
  credentials.secret_access_key = string_member(document, "SecretAccessKey").value_or("");
  credentials.session_token = string_member(document, "Token").value_or("");
  const auto expiration = string_member(document, "Expiration");
  if (credentials.access_key_id.empty() || credentials.secret_access_key.empty() ||
      credentials.session_token.empty() || !expiration) {
    return Err{PortError{PortErrorKind::corrupt,
                         "container credentials: AccessKeyId, SecretAccessKey, Token or "
                         "Expiration missing"}};
  }
  auto parsed = parse_rfc3339(*expiration);
  if (!parsed) {
    return Err{PortError{PortErrorKind::corrupt, "container credentials: bad Expiration"}};
  }
  credentials.expiration = *parsed;
  return credentials;
}

}  // namespace drop::adapters::aws
