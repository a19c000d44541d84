// A fake Sumsub API speaking the real wire protocol, for unit tests (InProcessHttpClient) and
// end-to-end tests (FakeHttpServer). Every request must carry X-App-Token (the fake's token),
// X-App-Access-Ts within `window_s` of the fake's clock, and X-App-Access-Sig = lowercase hex
// HMAC-SHA256(secret, ts + METHOD + path-with-query + body) over the bytes received (computed
// here independently of the adapter, with OpenSSL's HMAC() and printf hex); otherwise it answers
// 401 with the body of vectors/sumsub/error_401_invalid_signature.json.
//
//   POST /resources/applicants?levelName=L {"externalUserId": U}
//        -> 200 {"id","createdAt","externalUserId","levelName",...}; 409 when U has one
//   GET  /resources/applicants/-;externalUserId=U/one -> 200 {"id",...} | 404
//   POST /resources/accessTokens/sdk {"userId","levelName","ttlInSecs"}
//        -> 200 {"token","userId"} (the shape of accessTokens_sdk_response.json)
// Scripted failures (any status and body) are answered first. Thread-safe.
#pragma once

#include <openssl/hmac.h>
#include <rapidjson/document.h>

#include <cctype>
#include <cstdio>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>

#include "support/in_process_http.hpp"
#include "support/vectors.hpp"

namespace drop_test {

inline std::string independent_hmac_sha256_hex(const std::string& key, const std::string& data) {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
       reinterpret_cast<const unsigned char*>(data.data()), data.size(), out, &size);
  std::string hex;
  char pair[3];
  for (unsigned int i = 0; i < size; ++i) {
    std::snprintf(pair, sizeof pair, "%02x", out[i]);
    hex += pair;
  }
  return hex;
}

// The first header named `name` (case-insensitive) of a request.
inline std::optional<std::string> request_header(const drop::http_client::HttpRequest& request,
                                                 const std::string& name) {
  for (const auto& header : request.headers) {
    if (header.name.size() != name.size()) continue;
    bool same = true;
    for (std::size_t i = 0; i < name.size() && same; ++i) {
      same = std::tolower(static_cast<unsigned char>(header.name[i])) ==
             std::tolower(static_cast<unsigned char>(name[i]));
    }
    if (same) return header.value;
  }
  return std::nullopt;
}

class SumsubFake {
 public:
  using HttpRequest = drop::http_client::HttpRequest;
  using HttpResponse = drop::http_client::HttpResponse;

  SumsubFake(std::string app_token, std::string secret_key, std::function<std::int64_t()> now_s,
             std::int64_t window_s = 300)
      : app_token_(std::move(app_token)),
        secret_key_(std::move(secret_key)),
        now_s_(std::move(now_s)),
        window_s_(window_s) {}

  static HttpResponse json(unsigned status, std::string body) {
    HttpResponse response;
    response.status = status;
    response.headers = {{"Content-Type", "application/json;charset=UTF-8"}};
    response.body = std::move(body);
    return response;
  }
  // Sumsub's error shape.
  static HttpResponse error(unsigned status, const std::string& description) {
    return json(status, "{\"description\":\"" + description +
                            "\",\"code\":" + std::to_string(status) +
                            ",\"correlationId\":\"req-00000000-0000-0000-0000-000000000000\"}");
  }

  void script(HttpResponse answer) {
    std::lock_guard lock(mutex_);
    scripted_.push_back(std::move(answer));
  }
  // An applicant that exists before the test (the 409 path).
  void seed_applicant(const std::string& external_user_id, const std::string& id) {
    std::lock_guard lock(mutex_);
    applicants_[external_user_id] = id;
  }
  int creates() const {
    std::lock_guard lock(mutex_);
    return creates_;
  }
  int tokens_issued() const {
    std::lock_guard lock(mutex_);
    return tokens_;
  }

