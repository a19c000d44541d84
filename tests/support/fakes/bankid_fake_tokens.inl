// BankIdFake's token minting (ID tokens, good and bad) and its check of our private_key_jwt
// client assertions (included by bankid_fake.hpp).
#pragma once

#include <rapidjson/document.h>

namespace drop_test {

// private_key_jwt (RFC 7523 3): the assertion is RS256 under the client's registered key (the
// RFC 7515 A.2 key here), iss = sub = client_id, aud = our token endpoint, unexpired, jti unused.
inline bool BankIdFake::client_assertion_valid(const std::string& body) {
  using bankid_fake_detail::field;
  if (field(body, "client_assertion_type") !=
          "urn:ietf:params:oauth:client-assertion-type:jwt-bearer" ||
      field(body, "client_id") != client_id_) {
    return false;
  }
  const std::string assertion = field(body, "client_assertion");
  const auto first = assertion.find('.');
  const auto last = assertion.rfind('.');
  if (first == std::string::npos || first == last) return false;
  auto decode = [](std::string text) {
    for (char& c : text) c = c == '-' ? '+' : c == '_' ? '/' : c;
    while (text.size() % 4 != 0) text.push_back('=');
    std::string out(text.size(), '\0');
    const int length = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                       reinterpret_cast<const unsigned char*>(text.data()),
                                       static_cast<int>(text.size()));
    out.resize(length < 0 ? 0 : static_cast<std::size_t>(length));
    while (!text.empty() && text.back() == '=' && !out.empty()) {
      out.pop_back();
      text.pop_back();
    }
    return out;
  };
  if (!rs256_verify(keys_.rfc_public.get(), std::string_view(assertion).substr(0, last),
                    decode(assertion.substr(last + 1)))) {
    return false;
  }
  rapidjson::Document claims;
  const std::string payload = decode(assertion.substr(first + 1, last - first - 1));
  claims.Parse(payload.data(), payload.size());
  if (!claims.IsObject() || !claims.HasMember("jti") || !claims["jti"].IsString() ||
      !claims.HasMember("exp") || !claims["exp"].IsInt64()) {
    return false;
  }
  auto is = [&](const char* claim, const std::string& value) {
    return claims.HasMember(claim) && claims[claim].IsString() &&
           claims[claim].GetString() == value;
  };
  return is("iss", client_id_) && is("sub", client_id_) && is("aud", issuer_ + "/token") &&
         claims["exp"].GetInt64() > now_s && used_jtis_.insert(claims["jti"].GetString()).second;
}

inline std::string BankIdFake::id_token(const Pending& pending) {
  using bankid_fake_detail::base64url;
  const std::string kid = fault == IdTokenFault::unknown_kid ? "key-unknown" : token_kid;
  std::string header = "{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"" + kid + "\"}";
  if (fault == IdTokenFault::alg_none) header = "{\"alg\":\"none\",\"kid\":\"" + kid + "\"}";
  if (fault == IdTokenFault::hs256_with_public_key) {
    header = "{\"alg\":\"HS256\",\"typ\":\"JWT\",\"kid\":\"" + kid + "\"}";
  }
  const std::string iss = fault == IdTokenFault::wrong_issuer ? issuer_ + "/evil" : issuer_;
  std::string aud = "\"" + client_id_ + "\"";
  if (fault == IdTokenFault::wrong_audience) aud = "\"another-client\"";
  if (fault == IdTokenFault::several_audiences_without_azp) {
    aud = "[\"" + client_id_ + "\",\"another-client\"]";
  }
  const std::int64_t iat = fault == IdTokenFault::issued_in_future ? now_s + 3600
                           : fault == IdTokenFault::expired        ? now_s - 7800
                                                                   : now_s;
  const std::int64_t exp = fault == IdTokenFault::expired ? now_s - 7200 : now_s + 300;
  const std::string nonce = fault == IdTokenFault::nonce_mismatch ? "another-nonce" : pending.nonce;
  std::string payload = "{\"iss\":\"" + iss + "\",";
  if (fault != IdTokenFault::missing_subject) payload += "\"sub\":\"" + subject + "\",";
  payload += "\"aud\":" + aud + ",\"exp\":" + std::to_string(exp) +
             ",\"iat\":" + std::to_string(iat) + ",\"auth_time\":" + std::to_string(iat) +
             ",\"nonce\":\"" + nonce + "\",\"acr\":\"urn:bankid:bid\",\"name\":\"" + name +
             "\",\"nnin\":\"" + nnin + "\"}";
  const std::string input = base64url(header) + "." + base64url(payload);
  std::string signature;
  switch (fault) {
    case IdTokenFault::alg_none:
      return input + ".";
    case IdTokenFault::hs256_with_public_key:
      return input + "." + base64url(hs256_sign(keys_.public_pem, input));
    case IdTokenFault::foreign_key:
      return input + "." + base64url(rs256_sign(keys_.foreign_private.get(), input));
    default:
      signature = rs256_sign(keys_.rfc_private.get(), input);
  }
  if (fault == IdTokenFault::bad_signature) signature[signature.size() / 2] ^= 0x01;
  if (fault == IdTokenFault::bad_base64url) return input + "." + standard_base64(signature);
  return input + "." + base64url(signature);
}

}  // namespace drop_test
