#include "cli/outbound_client.hpp"

namespace drop::app {

namespace {

// Stands in for the real client until it is merged (see the header's MERGE NOTE).
class UnavailableHttpClient final : public http_client::HttpClient {
 public:
  Result<http_client::HttpResponse, http_client::HttpError> send(
      const http_client::HttpRequest&) override {
    return Err{http_client::HttpError{http_client::HttpErrorKind::connect,
                                      "the outbound HTTPS client is not part of this build"}};
  }
};

}  // namespace

std::unique_ptr<http_client::HttpClient> make_startup_http_client(const EnvironmentLookup&) {
  return std::make_unique<UnavailableHttpClient>();
}

}  // namespace drop::app
