// Grammar of what verify() accepts (RFC 7515 compact serialization, narrowed):
//   token   = segment "." segment "." segment
//   segment = 1*base64url-char              ; canonical, unpadded (RFC 7515 section 2)
//   header  = JSON object with exactly "alg":"HS256" and optionally "typ":"JWT"
//   payload = JSON object with iss, aud, sub, iat, exp, jti (RFC 7519 section 4.1)
#include "http/jwt.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <rapidjson/document.h>

#include <array>
#include <jwt/jwt.hpp>

#include "drop/assert.hpp"
#include "drop/identity/base64url.hpp"

namespace drop::http {

namespace {

std::array<unsigned char, 32> hmac_sha256(std::string_view key, std::string_view data) {
  std::array<unsigned char, 32> mac{};
  unsigned int length = 0;
  const unsigned char* result =
      HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
           reinterpret_cast<const unsigned char*>(data.data()), data.size(), mac.data(), &length);
  DROP_ASSERT(result != nullptr);
  DROP_ASSERT(length == mac.size());
  return mac;
}

// Step 2: only {"alg":"HS256"} with an optional "typ":"JWT".
bool header_is_hs256(std::string_view header_json) {
  rapidjson::Document document;
  document.Parse(header_json.data(), header_json.size());
  if (document.HasParseError() || !document.IsObject()) return false;
  bool has_alg = false;
  for (const auto& member : document.GetObject()) {
    const std::string_view name(member.name.GetString(), member.name.GetStringLength());
    if (!member.value.IsString()) return false;
    const std::string_view value(member.value.GetString(), member.value.GetStringLength());
    if (name == "alg" && value == "HS256" && !has_alg) {
      has_alg = true;
    } else if (!(name == "typ" && value == "JWT")) {
      return false;
    }
  }
  return has_alg;
}

Result<TokenClaims, TokenError> check_claims(const nlohmann::json& claims, Timestamp now) {
  if (!claims.is_object()) return Err{TokenError::malformed};
  const auto string_claim = [&](const char* name) -> const std::string* {
    const auto found = claims.find(name);
    if (found == claims.end() || !found->is_string()) return nullptr;
    return found->get_ptr<const std::string*>();
  };
  const auto integer_claim = [&](const char* name) -> std::optional<std::int64_t> {
    const auto found = claims.find(name);
    if (found == claims.end() || !found->is_number_integer()) return std::nullopt;
    return found->get<std::int64_t>();
  };
  const std::string* iss = string_claim("iss");
  const std::string* sub = string_claim("sub");
  const std::string* jti = string_claim("jti");
  const auto iat = integer_claim("iat");
  const auto exp = integer_claim("exp");
  if (iss == nullptr || *iss != TokenCodec::issuer) return Err{TokenError::wrong_issuer};
  const auto aud = claims.find("aud");
  bool audience_ok = aud != claims.end() && aud->is_string() &&
                     aud->get_ref<const std::string&>() == TokenCodec::audience;
  if (aud != claims.end() && aud->is_array()) {
    for (const auto& entry : *aud) {
      audience_ok |=
          entry.is_string() && entry.get_ref<const std::string&>() == TokenCodec::audience;
    }
  }
  if (!audience_ok) return Err{TokenError::wrong_audience};
  if (sub == nullptr || sub->empty() || jti == nullptr || jti->empty() || !iat || !exp) {
    return Err{TokenError::missing_claim};
  }
  const std::int64_t now_s = now.unix_seconds();
  if (now_s >= *exp) return Err{TokenError::expired};
  if (*iat > now_s + TokenCodec::clock_skew_s) return Err{TokenError::not_yet_valid};
  // Never honour a lifetime longer than the one this program issues.
  if (*exp - *iat > TokenCodec::lifetime_s) return Err{TokenError::expired};
  return TokenClaims{*sub, *jti, *iat, *exp};
}

}  // namespace

std::string_view to_string(TokenError error) {
  switch (error) {
    case TokenError::malformed:
      return "malformed";
    case TokenError::algorithm_not_allowed:
      return "algorithm_not_allowed";
    case TokenError::bad_signature:
      return "bad_signature";
    case TokenError::expired:
      return "expired";
    case TokenError::not_yet_valid:
      return "not_yet_valid";
    case TokenError::wrong_issuer:
      return "wrong_issuer";
    case TokenError::wrong_audience:
      return "wrong_audience";
    case TokenError::missing_claim:
      return "missing_claim";
  }
  return "malformed";
}

