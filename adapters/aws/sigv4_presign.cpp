// SigV4 presigning: the signature travels in the query string (grammar in sigv4.hpp; the extra
// parameters are part of the canonical query, the payload hash is the body's).
#include <algorithm>
#include <vector>

#include "drop/adapters/aws/sigv4.hpp"
#include "sigv4_internal.hpp"
#include "url_parts.hpp"

namespace drop::adapters::aws {

SigningDetails presign_request(http_client::HttpRequest& request, const AwsCredentials& credentials,
                               const SigningScope& scope, Timestamp now, int expires_s,
                               const SigningOptions& options) {
  DROP_ASSERT(expires_s >= 1 && expires_s <= 604'800);
  UrlParts url;
  const bool split = split_url(request.url, url);
  DROP_ASSERT(split);
  const std::string date = amz_date(now);
  SigningParts parts;
  parts.method = request.method;
  parts.path = url.path;
  parts.payload_hash = sha256_hex(request.body);
  bool has_host = false;
  for (const http_client::HttpHeader& header : request.headers) {
    const std::string name = lowercase(header.name);
    if (is_unsigned_header(name)) continue;
    has_host = has_host || name == "host";
    parts.headers.push_back(header);
  }
  if (!has_host) parts.headers.push_back({"host", host_of_url(request.url)});
  std::vector<std::string> names;
  for (const http_client::HttpHeader& header : parts.headers)
    names.push_back(lowercase(header.name));
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  std::string signed_headers;
  for (const std::string& name : names)
    signed_headers += (signed_headers.empty() ? "" : ";") + name;
  const std::string credential = credentials.access_key_id + '/' + date.substr(0, 8) + '/' +
                                 scope.region + '/' + scope.service + "/aws4_request";
  std::string query(url.query);
  const auto append = [&query](std::string_view name, std::string_view value) {
    if (!query.empty()) query += '&';
    query += std::string(name) + '=' + uri_encode(value, false);
  };
  append("X-Amz-Algorithm", "AWS4-HMAC-SHA256");
  append("X-Amz-Credential", credential);
  append("X-Amz-Date", date);
  append("X-Amz-SignedHeaders", signed_headers);
  append("X-Amz-Expires", std::to_string(expires_s));
  const bool has_token = !credentials.session_token.empty();
  if (has_token && options.sign_session_token) {
    append("X-Amz-Security-Token", credentials.session_token);
  }
  parts.query = query;
  SigningDetails details = sign_parts(parts, credentials, scope, date);
  details.authorization.clear();
  if (has_token && !options.sign_session_token) {
    append("X-Amz-Security-Token", credentials.session_token);
  }
  append("X-Amz-Signature", details.signature);
  const std::size_t authority_end = request.url.find_first_of("/?#", request.url.find("://") + 3);
  const std::string origin = request.url.substr(0, authority_end);
  request.url = origin + (url.path.empty() ? "/" : std::string(url.path)) + '?' + query;
  return details;
}

}  // namespace drop::adapters::aws
