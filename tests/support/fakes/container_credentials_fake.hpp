// A fake container credentials endpoint (ECS task role / EKS Pod Identity): GET <path> with
// `Authorization: <token>` when a token is required; answers 200 with
// {"AccessKeyId", "SecretAccessKey", "Token", "Expiration", "RoleArn"}, 401 with
// {"code": "AccessDenied", "message": ..} for a wrong or missing token, 404 for another path,
// and queued failure statuses (500, ...). Counts the credentials it issued.
// Thread-safe; the handler contract of support/in_process_http.hpp.
#pragma once

#include <deque>
#include <mutex>
#include <string>

#include "drop/time/timestamp.hpp"
#include "support/fakes/aws_json.hpp"
#include "support/in_process_http.hpp"

namespace drop_test {

class ContainerCredentialsFake {
 public:
  struct Issued {
    std::string access_key_id, secret_access_key, token;
    drop::Timestamp expiration;
  };

  // `path`: "/v2/credentials/task-role"; `token`: the Authorization value required (empty: none).
  ContainerCredentialsFake(std::string path, std::string token, Issued issued)
      : path_(std::move(path)), token_(std::move(token)), issued_(std::move(issued)) {}

  void set_issued(Issued issued) {
    std::lock_guard lock(mutex_);
    issued_ = std::move(issued);
  }
  void set_token(std::string token) {
    std::lock_guard lock(mutex_);
    token_ = std::move(token);
  }
  void fail_next(unsigned status) {
    std::lock_guard lock(mutex_);
    failures_.push_back(status);
  }
  int served() const {
    std::lock_guard lock(mutex_);
    return served_;
  }
  FakeHandler handler() {
    return [this](const drop::http_client::HttpRequest& request) { return handle(request); };
  }

  drop::http_client::HttpResponse handle(const drop::http_client::HttpRequest& request) {
    std::lock_guard lock(mutex_);
    drop::http_client::HttpResponse response;
    response.headers = {{"Content-Type", "application/json"}};
    if (request.method != "GET" || request.url != path_) {
      response.status = 404;
      response.body = aws_json_object({{"code", "NotFound"}, {"message", "not found"}});
      return response;
    }
    std::string authorization;
    for (const auto& header : request.headers) {
      if (header.name == "Authorization" || header.name == "authorization") {
        authorization = header.value;
      }
    }
    if (!token_.empty() && authorization != token_) {
      response.status = 401;
      response.body = aws_json_object(
          {{"code", "AccessDenied"}, {"message", "Unable to verify token " + authorization}});
      return response;
    }
    if (!failures_.empty()) {
      response.status = failures_.front();
      failures_.pop_front();
      response.body = aws_json_object({{"code", "InternalError"}, {"message", "injected"}});
      return response;
    }
    ++served_;
    response.status = 200;
    response.body = aws_json_object({{"AccessKeyId", issued_.access_key_id},
                                     {"SecretAccessKey", issued_.secret_access_key},
                                     {"Token", issued_.token},
                                     {"Expiration", drop::format_rfc3339(issued_.expiration)},
                                     {"RoleArn", "arn:aws:iam::111122223333:role/drop-task"}});
    return response;
  }

 private:
  const std::string path_;
  std::string token_;
  Issued issued_;
  mutable std::mutex mutex_;
  std::deque<unsigned> failures_;
  int served_ = 0;
};

}  // namespace drop_test
