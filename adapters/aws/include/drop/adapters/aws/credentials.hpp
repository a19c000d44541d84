// AWS credentials for signing: from the environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY,
// AWS_SESSION_TOKEN), else from the container credentials endpoint (ECS task roles, EKS Pod
// Identity), refreshed before they expire. The adapter never reads the process environment
// itself: the composition root passes the values in as an AwsEnvironment.
//
// Thread-safety: every provider is thread-safe; ContainerCredentialsProvider fetches at most once
// at a time and serves its cached credentials to every thread until they are due for refresh.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "drop/adapters/aws/sigv4.hpp"
#include "drop/adapters/http_client/http_client.hpp"
#include "drop/ports/clock.hpp"
#include "drop/ports/port_error.hpp"
#include "drop/result.hpp"

namespace drop::adapters::aws {

// NAME -> value, as the environment would give them; an empty value counts as unset.
using AwsEnvironment = std::map<std::string, std::string, std::less<>>;

// The value of `name`, std::nullopt when absent or empty.
std::optional<std::string> lookup(const AwsEnvironment& environment, std::string_view name);

class CredentialsProvider {
 public:
  virtual ~CredentialsProvider() = default;
  // Credentials valid now. Fails with invalid when the source refuses or returns unusable
  // credentials, unavailable / timeout when it cannot be reached and no unexpired credentials
  // are cached. Messages never contain a key, secret or token.
  virtual Result<AwsCredentials, ports::PortError> credentials() = 0;
};

// Fixed credentials (the AWS_ACCESS_KEY_ID family).
class StaticCredentialsProvider final : public CredentialsProvider {
 public:
  explicit StaticCredentialsProvider(AwsCredentials credentials)
      : credentials_(std::move(credentials)) {}
  Result<AwsCredentials, ports::PortError> credentials() override { return credentials_; }

 private:
  const AwsCredentials credentials_;
};

struct ContainerCredentialsConfig {
  std::string url;                       // the endpoint (http://169.254.170.2/v2/credentials/..)
  std::string authorization_token;       // AWS_CONTAINER_AUTHORIZATION_TOKEN (may be empty)
  std::string authorization_token_file;  // _TOKEN_FILE: read on every fetch; wins over the token
  std::uint32_t timeout_ms = 2000;
};

// GET <url> with `Authorization: <token>`; the answer is
// {"AccessKeyId": .., "SecretAccessKey": .., "Token": .., "Expiration": "<RFC 3339>"}.
// Credentials are fetched again once fewer than limits::aws_credentials_refresh_margin_s seconds
// remain before their Expiration; when that fetch fails, the cached credentials keep serving
// until they actually expire.
class ContainerCredentialsProvider final : public CredentialsProvider {
 public:
  // `http` and `clock` must outlive the provider.
  ContainerCredentialsProvider(http_client::HttpClient& http, const ports::Clock& clock,
                               ContainerCredentialsConfig config);
  Result<AwsCredentials, ports::PortError> credentials() override;

 private:
  Result<AwsCredentials, ports::PortError> fetch();
  Result<std::string, ports::PortError> authorization_token() const;

  http_client::HttpClient& http_;
  const ports::Clock& clock_;
  const ContainerCredentialsConfig config_;
  std::mutex mutex_;  // guards cached_ and serializes fetches
  std::optional<AwsCredentials> cached_;
};

// The address ECS serves AWS_CONTAINER_CREDENTIALS_RELATIVE_URI under.
inline constexpr std::string_view container_credentials_base_url = "http://169.254.170.2";

// The provider `environment` describes: AWS_ACCESS_KEY_ID + AWS_SECRET_ACCESS_KEY (with
// AWS_SESSION_TOKEN when set); else AWS_CONTAINER_CREDENTIALS_RELATIVE_URI (appended to
// `container_base_url`; tests inject a loopback address) or AWS_CONTAINER_CREDENTIALS_FULL_URI,
// with AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE or AWS_CONTAINER_AUTHORIZATION_TOKEN.
// Fails with invalid and a message naming the variable when no credentials are configured, one
// of a pair is missing, or a URI is unusable.
Result<std::unique_ptr<CredentialsProvider>, ports::PortError> make_credentials_provider(
    const AwsEnvironment& environment, http_client::HttpClient& http, const ports::Clock& clock,
    std::string_view container_base_url = container_credentials_base_url);

}  // namespace drop::adapters::aws
