#include "config/secret_settings.hpp"

#include <array>
#include <charconv>

#include "drop/limits.hpp"

namespace drop::app {

namespace {

// Everything the AWS adapter may read (it never reads the environment itself).
constexpr std::array<std::string_view, 11> aws_variables = {
    "AWS_SECRET_ARN",
    "AWS_REGION",
    "AWS_ENDPOINT_URL_SECRETS_MANAGER",
    "AWS_ENDPOINT_URL",
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
    "AWS_SESSION_TOKEN",
    "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
    "AWS_CONTAINER_CREDENTIALS_FULL_URI",
    "AWS_CONTAINER_AUTHORIZATION_TOKEN",
    "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE",
};

std::optional<std::string> non_empty(const EnvironmentLookup& environment, std::string_view name) {
  auto value = environment(name);
  if (value && value->empty()) value.reset();
  return value;
}

Result<std::int64_t, SettingError> ttl_s(const EnvironmentLookup& environment) {
  const auto text = non_empty(environment, "DROP_SECRETS_TTL_S");
  if (!text) return limits::secrets_ttl_s_default;
  std::int64_t value = 0;
  const auto [end, code] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (code != std::errc() || end != text->data() + text->size() || value < 1 ||
      value > limits::secrets_ttl_s_max) {
    return Err{SettingError{"DROP_SECRETS_TTL_S", "must be a whole number between 1 and " +
                                                      std::to_string(limits::secrets_ttl_s_max)}};
  }
  return value;
}

// "AWS_REGION: required ..." -> {AWS_REGION, required ...}; other messages name AWS_SECRET_ARN.
SettingError setting_error(const std::string& message) {
  const std::size_t colon = message.find(": ");
  const std::string_view head = std::string_view(message).substr(0, colon);
  const bool is_name =
      colon != std::string::npos && !head.empty() &&
      head.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_") == std::string_view::npos;
  if (is_name) return {std::string(head), message.substr(colon + 2)};
  return {"AWS_SECRET_ARN", message};
}

// Secret settings from `secrets` (when it holds them), everything else from `environment`.
// `secrets` must outlive the lookup.
EnvironmentLookup layered_lookup(const EnvironmentLookup& environment,
                                 ports::SecretStore& secrets) {
  return [environment, &secrets](std::string_view name) {
    if (is_secret_setting(name)) {
      auto value = secrets.get(name);
      if (value && value->has_value()) return std::optional<std::string>(**value);
    }
    return environment(name);
  };
}

}  // namespace

bool is_secret_setting(std::string_view name) {
  return name == "JWT_SECRET" || name == "DATABASE_URL" || name == "SLACK_WEBHOOK_URL" ||
         name.starts_with("SUMSUB_") || name == "BANKID_CLIENT_SECRET" ||
         name == "DROP_ADMIN_TOKEN";
}

Result<SettingsSource, SettingError> settings_source(const EnvironmentLookup& environment,
                                                     const SecretsContext& context) {
  if (!non_empty(environment, "AWS_SECRET_ARN")) {
    auto secrets = std::make_unique<adapters::aws::EnvironmentSecretStore>(environment);
    return SettingsSource{layered_lookup(environment, *secrets), std::move(secrets), false};
  }
  DROP_ASSERT(context.http != nullptr && context.clock != nullptr);
  auto ttl = ttl_s(environment);
  if (!ttl) return Err{ttl.error()};
  adapters::aws::AwsEnvironment aws;
  for (const std::string_view name : aws_variables) {
    if (auto value = non_empty(environment, name)) aws.emplace(std::string(name), *value);
  }
  auto store = adapters::aws::make_secrets_manager_store(
      aws, *context.http, *context.clock,
      {.ttl_s = *ttl, .on_refresh_failed = context.on_refresh_failed, .jitter = context.entropy},
      context.container_base_url);
  if (!store) return Err{setting_error(store.error().message)};
  if (auto loaded = (*store)->load(); !loaded) {
    return Err{
        SettingError{"AWS_SECRET_ARN", "cannot fetch the secret: " + loaded.error().message}};
  }
  std::unique_ptr<ports::SecretStore> secrets = std::move(*store);
  EnvironmentLookup lookup = layered_lookup(environment, *secrets);
  return SettingsSource{std::move(lookup), std::move(secrets), true};
}

}  // namespace drop::app