  HttpResponse handle(const HttpRequest& request) {
    std::lock_guard lock(mutex_);
    if (!signature_ok(request)) {
      return json(401, read_vector("sumsub/error_401_invalid_signature.json"));
    }
    if (!scripted_.empty()) {
      HttpResponse answer = std::move(scripted_.front());
      scripted_.pop_front();
      return answer;
    }
    const std::string& path = request.url;
    if (request.method == "POST" && path.rfind("/resources/applicants?levelName=", 0) == 0) {
      return create_applicant(request, path.substr(path.find('=') + 1));
    }
    const std::string lookup = "/resources/applicants/-;externalUserId=";
    if (request.method == "GET" && path.rfind(lookup, 0) == 0 && path.size() > lookup.size() + 4 &&
        path.compare(path.size() - 4, 4, "/one") == 0) {
      const auto found =
          applicants_.find(path.substr(lookup.size(), path.size() - lookup.size() - 4));
      if (found == applicants_.end()) return error(404, "Applicant not found");
      return json(200, "{\"id\":\"" + found->second + "\",\"externalUserId\":\"" + found->first +
                           "\",\"review\":{\"reviewStatus\":\"init\"}}");
    }
    if (request.method == "POST" && path == "/resources/accessTokens/sdk") {
      return access_token(request);
    }
    return error(404, "Not found");
  }

  FakeHandler handler() {
    return [this](const HttpRequest& request) { return handle(request); };
  }

 private:
  bool signature_ok(const HttpRequest& request) const {
    const auto token = request_header(request, "X-App-Token");
    const auto ts = request_header(request, "X-App-Access-Ts");
    const auto sig = request_header(request, "X-App-Access-Sig");
    if (!token || !ts || !sig || *token != app_token_ || ts->empty() || ts->size() > 12) {
      return false;
    }
    std::int64_t seconds = 0;
    for (char c : *ts) {
      if (c < '0' || c > '9') return false;
      seconds = seconds * 10 + (c - '0');
    }
    if (seconds > now_s_() + window_s_ || seconds < now_s_() - window_s_) return false;
    const std::string expected =
        independent_hmac_sha256_hex(secret_key_, *ts + request.method + request.url + request.body);
    return *sig == expected;
  }

  HttpResponse create_applicant(const HttpRequest& request, const std::string& level) {
    rapidjson::Document body;
    body.Parse(request.body.data(), request.body.size());
    if (body.HasParseError() || !body.IsObject() || !body.HasMember("externalUserId") ||
        !body["externalUserId"].IsString()) {
      return error(400, "Invalid request body");
    }
    const std::string user = body["externalUserId"].GetString();
    if (const auto found = applicants_.find(user); found != applicants_.end()) {
      return error(
          409, "Applicant with external user id '" + user + "' already exists: " + found->second);
    }
    ++creates_;
    char id[25];
    std::snprintf(id, sizeof id, "%024x", 0x5cb56e8e + creates_);
    applicants_[user] = id;
    return json(200, std::string("{\"id\":\"") + id +
                         "\",\"createdAt\":\"2026-11-30 12:00:00\",\"clientId\":\"drop\","
                         "\"inspectionId\":\"" +
                         id + "\",\"externalUserId\":\"" + user + "\",\"levelName\":\"" + level +
                         "\",\"review\":{\"reviewStatus\":\"init\"}}");
  }

  HttpResponse access_token(const HttpRequest& request) {
    rapidjson::Document body;
    body.Parse(request.body.data(), request.body.size());
    if (body.HasParseError() || !body.IsObject() || !body.HasMember("userId") ||
        !body["userId"].IsString() || !body.HasMember("levelName") ||
        !body["levelName"].IsString()) {
      return error(400, "Invalid request body");
    }
    ++tokens_;
    char token[64];
    std::snprintf(token, sizeof token, "_act-b8ebfb63-5f24-4b89-9c08-%012d", tokens_);
    return json(200, std::string("{\"token\":\"") + token + "\",\"userId\":\"" +
                         body["userId"].GetString() + "\"}");
  }

  const std::string app_token_;
  const std::string secret_key_;
  const std::function<std::int64_t()> now_s_;
  const std::int64_t window_s_;
  mutable std::mutex mutex_;
  std::deque<HttpResponse> scripted_;
  std::map<std::string, std::string> applicants_;  // externalUserId -> id
  int creates_ = 0;
  int tokens_ = 0;
};

}  // namespace drop_test
