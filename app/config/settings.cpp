#include "config/settings.hpp"

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <filesystem>

#include "drop/adapters/http_client/https_client.hpp"

namespace drop::app {

namespace {

struct Reader {
  const EnvironmentLookup& lookup;
  std::optional<SettingError> error;

  std::optional<std::string> get(std::string_view name) const {
    auto value = lookup(name);
    if (value && value->empty()) return std::nullopt;
    return value;
  }

  void fail(std::string_view name, std::string message) {
    if (!error) error = SettingError{std::string(name), std::move(message)};
  }

  void integer(std::string_view name, std::int64_t& target, std::int64_t minimum,
               std::int64_t maximum) {
    const auto value = get(name);
    if (!value) return;
    std::int64_t parsed = 0;
    const auto [end, code] = std::from_chars(value->data(), value->data() + value->size(), parsed);
    if (code != std::errc() || end != value->data() + value->size()) {
      return fail(name, "must be a whole number");
    }
    if (parsed < minimum || parsed > maximum) {
      return fail(name,
                  "must be between " + std::to_string(minimum) + " and " + std::to_string(maximum));
    }
    target = parsed;
  }

  void integer(std::string_view name, int& target, int minimum, int maximum) {
    std::int64_t wide = target;
    integer(name, wide, minimum, maximum);
    target = static_cast<int>(wide);
  }

  void text(std::string_view name, std::string& target) {
    if (auto value = get(name)) target = std::move(*value);
  }