// The strict codec lives in core (drop/identity/base64url.hpp, shared with BankID's ID tokens).
bool decode_base64url(std::string_view text, std::string& out) {
  auto decoded = identity::decode_base64url(text);
  out = decoded ? std::move(*decoded) : std::string();
  return decoded.has_value();
}

std::string encode_base64url(std::string_view bytes) { return identity::encode_base64url(bytes); }

TokenCodec::TokenCodec(std::string secret)
    : owned_(std::make_unique<SecretCell>(std::move(secret))), secret_(owned_.get()) {
  DROP_ASSERT(!secret_->get().empty());
}

TokenCodec::TokenCodec(const SecretCell& secret) : secret_(&secret) {
  DROP_ASSERT(!secret_->get().empty());
}

std::string TokenCodec::issue(std::string_view subject, std::string_view token_id,
                              Timestamp now) const {
  const std::int64_t issued_at = now.unix_seconds();
  jwt::jwt_object object{jwt::params::algorithm("HS256"), jwt::params::secret(secret_->get())};
  object.add_claim("iss", std::string(issuer))
      .add_claim("aud", std::string(audience))
      .add_claim("sub", std::string(subject))
      .add_claim("iat", issued_at)
      .add_claim("exp", issued_at + lifetime_s)
      .add_claim("jti", std::string(token_id));
  std::error_code error;
  std::string token = object.signature(error);
  DROP_ASSERT(!error);
  return token;
}

Result<TokenClaims, TokenError> TokenCodec::verify(std::string_view token, Timestamp now) const {
  const auto first_dot = token.find('.');
  const auto second_dot = token.find('.', first_dot == std::string_view::npos ? 0 : first_dot + 1);
  if (first_dot == std::string_view::npos || second_dot == std::string_view::npos ||
      token.find('.', second_dot + 1) != std::string_view::npos) {
    return Err{TokenError::malformed};
  }
  const std::string_view header_part = token.substr(0, first_dot);
  const std::string_view payload_part = token.substr(first_dot + 1, second_dot - first_dot - 1);
  const std::string_view signature_part = token.substr(second_dot + 1);
  std::string header, payload, signature;
  if (header_part.empty() || payload_part.empty() || !decode_base64url(header_part, header) ||
      !decode_base64url(payload_part, payload)) {
    return Err{TokenError::malformed};
  }
  if (!header_is_hs256(header)) return Err{TokenError::algorithm_not_allowed};
  if (signature_part.empty() || !decode_base64url(signature_part, signature)) {
    return Err{TokenError::bad_signature};
  }
  const auto expected = hmac_sha256(secret_->get(), token.substr(0, second_dot));
  if (signature.size() != expected.size() ||
      CRYPTO_memcmp(signature.data(), expected.data(), expected.size()) != 0) {
    return Err{TokenError::bad_signature};
  }
  try {
    std::error_code error;
    const jwt::jwt_object object =
        jwt::decode(jwt::string_view(token.data(), token.size()),
                    jwt::params::algorithms({"HS256"}), error, jwt::params::verify(false));
    if (error) return Err{TokenError::malformed};
    return check_claims(object.payload().create_json_obj(), now);
  } catch (const std::exception&) {
    return Err{TokenError::malformed};
  }
}

std::string session_cookie(std::string_view token, bool secure) {
  return std::string(session_cookie_name) + "=" + std::string(token) +
         "; Path=/; Max-Age=" + std::to_string(TokenCodec::lifetime_s) +
         "; HttpOnly; SameSite=Lax" + (secure ? "; Secure" : "");
}

std::string cleared_session_cookie(bool secure) {
  return std::string(session_cookie_name) + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax" +
         (secure ? "; Secure" : "");
}

std::string_view find_session_cookie(std::string_view cookie_header) {
  while (!cookie_header.empty()) {
    const auto semicolon = cookie_header.find(';');
    std::string_view pair = cookie_header.substr(0, semicolon);
    while (pair.starts_with(' ')) pair.remove_prefix(1);
    const auto equals = pair.find('=');
    if (equals != std::string_view::npos && pair.substr(0, equals) == session_cookie_name) {
      return pair.substr(equals + 1);
    }
    if (semicolon == std::string_view::npos) break;
    cookie_header.remove_prefix(semicolon + 1);
  }
  return {};
}

}  // namespace drop::http
