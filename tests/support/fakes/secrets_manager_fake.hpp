// A fake AWS Secrets Manager (GetSecretValue, JSON 1.1) that checks requests the way AWS does:
// the X-Amz-Target and Content-Type headers, the SigV4 Authorization header (credential scope,
// signed headers, and the signature itself, recomputed with the secret key of the access key id
// it names), the session token, and the SecretId. It answers the real success shape (ARN, Name,
// VersionId, SecretString, VersionStages, CreatedDate) or real AWS error bodies, including
// errors queued by a test (AccessDeniedException, ThrottlingException, InternalServiceError..).
// An InvalidSignatureException echoes the expected canonical request, as AWS does, so tests can
// prove the adapter never copies AWS messages into its own.
// Thread-safe (one mutex); the handler contract of support/in_process_http.hpp.
#pragma once

#include <rapidjson/document.h>

#include <algorithm>
#include <cctype>
#include <deque>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "drop/adapters/aws/sigv4.hpp"
#include "support/fakes/aws_json.hpp"
#include "support/in_process_http.hpp"

namespace drop_test {

struct FakeAwsKey {
  std::string access_key_id;
  std::string secret_access_key;
  std::string session_token;  // required with this key when not empty
};

class SecretsManagerFake {
 public:
  struct Secret {
    std::string arn, name, secret_string, version_id;
  };
  struct Failure {
    unsigned status;
    std::string type;
  };

  // `host`: the Host value to verify when the request carries no Host header (in-process).
  SecretsManagerFake(std::string region, std::string host) : region_(region), host_(host) {}

  void add_key(FakeAwsKey key) {
    std::lock_guard lock(mutex_);
    keys_[key.access_key_id] = std::move(key);
  }
  void put_secret(Secret secret) {
    std::lock_guard lock(mutex_);
    secrets_[secret.arn] = secret;
    secrets_[secret.name] = std::move(secret);
  }
  // The next requests (after their signature checked out) fail with these AWS errors.
  void fail_next(unsigned status, std::string type) {
    std::lock_guard lock(mutex_);
    failures_.push_back({status, std::move(type)});
  }
  int accepted() const {
    std::lock_guard lock(mutex_);
    return accepted_;
  }
  FakeHandler handler() {
    return [this](const drop::http_client::HttpRequest& request) { return handle(request); };
  }

  drop::http_client::HttpResponse handle(const drop::http_client::HttpRequest& request) {
    std::lock_guard lock(mutex_);
    if (request.method != "POST" || header(request, "x-amz-target") !=
                                        std::vector<std::string>{"secretsmanager.GetSecretValue"}) {
      return aws_error(400, "UnknownOperationException", "");
    }
    if (header(request, "content-type") != std::vector<std::string>{"application/x-amz-json-1.1"}) {
      return aws_error(400, "SerializationException", "Unsupported content type");
    }
    if (auto refused = check_signature(request)) return *refused;
    if (!failures_.empty()) {
      const Failure failure = failures_.front();
      failures_.pop_front();
      return aws_error(failure.status, failure.type, "Injected failure", true);
    }
    rapidjson::Document body;
    body.Parse(request.body.c_str(), request.body.size());
    if (body.HasParseError() || !body.IsObject() || !body.HasMember("SecretId") ||
        !body["SecretId"].IsString()) {
      return aws_error(400, "InvalidParameterException", "SecretId is required.");
    }
    const auto found = secrets_.find(body["SecretId"].GetString());
    if (found == secrets_.end()) {
      return aws_error(400, "ResourceNotFoundException",
                       "Secrets Manager can't find the specified secret.");
    }
    ++accepted_;
    const Secret& secret = found->second;
    return aws_json_response(200, aws_json_object({{"ARN", secret.arn},
                                                   {"Name", secret.name},
                                                   {"SecretString", secret.secret_string},
                                                   {"VersionId", secret.version_id}},
                                                  {{"VersionStages", "[\"AWSCURRENT\"]"},
                                                   {"CreatedDate", "1.764488229E9"}}));
  }

