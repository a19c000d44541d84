#include "drop/adapters/bankid/provider_cache.hpp"

#include "drop/limits.hpp"

namespace drop::adapters::bankid {

ProviderCache::ProviderCache(http_client::HttpClient& client, const ports::Clock& clock,
                             std::string issuer, std::uint32_t timeout_ms)
    : client_(client), clock_(clock), issuer_(std::move(issuer)), timeout_ms_(timeout_ms) {}

Result<std::string, std::string> ProviderCache::fetch(const std::string& url) {
  http_client::HttpRequest request;
  request.method = "GET";
  request.url = url;
  request.headers.push_back({"Accept", "application/json"});
  request.timeout_ms = timeout_ms_;
  request.retry_safe = true;
  auto response = client_.send(request);
  if (!response) {
    return Err{"GET " + url + ": " + std::string(http_client::to_string(response.error().kind))};
  }
  if (response->status != 200) {
    return Err{"GET " + url + ": status " + std::to_string(response->status)};
  }
  return std::move(response->body);
}

Result<void, std::string> ProviderCache::refresh_metadata_locked(Timestamp now) {
  ++discovery_fetches_;
  std::string base = issuer_;
  while (!base.empty() && base.back() == '/') base.pop_back();
  auto body = fetch(base + "/.well-known/openid-configuration");
  if (!body) return Err{body.error()};
  auto parsed = parse_discovery(*body, issuer_);
  if (!parsed) return Err{parsed.error()};
  metadata_ = std::move(*parsed);
  metadata_fetched_at_ = now;
  return {};
}

Result<ProviderMetadata, std::string> ProviderCache::metadata() {
  std::lock_guard lock(mutex_);
  const Timestamp now = clock_.now();
  if (!metadata_ || now >= metadata_fetched_at_.plus_seconds(limits::oidc_discovery_max_age_s)) {
    auto refreshed = refresh_metadata_locked(now);
    // A failed refresh keeps serving the last good document.
    if (!refreshed && !metadata_) return Err{refreshed.error()};
  }
  return *metadata_;
}

Result<void, std::string> ProviderCache::refresh_keys_locked(Timestamp now) {
  if (!metadata_) {
    auto refreshed = refresh_metadata_locked(now);
    if (!refreshed) return refreshed;
  }
  ++jwks_fetches_;
  keys_fetched_at_ = now;  // failed attempts count against the rate limit too
  auto body = fetch(metadata_->jwks_uri);
  if (!body) return Err{body.error()};
  auto parsed = parse_jwks(*body);
  if (!parsed) return Err{parsed.error()};
  keys_ = std::move(*parsed);
  return {};
}

Result<std::optional<RsaPublicKey>, std::string> ProviderCache::key(std::string_view kid) {
  std::lock_guard lock(mutex_);
  const Timestamp now = clock_.now();
  if (keys_) {
    if (const auto found = keys_->find(kid); found != keys_->end())
      return std::optional<RsaPublicKey>(found->second);
  }
  const bool may_refresh =
      !keys_fetched_at_ || now >= keys_fetched_at_->plus_seconds(limits::jwks_refresh_interval_s);
  if (!may_refresh) {
    if (!keys_) return Err{std::string("jwks: unavailable (refresh rate-limited)")};
    return std::optional<RsaPublicKey>();
  }
  auto refreshed = refresh_keys_locked(now);
  if (!refreshed && !keys_) return Err{refreshed.error()};
  if (const auto found = keys_->find(kid); found != keys_->end())
    return std::optional<RsaPublicKey>(found->second);
  return std::optional<RsaPublicKey>();
}

std::uint64_t ProviderCache::discovery_fetches() const {
  std::lock_guard lock(mutex_);
  return discovery_fetches_;
}

std::uint64_t ProviderCache::jwks_fetches() const {
  std::lock_guard lock(mutex_);
  return jwks_fetches_;
}

}  // namespace drop::adapters::bankid
