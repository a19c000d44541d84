// GetSecretValue: builds the JSON 1.1 request, signs it, sends it, reads the answer (wire
// format in secrets_manager.hpp).
#include "drop/adapters/aws/secrets_manager.hpp"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "drop/adapters/aws/sigv4.hpp"
#include "drop/limits.hpp"
#include "json_fields.hpp"

namespace drop::adapters::aws {

namespace {

using ports::PortError;
using ports::PortErrorKind;

std::string request_body(std::string_view secret_id) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  writer.StartObject();
  writer.Key("SecretId");
  writer.String(secret_id.data(), static_cast<rapidjson::SizeType>(secret_id.size()));
  writer.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize());
}

std::string with_path(const std::string& endpoint) {
  const std::size_t scheme = endpoint.find("://");
  const bool has_path = endpoint.find('/', scheme + 3) != std::string::npos;
  return has_path ? endpoint : endpoint + "/";
}

Result<SecretValue, PortError> read_answer(const http_client::HttpResponse& response) {
  rapidjson::Document document;
  if (!parse_object(response.body, document)) {
    return Err{PortError{PortErrorKind::corrupt, "Secrets Manager: the answer is not JSON"}};
  }
  SecretValue value;
  value.arn = string_member(document, "ARN").value_or("");
  value.name = string_member(document, "Name").value_or("");
  value.version_id = string_member(document, "VersionId").value_or("");
  auto secret = string_member(document, "SecretString");
  if (!secret) {
    return Err{PortError{PortErrorKind::corrupt,
                         "Secrets Manager: the secret has no SecretString (binary secrets are "
                         "not supported)"}};
  }
  if (secret->size() > limits::secret_string_bytes_max) {
    return Err{PortError{PortErrorKind::corrupt, "Secrets Manager: SecretString too large"}};
  }
  value.secret_string = std::move(*secret);
  return value;
}

}  // namespace

SecretsManagerClient::SecretsManagerClient(http_client::HttpClient& http,
                                           CredentialsProvider& credentials,
                                           const ports::Clock& clock, SecretsManagerConfig config)
    : http_(http), credentials_(credentials), clock_(clock), config_(std::move(config)) {}

Result<SecretValue, PortError> SecretsManagerClient::get_secret_value() {
  auto credentials = credentials_.credentials();
  if (!credentials) return Err{credentials.error()};
  http_client::HttpRequest request;
  request.method = "POST";
  request.url = with_path(config_.endpoint_url);
  request.timeout_ms = config_.timeout_ms;
  request.retry_safe = true;  // a read
  request.headers.push_back({"Content-Type", "application/x-amz-json-1.1"});
  request.headers.push_back({"X-Amz-Target", "secretsmanager.GetSecretValue"});
  request.body = request_body(config_.secret_id);
  sign_request(request, *credentials, {config_.region, "secretsmanager"}, clock_.now());
  auto response = http_.send(request);
  if (!response) {
    const auto kind = response.error().kind == http_client::HttpErrorKind::timeout
                          ? PortErrorKind::timeout
                          : PortErrorKind::unavailable;
    return Err{PortError{kind, "Secrets Manager: " + response.error().message}};
  }
  if (response->status != 200) return Err{secrets_manager_error(*response)};
  return read_answer(*response);
}

}  // namespace drop::adapters::aws
