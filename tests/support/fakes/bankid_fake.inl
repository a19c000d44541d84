// Implementation of BankIdFake (included by bankid_fake.hpp).
#pragma once

#include <openssl/sha.h>

#include <cctype>

namespace drop_test {

namespace bankid_fake_detail {

inline std::string base64url(std::string_view bytes) {
  std::string out = standard_base64(bytes);
  for (char& c : out) c = c == '+' ? '-' : c == '/' ? '_' : c;
  while (!out.empty() && out.back() == '=') out.pop_back();
  return out;
}

inline std::string decode_form(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '+') {
      out.push_back(' ');
    } else if (text[i] == '%' && i + 2 < text.size()) {
      out.push_back(static_cast<char>(std::stoi(std::string(text.substr(i + 1, 2)), nullptr, 16)));
      i += 2;
    } else {
      out.push_back(text[i]);
    }
  }
  return out;
}

// The value of `name` in "a=1&b=2" (the part after '?' when there is one).
inline std::string field(std::string_view text, std::string_view name) {
  if (const auto question = text.find('?'); question != std::string_view::npos) {
    text.remove_prefix(question + 1);
  }
  while (!text.empty()) {
    const auto end = text.find('&');
    const auto item = text.substr(0, end);
    const auto equals = item.find('=');
    if (decode_form(item.substr(0, equals)) == name && equals != std::string_view::npos) {
      return decode_form(item.substr(equals + 1));
    }
    if (end == std::string_view::npos) break;
    text.remove_prefix(end + 1);
  }
  return "";
}

inline std::string encode_form(std::string_view value) {
  static constexpr char hex[] = "0123456789ABCDEF";
  std::string out;
  for (char c : value) {
    const auto byte = static_cast<unsigned char>(c);
    if (std::isalnum(byte) || c == '*' || c == '-' || c == '.' || c == '_') {
      out.push_back(c);
    } else if (c == ' ') {
      out.push_back('+');
    } else {
      out += {'%', hex[byte >> 4], hex[byte & 15]};
    }
  }
  return out;
}

// The first header `lower_name` (compared case-insensitively), or "".
inline std::string header(const drop::http_client::HttpRequest& request,
                          std::string_view lower_name) {
  for (const auto& [name, value] : request.headers) {
    std::string lowered = name;
    for (char& c : lowered) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (lowered == lower_name) return value;
  }
  return "";
}

inline drop::http_client::HttpResponse json(unsigned status, std::string body) {
  drop::http_client::HttpResponse response;
  response.status = status;
  response.headers.push_back({"Content-Type", "application/json"});
  response.body = std::move(body);
  return response;
}

}  // namespace bankid_fake_detail

inline std::string BankIdFake::authorize(const std::string& authorization_url) {
  using bankid_fake_detail::field;
  if (field(authorization_url, "response_type") != "code" ||
      field(authorization_url, "client_id") != client_id_ ||
      field(authorization_url, "scope").find("openid") == std::string::npos ||
      field(authorization_url, "code_challenge_method") != "S256" ||
      field(authorization_url, "state").empty() || field(authorization_url, "nonce").empty()) {
    return "";
  }
  std::lock_guard lock(mutex_);
  const std::string code = "code-" + std::to_string(next_code_++);
  codes_[code] =
      Pending{field(authorization_url, "code_challenge"), field(authorization_url, "nonce"),
              field(authorization_url, "redirect_uri")};
  return code;
}

inline drop::http_client::HttpResponse BankIdFake::handle(
    const drop::http_client::HttpRequest& request) {
  using bankid_fake_detail::json;
  if (request.method == "GET" && request.url == "/.well-known/openid-configuration") {
    std::lock_guard lock(mutex_);
    ++discovery_requests_;
    if (discovery_status != 200) return json(discovery_status, "{\"error\":\"unavailable\"}");
    const std::string issuer = discovery_issuer.empty() ? issuer_ : discovery_issuer;
    return json(200, "{\"issuer\":\"" + issuer + "\",\"authorization_endpoint\":\"" + issuer_ +
                         "/authorize\",\"token_endpoint\":\"" + issuer_ +
                         "/token\",\"jwks_uri\":\"" + issuer_ +
                         "/jwks\",\"response_types_supported\":[\"code\"],"
                         "\"id_token_signing_alg_values_supported\":[\"RS256\"]}");
  }
  if (request.method == "GET" && request.url == "/jwks") {
    std::lock_guard lock(mutex_);
    ++jwks_requests_;
    std::string keys;
    for (const std::string& kid : publish_kids) {
      keys += (keys.empty() ? "" : ",");
      keys += "{\"kty\":\"RSA\",\"use\":\"sig\",\"alg\":\"RS256\",\"kid\":\"" + kid +
              "\",\"n\":\"" + keys_.jwk_n + "\",\"e\":\"" + keys_.jwk_e + "\"}";
    }
    return json(200, "{\"keys\":[" + keys + "]}");
  }
  if (request.method == "POST" && request.url == "/token") return token(request);
  return json(404, "{\"error\":\"not_found\"}");
}

inline drop::http_client::HttpResponse BankIdFake::token(
    const drop::http_client::HttpRequest& request) {
  using bankid_fake_detail::field;
  using bankid_fake_detail::json;
  std::lock_guard lock(mutex_);
  ++token_requests_;
  if (token_status != 200) return json(token_status, "{\"error\":\"temporarily_unavailable\"}");
  // RFC 6749 2.3.1: Basic base64(form(client_id) ":" form(secret)); or private_key_jwt.
  const std::string expected_authorization =
      "Basic " + standard_base64(bankid_fake_detail::encode_form(client_id_) + ":" +
                                 bankid_fake_detail::encode_form(client_secret_));
  const std::string authorization = bankid_fake_detail::header(request, "authorization");
  const std::string content_type = bankid_fake_detail::header(request, "content-type");
  const std::string assertion = field(request.body, "client_assertion");
  if (assertion.empty() ? authorization != expected_authorization
                        : !authorization.empty() || !client_assertion_valid(request.body)) {
    return json(401, "{\"error\":\"invalid_client\"}");
  }
  if (content_type != "application/x-www-form-urlencoded") {
    return json(400, "{\"error\":\"invalid_request\"}");
  }
  const std::string code = field(request.body, "code");
  const auto found = codes_.find(code);
  if (field(request.body, "grant_type") != "authorization_code" || found == codes_.end()) {
    return json(400, "{\"error\":\"invalid_grant\"}");
  }
  const Pending pending = found->second;
  codes_.erase(found);  // single use
  unsigned char digest[SHA256_DIGEST_LENGTH];
  const std::string verifier = field(request.body, "code_verifier");
  SHA256(reinterpret_cast<const unsigned char*>(verifier.data()), verifier.size(), digest);
  const std::string challenge = bankid_fake_detail::base64url(
      std::string_view(reinterpret_cast<const char*>(digest), sizeof digest));
  if (field(request.body, "redirect_uri") != pending.redirect_uri ||
      challenge != pending.code_challenge) {
    return json(400, "{\"error\":\"invalid_grant\"}");
  }
  return json(200,
              "{\"access_token\":\"at-1\",\"token_type\":\"Bearer\",\"expires_in\":300,"
              "\"id_token\":\"" +
                  id_token(pending) + "\"}");
}

}  // namespace drop_test