 private:
  static std::string lower(std::string text) {
    for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return text;
  }
  static std::vector<std::string> header(const drop::http_client::HttpRequest& request,
                                         const std::string& name) {
    std::vector<std::string> values;
    for (const auto& each : request.headers) {
      if (lower(each.name) == name) values.push_back(each.value);
    }
    return values;
  }
  static std::string field(const std::string& authorization, const std::string& name) {
    const std::size_t start = authorization.find(name + "=");
    if (start == std::string::npos) return {};
    const std::size_t value = start + name.size() + 1;
    return authorization.substr(value, authorization.find(',', value) - value);
  }

  std::optional<drop::http_client::HttpResponse> check_signature(
      const drop::http_client::HttpRequest& request) {
    const auto authorization = header(request, "authorization");
    const auto date = header(request, "x-amz-date");
    if (authorization.size() != 1 || date.size() != 1) {
      return aws_error(400, "MissingAuthenticationTokenException", "Missing Authentication Token");
    }
    const std::string& value = authorization[0];
    const std::string credential = field(value, "Credential");
    const std::string signed_headers = field(value, "SignedHeaders");
    const std::string signature = field(value, "Signature");
    const std::size_t slash = credential.find('/');
    if (!value.starts_with("AWS4-HMAC-SHA256 ") || slash == std::string::npos ||
        signed_headers.empty() || signature.size() != 64) {
      return aws_error(400, "IncompleteSignatureException", "Authorization header malformed.");
    }
    const auto key = keys_.find(credential.substr(0, slash));
    if (key == keys_.end()) {
      return aws_error(400, "UnrecognizedClientException",
                       "The security token included in the request is invalid.");
    }
    const std::string scope = date[0].substr(0, 8) + "/" + region_ + "/secretsmanager/aws4_request";
    const std::string signed_list = ";" + signed_headers + ";";
    const bool token_ok = key->second.session_token.empty() ||
                          (header(request, "x-amz-security-token") ==
                               std::vector<std::string>{key->second.session_token} &&
                           signed_list.find(";x-amz-security-token;") != std::string::npos);
    if (!token_ok) {
      return aws_error(400, "UnrecognizedClientException",
                       "The security token included in the request is invalid.");
    }
    if (credential.substr(slash + 1) != scope) {
      return aws_error(400, "InvalidSignatureException",
                       "Credential should be scoped to a valid region.");
    }
    for (const char* required : {";host;", ";x-amz-date;", ";x-amz-target;", ";content-type;"}) {
      if (signed_list.find(required) == std::string::npos) {
        return aws_error(400, "InvalidSignatureException", "Signed headers incomplete.");
      }
    }
    const std::string::size_type question = request.url.find('?');
    drop::adapters::aws::SigningParts parts;
    parts.method = request.method;
    parts.path = std::string_view(request.url).substr(0, question);
    if (question != std::string::npos)
      parts.query = std::string_view(request.url).substr(question + 1);
    parts.payload_hash = drop::adapters::aws::sha256_hex(request.body);
    std::size_t start = 0;
    while (start <= signed_headers.size()) {
      const std::size_t end = std::min(signed_headers.find(';', start), signed_headers.size());
      const std::string name = signed_headers.substr(start, end - start);
      auto values = header(request, name);
      if (name == "host" && values.empty()) values.push_back(host_);
      for (auto& each : values) parts.headers.push_back({name, each});
      start = end + 1;
    }
    const drop::adapters::aws::AwsCredentials credentials{
        key->second.access_key_id, key->second.secret_access_key, "", std::nullopt};
    const auto expected =
        drop::adapters::aws::sign_parts(parts, credentials, {region_, "secretsmanager"}, date[0]);
    if (expected.signature != signature) {
      return aws_error(400, "InvalidSignatureException",
                       "The request signature we calculated does not match the signature you "
                       "provided. The Canonical String for this request should have been\n'" +
                           expected.canonical_request +
                           "'\n\nThe String-to-Sign should have been\n'" + expected.string_to_sign +
                           "'\n");
    }
    return std::nullopt;
  }

  const std::string region_;
  const std::string host_;
  mutable std::mutex mutex_;
  std::map<std::string, FakeAwsKey> keys_;
  std::map<std::string, Secret> secrets_;
  std::deque<Failure> failures_;
  int accepted_ = 0;
};

}  // namespace drop_test
