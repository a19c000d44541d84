// A fake Slack incoming webhook speaking Slack's wire protocol: POST of a JSON body
// {"text": ...} -> 200 "ok" (text/plain); a body that is not JSON -> 400 "invalid_payload";
// no text -> 400 "no_text". Scripted answers (429 with Retry-After, 5xx, Slack's plain-text
// refusals such as 404 "channel_not_found" or 410 "channel_is_archived") are given first, in
// order. Records every text it accepted. Thread-safe. Runs in process (InProcessHttpClient) or
// behind FakeHttpServer.
#pragma once

#include <rapidjson/document.h>

#include <deque>
#include <mutex>
#include <string>
#include <vector>

#include "support/in_process_http.hpp"

namespace drop_test {

class SlackFake {
 public:
  using HttpRequest = drop::http_client::HttpRequest;
  using HttpResponse = drop::http_client::HttpResponse;

  static HttpResponse plain(unsigned status, std::string body) {
    HttpResponse response;
    response.status = status;
    response.headers = {{"Content-Type", "text/plain; charset=utf-8"}};
    response.body = std::move(body);
    return response;
  }
  static HttpResponse rate_limited(const std::string& retry_after_s) {
    HttpResponse response = plain(429, "rate_limited");
    response.headers.push_back({"Retry-After", retry_after_s});
    return response;
  }

  // The next answers, before the normal behaviour resumes.
  void script(std::vector<HttpResponse> answers) {
    std::lock_guard lock(mutex_);
    for (auto& answer : answers) scripted_.push_back(std::move(answer));
  }

  HttpResponse handle(const HttpRequest& request) {
    std::lock_guard lock(mutex_);
    ++attempts_;
    if (request.method != "POST") return plain(405, "invalid_method");
    if (!scripted_.empty()) {
      HttpResponse answer = std::move(scripted_.front());
      scripted_.pop_front();
      return answer;
    }
    rapidjson::Document document;
    document.Parse(request.body.data(), request.body.size());
    if (document.HasParseError() || !document.IsObject()) return plain(400, "invalid_payload");
    const auto text = document.FindMember("text");
    if (text == document.MemberEnd() || !text->value.IsString() ||
        text->value.GetStringLength() == 0) {
      return plain(400, "no_text");
    }
    texts_.emplace_back(text->value.GetString(), text->value.GetStringLength());
    return plain(200, "ok");
  }

  FakeHandler handler() {
    return [this](const HttpRequest& request) { return handle(request); };
  }

  std::vector<std::string> texts() const {
    std::lock_guard lock(mutex_);
    return texts_;
  }
  int attempts() const {
    std::lock_guard lock(mutex_);
    return attempts_;
  }

 private:
  mutable std::mutex mutex_;
  std::deque<HttpResponse> scripted_;
  std::vector<std::string> texts_;
  int attempts_ = 0;
};

}  // namespace drop_test
