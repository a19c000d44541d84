// Settings from a fake environment (no process environment involved): defaults with nothing
// set, every bad value refused with one message naming the setting and never its value,
// JWT_SECRET required outside development, outbound URLs https except loopback.
#include "config/settings.hpp"

#include <catch2/catch.hpp>
#include <map>

using drop::app::Environment;
using drop::app::load_settings;
using drop::app::Settings;

namespace {

drop::app::EnvironmentLookup fake(std::map<std::string, std::string> values) {
  return [values = std::move(values)](std::string_view name) -> std::optional<std::string> {
    const auto found = values.find(std::string(name));
    if (found == values.end()) return std::nullopt;
    return found->second;
  };
}

const std::string secret(40, 's');

}  // namespace

TEST_CASE("settings: defaults with nothing configured") {
  const auto settings = load_settings(fake({}));
  REQUIRE(settings.ok());
  CHECK(settings->port == 3000);
  CHECK(settings->environment == Environment::development);
  CHECK(settings->database.engine == drop::app::DatabaseUrl::Engine::sqlite);
  CHECK(settings->database.url == "data/drop.db");
  CHECK(settings->jwt_secret.empty());
  CHECK(settings->trusted_proxy_hops == 0);
  CHECK(settings->fx_spread_bps == 50);
  CHECK(settings->quote_ttl_s == 60);
  CHECK(settings->secrets_ttl_s == 300);
  CHECK(settings->sumsub_base_url == "https://api.sumsub.com");
  CHECK(settings->alert_large_transfer_minor == 5'000'000);
  CHECK(settings->sandbox_payout_delay_ms == 500);
  CHECK(settings->rates_max_age_days == 4);
  CHECK(settings->drain_timeout_ms == 8000);
}

TEST_CASE("settings: values are parsed") {
  const auto settings = load_settings(fake({{"PORT", "8080"},
                                            {"DROP_ENV", "production"},
                                            {"JWT_SECRET", secret},
                                            {"DATABASE_URL", "postgresql://u:p@db/drop"},
                                            {"DROP_TRUSTED_PROXY_HOPS", "2"},
                                            {"DROP_FX_SPREAD_BPS", "75"},
                                            {"SLACK_WEBHOOK_URL", "https://hooks.example/x"},
                                            {"SUMSUB_BASE_URL", "http://127.0.0.1:9000"}}));
  REQUIRE(settings.ok());
  CHECK(settings->port == 8080);
  CHECK(settings->environment == Environment::production);
  CHECK(settings->database.engine == drop::app::DatabaseUrl::Engine::postgres);
  CHECK(settings->trusted_proxy_hops == 2);
  CHECK(settings->fx_spread_bps == 75);
  CHECK(settings->sumsub_base_url == "http://127.0.0.1:9000");
}

TEST_CASE("settings: each bad value is refused naming the setting, never its value") {
  struct Case {
    std::map<std::string, std::string> values;
    std::string setting;
  };
  const std::vector<Case> cases = {
      {{{"PORT", "70000"}}, "PORT"},
      {{{"PORT", "80x"}}, "PORT"},
      {{{"DROP_ENV", "prod"}}, "DROP_ENV"},
      {{{"DATABASE_URL", "mysql://root:topsecret@db/x"}}, "DATABASE_URL"},
      {{{"DROP_ENV", "production"}}, "JWT_SECRET"},
      {{{"DROP_ENV", "staging"}}, "JWT_SECRET"},
      {{{"JWT_SECRET", "topsecret"}}, "JWT_SECRET"},
      {{{"DROP_ADMIN_TOKEN", "topsecret"}}, "DROP_ADMIN_TOKEN"},
      {{{"DROP_TRUSTED_PROXY_HOPS", "-1"}}, "DROP_TRUSTED_PROXY_HOPS"},
      {{{"DROP_FX_SPREAD_BPS", "10000"}}, "DROP_FX_SPREAD_BPS"},
      {{{"DROP_QUOTE_TTL_S", "0"}}, "DROP_QUOTE_TTL_S"},
      {{{"SLACK_WEBHOOK_URL", "http://hooks.example/topsecret"}}, "SLACK_WEBHOOK_URL"},
      {{{"SUMSUB_BASE_URL", "ftp://x"}}, "SUMSUB_BASE_URL"},
      {{{"BANKID_ISSUER", "http://idp.example"}}, "BANKID_ISSUER"},
      {{{"BANKID_ISSUER", "https://idp.example"}}, "BANKID_CLIENT_ID"},
      {{{"AWS_ENDPOINT_URL", "http://10.0.0.1"}}, "AWS_ENDPOINT_URL"},
      {{{"AWS_SECRET_ARN", "arn:aws:secretsmanager:x"}}, "AWS_REGION"},
      {{{"DROP_RATES_SOURCE", "http://ecb.example/x.xml"}}, "DROP_RATES_SOURCE"},
      {{{"DROP_RATES_SOURCE", "/nonexistent/eurofxref.xml"}}, "DROP_RATES_SOURCE"},
      {{{"DROP_DRAIN_TIMEOUT_MS", "lots"}}, "DROP_DRAIN_TIMEOUT_MS"},
      {{{"DROP_RATES_REFRESH_S", "0"}}, "DROP_RATES_REFRESH_S"},
  };
  for (const Case& test : cases) {
    INFO(test.setting);
    const auto settings = load_settings(fake(test.values));
    REQUIRE(!settings.ok());
    CHECK(settings.error().name == test.setting);
    const std::string line = settings.error().line();
    CHECK(line.starts_with(test.setting + ": "));
    CHECK(line.find('\n') == std::string::npos);
    CHECK(line.find("topsecret") == std::string::npos);
  }
}

TEST_CASE("settings: outbound URL rule") {
  using drop::app::is_allowed_outbound_url;
  CHECK(is_allowed_outbound_url("https://api.sumsub.com"));
  CHECK(is_allowed_outbound_url("http://127.0.0.1:8080/x"));
  CHECK(is_allowed_outbound_url("http://localhost/x"));
  CHECK(is_allowed_outbound_url("http://[::1]:9/x"));
  CHECK(!is_allowed_outbound_url("http://example.com"));
  CHECK(!is_allowed_outbound_url("http://127.0.0.1.evil.example/"));
  CHECK(!is_allowed_outbound_url("http://localhost@evil.example/"));
  CHECK(!is_allowed_outbound_url("https://"));
  CHECK(!is_allowed_outbound_url("file:///etc/passwd"));
}
