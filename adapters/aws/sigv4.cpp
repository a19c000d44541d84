// SigV4 signing of a request (grammar in sigv4.hpp).
#include "drop/adapters/aws/sigv4.hpp"

#include <algorithm>
#include <cctype>

#include "sigv4_internal.hpp"
#include "url_parts.hpp"

namespace drop::adapters::aws {

namespace {

using http_client::HttpHeader;
using http_client::HttpRequest;

bool is_named(const HttpHeader& header, std::string_view lower_name) {
  return lowercase(header.name) == lower_name;
}

void remove_header(HttpRequest& request, std::string_view lower_name) {
  std::erase_if(request.headers,
                [&](const HttpHeader& header) { return is_named(header, lower_name); });
}

}  // namespace

std::string amz_date(Timestamp time) {
  // format_rfc3339: "2015-08-30T12:36:00Z" -> "20150830T123600Z".
  std::string date;
  for (const char c : format_rfc3339(time)) {
    if (c != '-' && c != ':') date.push_back(c);
  }
  return date;
}

SigningDetails sign_parts(const SigningParts& parts, const AwsCredentials& credentials,
                          const SigningScope& scope, std::string_view amz_date_text) {
  DROP_ASSERT(amz_date_text.size() == 16);
  DROP_ASSERT(!credentials.access_key_id.empty() && !credentials.secret_access_key.empty());
  std::vector<std::pair<std::string, std::string>> headers;
  headers.reserve(parts.headers.size());
  for (const HttpHeader& header : parts.headers) {
    headers.emplace_back(lowercase(header.name), canonical_header_value(header.value));
  }
  std::stable_sort(headers.begin(), headers.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  std::string canonical_headers;
  SigningDetails details;
  for (std::size_t i = 0; i < headers.size(); ++i) {
    const bool continues = i > 0 && headers[i].first == headers[i - 1].first;
    if (continues) {
      canonical_headers.back() = ',';  // replaces the previous line's '\n'
    } else {
      if (!details.signed_headers.empty()) details.signed_headers += ';';
      details.signed_headers += headers[i].first;
      canonical_headers += headers[i].first + ':';
    }
    canonical_headers += headers[i].second + '\n';
  }
  const std::string_view method = parts.method;
  details.canonical_request = std::string(method) + '\n' + canonical_uri(parts.path) + '\n' +
                              canonical_query(parts.query) + '\n' + canonical_headers + '\n' +
                              details.signed_headers + '\n' + parts.payload_hash;
  const std::string_view date = amz_date_text.substr(0, 8);
  const std::string credential_scope =
      std::string(date) + '/' + scope.region + '/' + scope.service + "/aws4_request";
  details.string_to_sign = "AWS4-HMAC-SHA256\n" + std::string(amz_date_text) + '\n' +
                           credential_scope + '\n' + sha256_hex(details.canonical_request);
  const std::string key =
      signing_key(credentials.secret_access_key, date, scope.region, scope.service);
  details.signature = hex_lower(hmac_sha256(key, details.string_to_sign));
  details.authorization = "AWS4-HMAC-SHA256 Credential=" + credentials.access_key_id + '/' +
                          credential_scope + ", SignedHeaders=" + details.signed_headers +
                          ", Signature=" + details.signature;
  return details;
}

SigningDetails sign_request(HttpRequest& request, const AwsCredentials& credentials,
                            const SigningScope& scope, Timestamp now,
                            const SigningOptions& options) {
  UrlParts url;
  const bool split = split_url(request.url, url);
  DROP_ASSERT(split);
  const std::string date = amz_date(now);
  remove_header(request, "authorization");
  remove_header(request, "x-amz-date");
  request.headers.push_back({"X-Amz-Date", date});
  const bool has_token = !credentials.session_token.empty();
  if (has_token) remove_header(request, "x-amz-security-token");
  if (has_token && options.sign_session_token) {
    request.headers.push_back({"X-Amz-Security-Token", credentials.session_token});
  }
  SigningParts parts;
  parts.method = request.method;
  parts.path = url.path;
  parts.query = url.query;
  parts.payload_hash = sha256_hex(request.body);
  if (options.add_content_sha256_header) {
    remove_header(request, "x-amz-content-sha256");
    request.headers.push_back({"x-amz-content-sha256", parts.payload_hash});
  }
  bool has_host = false;
  for (const HttpHeader& header : request.headers) {
    const std::string name = lowercase(header.name);
    if (is_unsigned_header(name)) continue;
    has_host = has_host || name == "host";
    parts.headers.push_back(header);
  }
  if (!has_host) parts.headers.push_back({"host", host_of_url(request.url)});
  SigningDetails details = sign_parts(parts, credentials, scope, date);
  if (has_token && !options.sign_session_token) {
    request.headers.push_back({"X-Amz-Security-Token", credentials.session_token});
  }
  request.headers.push_back({"Authorization", details.authorization});
  return details;
}

}  // namespace drop::adapters::aws