  // An outbound URL: https, or http to a loopback host (local fakes).
  void outbound_url(std::string_view name, std::string& target) {
    text(name, target);
    if (!target.empty() && !is_allowed_outbound_url(target)) {
      fail(name, "must be an https:// URL (http:// only for loopback hosts)");
    }
  }
};

std::string_view host_of(std::string_view url) {
  const auto scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos) return {};
  std::string_view rest = url.substr(scheme_end + 3);
  rest = rest.substr(0, rest.find_first_of("/?#"));
  if (const auto at = rest.rfind('@'); at != std::string_view::npos) rest = rest.substr(at + 1);
  if (rest.starts_with('[')) return rest.substr(0, rest.find(']') + 1);
  return rest.substr(0, rest.find(':'));
}

// ECS/EKS container credential endpoints are plain http on link-local addresses by design.
bool is_container_credentials_host(std::string_view host) {
  return host == "169.254.170.2" || host == "169.254.170.23" || host == "[fd00:ec2::23]";
}

// "arn:" partition ":" service ":" region ":" account ":" resource-type ":" name, region not empty.
bool arn_names_region(std::string_view arn) {
  if (!arn.starts_with("arn:") || std::count(arn.begin(), arn.end(), ':') < 6) return false;
  std::size_t start = 0;
  for (int field = 0; field < 3; ++field) start = arn.find(':', start) + 1;
  return arn[start] != ':';
}

void read_server(Reader& reader, Settings& settings) {
  std::int64_t port = settings.port;
  reader.integer("PORT", port, 0, 65535);  // 0: any free port (tests)
  settings.port = static_cast<std::uint16_t>(port);
  if (auto environment = reader.get("DROP_ENV")) {
    if (*environment == "development")
      settings.environment = Environment::development;
    else if (*environment == "staging")
      settings.environment = Environment::staging;
    else if (*environment == "production")
      settings.environment = Environment::production;
    else
      reader.fail("DROP_ENV", "must be production, staging or development");
  }
  std::string database_error;
  auto database = parse_database_url(reader.get("DATABASE_URL").value_or(""), database_error);
  if (!database) {
    // database_error already starts with "DATABASE_URL: ".
    reader.fail("DATABASE_URL", database_error.substr(database_error.find(": ") + 2));
  } else {
    settings.database = std::move(*database);
  }
  reader.text("JWT_SECRET", settings.jwt_secret);
  if (settings.jwt_secret.empty() && !settings.development()) {
    reader.fail("JWT_SECRET",
                "required when DROP_ENV is " + std::string(to_string(settings.environment)));
  } else if (!settings.jwt_secret.empty() && settings.jwt_secret.size() < jwt_secret_bytes_min) {
    reader.fail("JWT_SECRET",
                "must be at least " + std::to_string(jwt_secret_bytes_min) + " bytes long");
  }
  reader.text("DROP_ADMIN_TOKEN", settings.admin_token);
  if (!settings.admin_token.empty() && settings.admin_token.size() < 16) {
    reader.fail("DROP_ADMIN_TOKEN", "must be at least 16 characters long");
  }
  reader.integer("DROP_TRUSTED_PROXY_HOPS", settings.trusted_proxy_hops, 0, 16);
  reader.integer("DROP_IO_THREADS", settings.io_threads, 0, 256);
  reader.integer("DROP_WORKER_THREADS", settings.worker_threads, 1, 1024);
  reader.integer("DROP_WORKER_QUEUE_MAX", settings.worker_queue_max, 1, 1'000'000);
  reader.integer("DROP_DRAIN_TIMEOUT_MS", settings.drain_timeout_ms, 0, 600'000);
  reader.integer("DROP_READ_TIMEOUT_MS", settings.read_timeout_ms, 100, 600'000);
}

void read_fx(Reader& reader, Settings& settings) {
  reader.text("DROP_RATES_SOURCE", settings.rates_source);
  if (settings.rates_source.find("://") != std::string::npos &&
      !is_allowed_outbound_url(settings.rates_source)) {
    reader.fail("DROP_RATES_SOURCE", "must be a file path or an https:// URL");
  } else if (!settings.rates_source.empty() &&
             settings.rates_source.find("://") == std::string::npos &&
             !std::filesystem::is_regular_file(settings.rates_source)) {
    reader.fail("DROP_RATES_SOURCE", "file not found");
  }
  reader.integer("DROP_FX_SPREAD_BPS", settings.fx_spread_bps, 0, 9999);
  reader.integer("DROP_FX_FEE_FIXED_MINOR", settings.fx_fee_fixed_minor, 0, 1'000'000'000);
  reader.integer("DROP_FX_FEE_BPS", settings.fx_fee_bps, 0, 9999);
  reader.integer("DROP_QUOTE_TTL_S", settings.quote_ttl_s, 1, 86'400);
  reader.integer("DROP_RATES_MAX_AGE_DAYS", settings.rates_max_age_days, 1, 365);
  reader.integer("DROP_RATES_REFRESH_S", settings.rates_refresh_s, 1, 86'400);
}

void read_integrations(Reader& reader, Settings& settings) {
  reader.text("AWS_SECRET_ARN", settings.aws_secret_arn);
  reader.text("AWS_REGION", settings.aws_region);
  reader.outbound_url("AWS_ENDPOINT_URL_SECRETS_MANAGER",
                      settings.aws_endpoint_url_secrets_manager);
  reader.outbound_url("AWS_ENDPOINT_URL", settings.aws_endpoint_url);
  reader.text("AWS_ACCESS_KEY_ID", settings.aws_access_key_id);
  reader.text("AWS_SECRET_ACCESS_KEY", settings.aws_secret_access_key);
  reader.text("AWS_SESSION_TOKEN", settings.aws_session_token);
  reader.text("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
              settings.aws_container_credentials_relative_uri);
  reader.text("AWS_CONTAINER_CREDENTIALS_FULL_URI", settings.aws_container_credentials_full_uri);
  const std::string& full_uri = settings.aws_container_credentials_full_uri;
  if (!full_uri.empty() && !is_allowed_outbound_url(full_uri) &&
      !(full_uri.starts_with("http://") && is_container_credentials_host(host_of(full_uri)))) {
    reader.fail("AWS_CONTAINER_CREDENTIALS_FULL_URI",
                "must be https://, loopback or the container credentials address");
  }
  if (!settings.aws_secret_arn.empty() && settings.aws_region.empty() &&
      !arn_names_region(settings.aws_secret_arn)) {
    reader.fail("AWS_REGION", "required when AWS_SECRET_ARN is not an ARN naming a region");
  }
  reader.integer("DROP_SECRETS_TTL_S", settings.secrets_ttl_s, 1, 86'400);
  reader.outbound_url("SLACK_WEBHOOK_URL", settings.slack_webhook_url);
  reader.text("SUMSUB_APP_TOKEN", settings.sumsub_app_token);
  reader.text("SUMSUB_SECRET_KEY", settings.sumsub_secret_key);
  reader.text("SUMSUB_WEBHOOK_SECRET", settings.sumsub_webhook_secret);
  reader.text("SUMSUB_LEVEL_NAME", settings.sumsub_level_name);
  reader.outbound_url("SUMSUB_BASE_URL", settings.sumsub_base_url);
  reader.outbound_url("BANKID_ISSUER", settings.bankid_issuer);
  reader.text("BANKID_CLIENT_ID", settings.bankid_client_id);
  reader.text("BANKID_CLIENT_SECRET", settings.bankid_client_secret);
  reader.text("BANKID_REDIRECT_URI", settings.bankid_redirect_uri);
  if (!settings.bankid_issuer.empty() &&
      (settings.bankid_client_id.empty() || settings.bankid_client_secret.empty() ||
       settings.bankid_redirect_uri.empty())) {
    reader.fail(settings.bankid_client_id.empty()       ? "BANKID_CLIENT_ID"
                : settings.bankid_client_secret.empty() ? "BANKID_CLIENT_SECRET"
                                                        : "BANKID_REDIRECT_URI",
                "required when BANKID_ISSUER is set");
  }
  reader.text("DROP_APP_URL", settings.app_url);
  reader.text("SSL_CERT_FILE", settings.ssl_cert_file);
  if (!settings.ssl_cert_file.empty() &&
      !std::filesystem::is_regular_file(settings.ssl_cert_file)) {
    reader.fail("SSL_CERT_FILE", "file not found");
  }
  reader.integer("DROP_ALERT_LARGE_TRANSFER_MINOR", settings.alert_large_transfer_minor, 1,
                 INT64_MAX);
  reader.integer("DROP_SANDBOX_PAYOUT_DELAY_MS", settings.sandbox_payout_delay_ms, 0, 3'600'000);
}

}  // namespace

std::string_view to_string(Environment environment) {
  switch (environment) {
    case Environment::development:
      return "development";
    case Environment::staging:
      return "staging";
    case Environment::production:
      return "production";
  }
  return "development";
}

EnvironmentLookup process_environment() {
  return [](std::string_view name) -> std::optional<std::string> {
    const char* value = std::getenv(std::string(name).c_str());
    if (value == nullptr) return std::nullopt;
    return std::string(value);
  };
}

bool is_allowed_outbound_url(std::string_view url) { return http_client::is_allowed_url(url); }

Result<Settings, SettingError> load_settings(const EnvironmentLookup& lookup) {
  Reader reader{lookup, std::nullopt};
  Settings settings;
  read_server(reader, settings);
  read_fx(reader, settings);
  read_integrations(reader, settings);
  if (reader.error) return Err{*reader.error};
  return settings;
}

}  // namespace drop::app
