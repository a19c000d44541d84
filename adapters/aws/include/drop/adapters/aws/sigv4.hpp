// AWS Signature Version 4 (header signing, HMAC-SHA256), as the AWS SigV4 test suite pins it:
//
//   CanonicalRequest = Method '\n' CanonicalURI '\n' CanonicalQuery '\n'
//                      *(lowercase-name ':' trimmed-value '\n') '\n' SignedHeaders '\n'
//                      hex(SHA256(payload))
//   StringToSign     = "AWS4-HMAC-SHA256" '\n' AmzDate '\n' Scope '\n'
//   hex(SHA256(CanonicalRequest)) Scope            = yyyymmdd '/' region '/' service '/'
//   "aws4_request" SigningKey       = HMAC(HMAC(HMAC(HMAC("AWS4" secret, yyyymmdd), region),
//   service),
//                      "aws4_request")
//   Authorization    = "AWS4-HMAC-SHA256 Credential=" key-id '/' Scope ", SignedHeaders="
//                      SignedHeaders ", Signature=" hex(HMAC(SigningKey, StringToSign))
//
// CanonicalURI: dot segments and repeated slashes removed, then every byte outside
// A-Z a-z 0-9 - . _ ~ / percent-encoded (uppercase hex; an existing escape is encoded again, as
// SigV4 requires for every service but S3). CanonicalQuery: parameters decoded, re-encoded with
// the same unreserved set ('/' encoded too), sorted by name then value, joined by '&'. Header
// values: leading/trailing blanks trimmed, inner runs of spaces collapsed to one; a repeated
// header becomes one line with its values comma-joined in order.
//
// Thread-safety: pure functions.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "drop/adapters/http_client/http_client.hpp"
#include "drop/time/timestamp.hpp"

namespace drop::adapters::aws {

struct AwsCredentials {
  std::string access_key_id;
  std::string secret_access_key;        // never logged
  std::string session_token;            // empty: long-term credentials; never logged
  std::optional<Timestamp> expiration;  // temporary credentials only
};

struct SigningScope {
  std::string region;   // "us-east-1"
  std::string service;  // "secretsmanager"
};

struct SigningOptions {
  // false: X-Amz-Security-Token is added after signing (not in SignedHeaders), for services
  // that want it so. Secrets Manager signs it.
  bool sign_session_token = true;
  // true: add and sign x-amz-content-sha256 (S3 style). Secrets Manager does not need it.
  bool add_content_sha256_header = false;
};

// What a signature was computed from: tests compare each part with the vectors, fakes recompute
// the signature of a request they received.
struct SigningDetails {
  std::string canonical_request;
  std::string string_to_sign;
  std::string signed_headers;  // "host;x-amz-date"
  std::string signature;       // 64 lowercase hex digits
  std::string authorization;   // the Authorization header value
};

// The pieces of a request to sign, with the headers to sign already chosen (Host and
// X-Amz-Date included).
struct SigningParts {
  std::string_view method;
  std::string_view path;   // as sent, percent-encoded ("/"); empty means "/"
  std::string_view query;  // as sent, without '?'
  std::vector<http_client::HttpHeader> headers;
  std::string payload_hash;  // hex SHA-256 of the body
};

// Signs `parts` at `amz_date` ("20150830T123600Z").
// REQUIRES: amz_date is 16 characters; credentials have a key id and secret.
SigningDetails sign_parts(const SigningParts& parts, const AwsCredentials& credentials,
                          const SigningScope& scope, std::string_view amz_date);

// Signs an outgoing request in place: sets X-Amz-Date (replacing any), adds X-Amz-Security-Token
// when the credentials carry one, then Authorization. Every header of the request is signed
// except Authorization, User-Agent, Expect and X-Amzn-Trace-Id; Host is the request's Host
// header, else the URL's authority without a default port (what the client sends).
// REQUIRES: request.url is absolute (scheme://authority/...).
SigningDetails sign_request(http_client::HttpRequest& request, const AwsCredentials& credentials,
                            const SigningScope& scope, Timestamp now,
                            const SigningOptions& options = {});

// Presigns a request (the query-string variant): appends X-Amz-Algorithm, X-Amz-Credential,
// X-Amz-Date, X-Amz-SignedHeaders, X-Amz-Expires and X-Amz-Security-Token (signed unless
// options.sign_session_token is false, then appended after signing) to the URL's query, signs
// with the real payload hash (no X-Amz-Date or x-amz-content-sha256 header), and appends
// X-Amz-Signature. `authorization` in the result is empty. Drop's own clients do not presign;
// this completes the AWS test suite.
// REQUIRES: request.url is absolute; expires_s in [1, 604800].
SigningDetails presign_request(http_client::HttpRequest& request, const AwsCredentials& credentials,
                               const SigningScope& scope, Timestamp now, int expires_s,
                               const SigningOptions& options = {});

// Building blocks (exposed for tests and fakes).
// Percent-encodes every byte outside A-Z a-z 0-9 - . _ ~ (and '/' when keep_slash).
std::string uri_encode(std::string_view text, bool keep_slash);
std::string amz_date(Timestamp time);  // "20150830T123600Z"
std::string sha256_hex(std::string_view data);
std::string hmac_sha256(std::string_view key, std::string_view data);  // raw 32 bytes
std::string hex_lower(std::string_view bytes);
std::string signing_key(std::string_view secret_access_key, std::string_view yyyymmdd,
                        std::string_view region, std::string_view service);  // raw 32 bytes
std::string canonical_uri(std::string_view path);
std::string canonical_query(std::string_view query);
std::string canonical_header_value(std::string_view value);
// The Host header value for an absolute URL: its authority, without userinfo or a default port.
std::string host_of_url(std::string_view url);

}  // namespace drop::adapters::aws
