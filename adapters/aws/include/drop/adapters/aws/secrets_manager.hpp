// AWS Secrets Manager GetSecretValue over the JSON 1.1 protocol, signed with SigV4:
//
//   POST / HTTP/1.1
//   Content-Type: application/x-amz-json-1.1
//   X-Amz-Target: secretsmanager.GetSecretValue
//   X-Amz-Date, [X-Amz-Security-Token], Authorization (SigV4, service "secretsmanager")
//   {"SecretId": "<arn or name>"}
//
// Success (200): {"ARN", "Name", "VersionId", "SecretString", "VersionStages", "CreatedDate"}.
// Failure: an AWS error body {"__type": "[namespace#]ResourceNotFoundException",
// "message"|"Message": ".."} (type also in the X-Amzn-ErrorType header). Errors become PortErrors
// naming the AWS error type and the HTTP status; the AWS message text is never copied (an
// InvalidSignatureException message echoes the canonical request, session token included).
//
// Thread-safety: SecretsManagerClient is thread-safe (its collaborators are).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "drop/adapters/aws/credentials.hpp"
#include "drop/adapters/http_client/http_client.hpp"
#include "drop/ports/clock.hpp"
#include "drop/ports/port_error.hpp"
#include "drop/result.hpp"

namespace drop::adapters::aws {

struct SecretsManagerConfig {
  std::string endpoint_url;  // "https://secretsmanager.eu-north-1.amazonaws.com"
  std::string region;        // "eu-north-1"
  std::string secret_id;     // AWS_SECRET_ARN (an ARN, or a secret name)
  std::uint32_t timeout_ms = 5000;
};

// From the environment: the secret AWS_SECRET_ARN; the region AWS_REGION, else the ARN's region
// field; the endpoint AWS_ENDPOINT_URL_SECRETS_MANAGER, else AWS_ENDPOINT_URL, else
// https://secretsmanager.<region>.amazonaws.com (.amazonaws.com.cn in the aws-cn partition).
// Fails with invalid naming the variable when AWS_SECRET_ARN is unset, no region is known, a
// region is malformed or an endpoint is not an http(s) URL.
Result<SecretsManagerConfig, ports::PortError> secrets_manager_config(
    const AwsEnvironment& environment);

struct SecretValue {
  std::string arn;
  std::string name;
  std::string version_id;
  std::string secret_string;  // never logged
};

class SecretsManagerClient {
 public:
  // Every collaborator must outlive the client.
  SecretsManagerClient(http_client::HttpClient& http, CredentialsProvider& credentials,
                       const ports::Clock& clock, SecretsManagerConfig config);

  // The current version of the configured secret. Fails with the credentials' error when none
  // are available; unavailable / timeout when AWS cannot be reached, throttles or fails (5xx);
  // invalid when AWS refuses the request (unknown secret, access denied, bad signature or key);
  // corrupt when the answer is not the expected JSON or the secret has no SecretString.
  Result<SecretValue, ports::PortError> get_secret_value();

 private:
  http_client::HttpClient& http_;
  CredentialsProvider& credentials_;
  const ports::Clock& clock_;
  const SecretsManagerConfig config_;
};

// The PortError for an AWS JSON 1.1 error answer (`status` != 200). Exposed for tests.
ports::PortError secrets_manager_error(const http_client::HttpResponse& response);

}  // namespace drop::adapters::aws
