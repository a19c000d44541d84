// HttpRateSource: reference rates fetched over HTTP(S) on every load(), e.g. the ECB's daily
// eurofxref XML (DROP_RATES_SOURCE=https://...). The body is parsed like a rates file (ECB XML
// or Norges Bank CSV, recognised by content) and limited to limits::rate_file_bytes_max bytes.
// The request is a GET marked retry_safe, so a ResilientHttpClient in front may retry it.
// Thread-safety: load() may be called from any thread if the client allows it.
#pragma once

#include <cstdint>
#include <string>

#include "drop/adapters/http_client/http_client.hpp"
#include "drop/ports/rate_source.hpp"

namespace drop::adapters::rates {

class HttpRateSource final : public ports::RateSource {
 public:
  // REQUIRES: `client` outlives this.
  HttpRateSource(http_client::HttpClient& client, std::string url, std::uint32_t timeout_ms = 0)
      : client_(client), url_(std::move(url)), timeout_ms_(timeout_ms) {}

  // The table at the URL. Fails with unavailable when the request fails or the status is not
  // 200, invalid when the body is larger than the limit, corrupt when it is malformed. Messages
  // name the host (never the query) and the reason.
  Result<fx::RateTable, ports::PortError> load() override;

 private:
  http_client::HttpClient& client_;
  std::string url_;
  std::uint32_t timeout_ms_;
};

}  // namespace drop::adapters::rates
