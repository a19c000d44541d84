// Choosing the credentials source from the environment (AWS's own precedence: the access key
// variables, then the container credentials endpoint).

#include "drop/adapters/aws/credentials.hpp"
#include "url_parts.hpp"

namespace drop::adapters::aws {

namespace {

using ports::PortError;
using ports::PortErrorKind;

PortError invalid(std::string message) { return {PortErrorKind::invalid, std::move(message)}; }

bool is_loopback_host(std::string_view host) {
  return host == "localhost" || host.starts_with("127.") || host == "[::1]";
}

// ECS and EKS serve credentials over plain http on these link-local addresses.
bool is_container_host(std::string_view host) {
  return host == "169.254.170.2" || host == "169.254.170.23" || host == "[fd00:ec2::23]";
}

Result<std::string, PortError> full_uri(const AwsEnvironment& environment,
                                        std::string_view container_base_url) {
  if (auto relative = lookup(environment, "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI")) {
    if (!relative->starts_with('/')) {
      return Err{invalid("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: must start with '/'")};
    }
    return std::string(container_base_url) + *relative;
  }
  const std::string uri = *lookup(environment, "AWS_CONTAINER_CREDENTIALS_FULL_URI");
  UrlParts parts;
  if (!split_url(uri, parts) || (parts.scheme != "http" && parts.scheme != "https")) {
    return Err{invalid("AWS_CONTAINER_CREDENTIALS_FULL_URI: not an http(s) URL")};
  }
  if (parts.scheme == "http" && !is_loopback_host(parts.host) && !is_container_host(parts.host)) {
    return Err{
        invalid("AWS_CONTAINER_CREDENTIALS_FULL_URI: plain http only to loopback or the container "
                "credentials address")};
  }
  return uri;
}

}  // namespace

std::optional<std::string> lookup(const AwsEnvironment& environment, std::string_view name) {
  const auto found = environment.find(name);
  if (found == environment.end() || found->second.empty()) return std::nullopt;
  return found->second;
}

Result<std::unique_ptr<CredentialsProvider>, PortError> make_credentials_provider(
    const AwsEnvironment& environment, http_client::HttpClient& http, const ports::Clock& clock,
    std::string_view container_base_url) {
  const auto key_id = lookup(environment, "AWS_ACCESS_KEY_ID");
  const auto secret = lookup(environment, "AWS_SECRET_ACCESS_KEY");
  if (key_id && !secret)
    return Err{invalid("AWS_SECRET_ACCESS_KEY: required with AWS_ACCESS_KEY_ID")};
  if (secret && !key_id)
    return Err{invalid("AWS_ACCESS_KEY_ID: required with AWS_SECRET_ACCESS_KEY")};
  if (key_id) {
    AwsCredentials credentials{*key_id, *secret,
                               lookup(environment, "AWS_SESSION_TOKEN").value_or(""), std::nullopt};
    return std::unique_ptr<CredentialsProvider>(
        std::make_unique<StaticCredentialsProvider>(std::move(credentials)));
  }
  if (!lookup(environment, "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI") &&
      !lookup(environment, "AWS_CONTAINER_CREDENTIALS_FULL_URI")) {
    return Err{invalid(
        "no AWS credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or run with a "
        "task role (AWS_CONTAINER_CREDENTIALS_RELATIVE_URI / _FULL_URI)")};
  }
  auto uri = full_uri(environment, container_base_url);
  if (!uri) return Err{uri.error()};
  ContainerCredentialsConfig config;
  config.url = std::move(*uri);
  config.authorization_token =
      lookup(environment, "AWS_CONTAINER_AUTHORIZATION_TOKEN").value_or("");
  config.authorization_token_file =
      lookup(environment, "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE").value_or("");
  return std::unique_ptr<CredentialsProvider>(
      std::make_unique<ContainerCredentialsProvider>(http, clock, std::move(config)));
}

}  // namespace drop::adapters::aws
