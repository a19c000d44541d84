// The provider's discovery document and JWK Set, fetched through the outbound HttpClient and
// cached:
//   - discovery from <issuer>/.well-known/openid-configuration; fetched again once older than
//     limits::oidc_discovery_max_age_s (so at least daily); a failed refresh keeps the last good
//     document (and is retried on the next call);
//   - the JWKS from the document's jwks_uri, fetched on first use; a kid it does not hold
//     triggers ONE refresh, at most once per limits::jwks_refresh_interval_s (an attacker
//     sending random kids cannot make us hammer the provider).
// Time comes from the injected Clock. Thread-safe: one mutex; fetches happen under it, so at
// most one request to the provider is in flight per cache.
#pragma once

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>

#include "drop/adapters/bankid/oidc_documents.hpp"
#include "drop/adapters/http_client/http_client.hpp"
#include "drop/ports/clock.hpp"

namespace drop::adapters::bankid {

class ProviderCache {
 public:
  // REQUIRES: `client` and `clock` outlive the cache; issuer is the configured BANKID_ISSUER.
  ProviderCache(http_client::HttpClient& client, const ports::Clock& clock, std::string issuer,
                std::uint32_t timeout_ms);

  // The provider metadata, or a one-line reason when none could ever be fetched.
  Result<ProviderMetadata, std::string> metadata();

  // The issuer's key with this kid; std::nullopt when unknown (after the one refresh the rate
  // limit allows). An error when the JWKS could not be fetched at all.
  Result<std::optional<RsaPublicKey>, std::string> key(std::string_view kid);

  std::uint64_t discovery_fetches() const;
  std::uint64_t jwks_fetches() const;

 private:
  Result<std::string, std::string> fetch(const std::string& url);
  Result<void, std::string> refresh_metadata_locked(Timestamp now);
  Result<void, std::string> refresh_keys_locked(Timestamp now);

  http_client::HttpClient& client_;
  const ports::Clock& clock_;
  const std::string issuer_;
  const std::uint32_t timeout_ms_;

  mutable std::mutex mutex_;
  std::optional<ProviderMetadata> metadata_;
  Timestamp metadata_fetched_at_;
  std::optional<KeySet> keys_;
  std::optional<Timestamp> keys_fetched_at_;
  std::uint64_t discovery_fetches_ = 0;
  std::uint64_t jwks_fetches_ = 0;
};

}  // namespace drop::adapters::bankid
