// An HttpClient for unit tests that hands each request straight to a fake service's handler,
// in this process, without sockets: the same handler later runs behind a real loopback server
// (tests/support/fake_http_server.hpp) for end-to-end tests through the real client.
//
// Handler contract (shared with FakeHttpServer): the handler sees the request with `url`
// reduced to its origin form ("/path?query"), headers and body exactly as the client sent them,
// and returns the response to give back. Also records every request for assertions.
#pragma once

#include <functional>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "drop/adapters/http_client/http_client.hpp"

namespace drop_test {

using FakeHandler =
    std::function<drop::http_client::HttpResponse(const drop::http_client::HttpRequest&)>;

// "https://host:1/a/b?c" -> "/a/b?c"; a URL without a path -> "/".
inline std::string origin_form(const std::string& url) {
  std::size_t scheme = url.find("://");
  std::size_t start = scheme == std::string::npos ? 0 : url.find('/', scheme + 3);
  if (start == std::string::npos) return "/";
  return url.substr(start);
}

class InProcessHttpClient final : public drop::http_client::HttpClient {
 public:
  explicit InProcessHttpClient(FakeHandler handler) : handler_(std::move(handler)) {}

  drop::Result<drop::http_client::HttpResponse, drop::http_client::HttpError> send(
      const drop::http_client::HttpRequest& request) override {
    drop::http_client::HttpRequest seen = request;
    seen.url = origin_form(request.url);
    {
      std::lock_guard lock(mutex_);
      requests_.push_back(seen);
    }
    return handler_(seen);
  }

  std::vector<drop::http_client::HttpRequest> requests() const {
    std::lock_guard lock(mutex_);
    return requests_;
  }

 private:
  FakeHandler handler_;
  mutable std::mutex mutex_;
  std::vector<drop::http_client::HttpRequest> requests_;
};

}  // namespace drop_test
