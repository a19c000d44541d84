#include "drop/adapters/bankid/oidc_documents.hpp"

#include <rapidjson/document.h>

#include <algorithm>

#include "drop/adapters/http_client/https_client.hpp"
#include "drop/limits.hpp"

namespace drop::adapters::bankid {

namespace {

// The string member `name` of `object`, or std::nullopt.
std::optional<std::string> string_member(const rapidjson::Value& object, const char* name) {
  const auto found = object.FindMember(name);
  if (found == object.MemberEnd() || !found->value.IsString()) return std::nullopt;
  return std::string(found->value.GetString(), found->value.GetStringLength());
}

bool parse_object(std::string_view json, rapidjson::Document& document) {
  if (json.size() > limits::oidc_document_bytes_max) return false;
  document.Parse(json.data(), json.size());
  return !document.HasParseError() && document.IsObject();
}

}  // namespace

bool is_allowed_endpoint(std::string_view url) { return http_client::is_allowed_url(url); }

Result<ProviderMetadata, std::string> parse_discovery(std::string_view json,
                                                      std::string_view expected_issuer) {
  rapidjson::Document document;
  if (!parse_object(json, document)) return Err{std::string("discovery: not a JSON object")};
  ProviderMetadata metadata;
  const auto issuer = string_member(document, "issuer");
  if (!issuer || *issuer != expected_issuer) {
    return Err{std::string("discovery: issuer does not equal BANKID_ISSUER")};
  }
  metadata.issuer = *issuer;
  const std::pair<const char*, std::string*> endpoints[] = {
      {"authorization_endpoint", &metadata.authorization_endpoint},
      {"token_endpoint", &metadata.token_endpoint},
      {"jwks_uri", &metadata.jwks_uri}};
  for (const auto& [name, target] : endpoints) {
    auto value = string_member(document, name);
    if (!value || !is_allowed_endpoint(*value)) {
      return Err{std::string("discovery: ") + name + " missing or not an https URL"};
    }
    *target = std::move(*value);
  }
  return metadata;
}

Result<KeySet, std::string> parse_jwks(std::string_view json) {
  rapidjson::Document document;
  if (!parse_object(json, document)) return Err{std::string("jwks: not a JSON object")};
  const auto keys = document.FindMember("keys");
  if (keys == document.MemberEnd() || !keys->value.IsArray()) {
    return Err{std::string("jwks: no \"keys\" array")};
  }
  KeySet set;
  for (const auto& key : keys->value.GetArray()) {
    if (!key.IsObject() || set.size() >= limits::jwks_keys_max) continue;
    const auto kty = string_member(key, "kty");
    const auto kid = string_member(key, "kid");
    const auto use = string_member(key, "use");
    const auto alg = string_member(key, "alg");
    const auto n = string_member(key, "n");
    const auto e = string_member(key, "e");
    if (kty != "RSA" || !kid || kid->empty() || !n || !e) continue;
    if ((use && *use != "sig") || (alg && *alg != "RS256")) continue;
    auto public_key = RsaPublicKey::from_jwk(*n, *e);
    if (!public_key) continue;  // a key we cannot use is as good as absent
    set.emplace(*kid, std::move(*public_key));
  }
  return set;
}

Result<TokenResponse, std::string> parse_token_response(std::string_view json) {
  rapidjson::Document document;
  if (!parse_object(json, document)) return Err{std::string("token: not a JSON object")};
  TokenResponse response;
  response.id_token = string_member(document, "id_token");
  if (auto error = string_member(document, "error")) response.error = std::move(*error);
  if (!response.id_token && response.error.empty()) {
    return Err{std::string("token: neither id_token nor error")};
  }
  return response;
}

}  // namespace drop::adapters::bankid
