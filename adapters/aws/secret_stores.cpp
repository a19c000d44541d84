// parse_secret_settings, the environment store, and the Secrets Manager store's assembly.
#include "drop/adapters/aws/secret_stores.hpp"

#include "drop/adapters/aws/secrets_manager.hpp"
#include "json_fields.hpp"

namespace drop::adapters::aws {

namespace {

using ports::PortError;
using ports::PortErrorKind;

// A key as it may appear in a message: setting-name characters only, at most 64.
std::string printable_key(std::string_view key) {
  std::string clean;
  for (const char c : key) {
    const bool allowed = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                         (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.';
    if (clean.size() < 64) clean.push_back(allowed ? c : '?');
  }
  return clean;
}

}  // namespace

// Grammar: "{" [ key ":" string *( "," key ":" string ) ] "}" (JSON; every value a string).
Result<SecretMap, PortError> parse_secret_settings(std::string_view secret_string) {
  rapidjson::Document document;
  if (!parse_object(secret_string, document)) {
    return Err{PortError{PortErrorKind::corrupt,
                         "SecretString: not a JSON object of settings ({\"NAME\": \"value\"})"}};
  }
  if (document.MemberCount() > limits::secret_keys_max) {
    return Err{PortError{PortErrorKind::corrupt, "SecretString: too many keys"}};
  }
  SecretMap values;
  for (const auto& member : document.GetObject()) {
    const std::string key(member.name.GetString(), member.name.GetStringLength());
    if (key.empty()) return Err{PortError{PortErrorKind::corrupt, "SecretString: an empty key"}};
    if (!member.value.IsString()) {
      return Err{PortError{PortErrorKind::corrupt, "SecretString: the value of " +
                                                       printable_key(key) + " is not a string"}};
    }
    values[key] = std::string(member.value.GetString(), member.value.GetStringLength());
  }
  return values;
}

Result<std::optional<std::string>, PortError> EnvironmentSecretStore::get(std::string_view name) {
  DROP_ASSERT(!name.empty());
  auto value = lookup_(name);
  if (value && value->empty()) value.reset();
  return value;
}

Result<std::unique_ptr<CachingSecretStore>, PortError> make_secrets_manager_store(
    const AwsEnvironment& environment, http_client::HttpClient& http, const ports::Clock& clock,
    CachingSecretStoreOptions options, std::string_view container_base_url) {
  auto config = secrets_manager_config(environment);
  if (!config) return Err{config.error()};
  auto provider = make_credentials_provider(environment, http, clock, container_base_url);
  if (!provider) return Err{provider.error()};
  std::shared_ptr<CredentialsProvider> credentials = std::move(*provider);
  auto client =
      std::make_shared<SecretsManagerClient>(http, *credentials, clock, std::move(*config));
  CachingSecretStore::Fetch fetch = [credentials, client]() -> Result<SecretMap, PortError> {
    auto value = client->get_secret_value();
    if (!value) return Err{value.error()};
    return parse_secret_settings(value->secret_string);
  };
  return std::make_unique<CachingSecretStore>(std::move(fetch), clock, std::move(options));
}

}  // namespace drop::adapters::aws
