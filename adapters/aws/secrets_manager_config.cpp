// Where GetSecretValue goes: the secret id, the region and the endpoint, from the environment.
// ARN grammar: "arn:" partition ":secretsmanager:" region ":" account ":secret:" name.
#include <vector>

#include "drop/adapters/aws/secrets_manager.hpp"
#include "url_parts.hpp"

namespace drop::adapters::aws {

namespace {

using ports::PortError;
using ports::PortErrorKind;

PortError invalid(std::string message) { return {PortErrorKind::invalid, std::move(message)}; }

std::vector<std::string_view> split_colons(std::string_view text) {
  std::vector<std::string_view> fields;
  std::size_t start = 0;
  while (fields.size() < 7) {
    const std::size_t colon = text.find(':', start);
    if (colon == std::string_view::npos || fields.size() == 6) {
      fields.push_back(text.substr(start));
      break;
    }
    fields.push_back(text.substr(start, colon - start));
    start = colon + 1;
  }
  return fields;
}

// "eu-north-1", "us-gov-west-1": lowercase letters, digits and dashes.
bool is_region(std::string_view region) {
  if (region.empty() || region.size() > 32) return false;
  for (const char c : region) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
  }
  return true;
}

bool is_http_url(std::string_view url) {
  UrlParts parts;
  return split_url(url, parts) && (parts.scheme == "http" || parts.scheme == "https");
}

}  // namespace

Result<SecretsManagerConfig, PortError> secrets_manager_config(const AwsEnvironment& environment) {
  SecretsManagerConfig config;
  config.secret_id = lookup(environment, "AWS_SECRET_ARN").value_or("");
  if (config.secret_id.empty()) return Err{invalid("AWS_SECRET_ARN: not set")};
  const std::vector<std::string_view> arn = split_colons(config.secret_id);
  const bool is_arn = arn.size() == 7 && arn[0] == "arn" && arn[2] == "secretsmanager";
  if (config.secret_id.starts_with("arn:") && !is_arn) {
    return Err{invalid("AWS_SECRET_ARN: not a Secrets Manager ARN")};
  }
  std::string partition = is_arn ? std::string(arn[1]) : "aws";
  if (auto region = lookup(environment, "AWS_REGION")) {
    config.region = *region;
    if (!is_region(config.region)) return Err{invalid("AWS_REGION: not a region name")};
  } else if (is_arn && is_region(arn[3])) {
    config.region = std::string(arn[3]);
  } else {
    return Err{invalid("AWS_REGION: required (AWS_SECRET_ARN names no region)")};
  }
  for (const char* name : {"AWS_ENDPOINT_URL_SECRETS_MANAGER", "AWS_ENDPOINT_URL"}) {
    if (auto endpoint = lookup(environment, name)) {
      if (!is_http_url(*endpoint)) return Err{invalid(std::string(name) + ": not an http(s) URL")};
      config.endpoint_url = *endpoint;
      return config;
    }
  }
  const std::string suffix = partition == "aws-cn" ? ".amazonaws.com.cn" : ".amazonaws.com";
  config.endpoint_url = "https://secretsmanager." + config.region + suffix;
  return config;
}

}  // namespace drop::adapters::aws
