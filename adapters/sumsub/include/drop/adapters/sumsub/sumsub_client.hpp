// SumsubClient: the KycProvider port over Sumsub's REST API, through the shared outbound
// HttpClient. Every request is signed (sumsub_signing.hpp) over exactly the bytes sent, with the
// timestamp from the injected Clock.
//
//   create_applicant: POST /resources/applicants?levelName=<level>  {"externalUserId": <user>}
//                     -> 200/201 {"id": ...}; 409 (already exists) -> GET
//                     /resources/applicants/-;externalUserId=<user>/one -> {"id": ...}
//   access_token:     POST /resources/accessTokens/sdk
//                     {"userId": <user>, "levelName": <level>, "ttlInSecs": 600}
//                     -> {"token": ..., "userId": ...}
//   errors:           {"description": ..., "code": <status>, ...} -> PortError (sumsub_errors)
// No exception escapes; messages never contain the token, the secret or a signature.
// Thread-safety: immutable after construction; methods may run on many threads.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "drop/adapters/http_client/http_client.hpp"
#include "drop/ports/clock.hpp"
#include "drop/ports/kyc_provider.hpp"

namespace drop::adapters::sumsub {

struct SumsubOptions {
  std::string base_url = "https://api.sumsub.com";  // SUMSUB_BASE_URL (no trailing slash needed)
  std::string app_token;                            // SUMSUB_APP_TOKEN
  std::string secret_key;                           // SUMSUB_SECRET_KEY
  std::string level_name;                           // SUMSUB_LEVEL_NAME
  std::int64_t token_ttl_s = 600;
  std::uint32_t timeout_ms = 10'000;
};

class SumsubClient final : public ports::KycProvider {
 public:
  SumsubClient(http_client::HttpClient& http, const ports::Clock& clock, SumsubOptions options);

  Result<std::string, ports::PortError> create_applicant(std::string_view user_id) override;
  Result<ports::KycAccessToken, ports::PortError> access_token(std::string_view user_id) override;

  // The signed request (exposed for tests of the signature).
  http_client::HttpRequest signed_request(std::string method, const std::string& path_with_query,
                                          std::string body) const;

 private:
  Result<http_client::HttpResponse, ports::PortError> exchange(std::string method,
                                                               const std::string& path_with_query,
                                                               std::string body);
  Result<std::string, ports::PortError> find_applicant(std::string_view user_id);

  http_client::HttpClient& http_;
  const ports::Clock& clock_;
  SumsubOptions options_;
};

// The factory the app uses (one place to construct it).
std::unique_ptr<ports::KycProvider> make_sumsub_client(http_client::HttpClient& http,
                                                       const ports::Clock& clock,
                                                       SumsubOptions options);

}  // namespace drop::adapters::sumsub
