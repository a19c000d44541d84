#include "drop/adapters/sumsub/sumsub_client.hpp"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "drop/adapters/sumsub/sumsub_errors.hpp"
#include "drop/adapters/sumsub/sumsub_signing.hpp"
#include "drop/limits.hpp"

namespace drop::adapters::sumsub {

using ports::PortError;

namespace {

constexpr std::size_t id_bytes_max = limits::kyc_id_bytes_max;

// RFC 3986 percent-encoding of everything but unreserved characters.
std::string percent_encode(std::string_view text) {
  static constexpr char digits[] = "0123456789ABCDEF";
  std::string out;
  for (char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
        c == '_' || c == '.' || c == '~') {
      out.push_back(c);
    } else {
      out.push_back('%');
      out.push_back(digits[byte >> 4]);
      out.push_back(digits[byte & 0x0F]);
    }
  }
  return out;
}

// The string member `name` of a JSON object body (1..id_bytes_max bytes), or nullopt.
std::optional<std::string> string_field(const std::string& body, const char* name) {
  rapidjson::Document document;
  document.Parse(body.data(), body.size());
  if (document.HasParseError() || !document.IsObject()) return std::nullopt;
  const auto member = document.FindMember(name);
  if (member == document.MemberEnd() || !member->value.IsString()) return std::nullopt;
  const std::size_t size = member->value.GetStringLength();
  if (size == 0 || size > 4096) return std::nullopt;
  return std::string(member->value.GetString(), size);
}

bool is_success(unsigned status) { return status >= 200 && status < 300; }

PortError malformed(std::string_view what) {
  return PortError{PortError::Kind::invalid, "sumsub answered an unexpected " + std::string(what)};
}

}  // namespace

SumsubClient::SumsubClient(http_client::HttpClient& http, const ports::Clock& clock,
                           SumsubOptions options)
    : http_(http), clock_(clock), options_(std::move(options)) {
  while (!options_.base_url.empty() && options_.base_url.back() == '/') {
    options_.base_url.pop_back();
  }
}

http_client::HttpRequest SumsubClient::signed_request(std::string method,
                                                      const std::string& path_with_query,
                                                      std::string body) const {
  const std::int64_t timestamp_s = clock_.now().unix_seconds();
  http_client::HttpRequest request;
  request.headers = {
      {"Accept", "application/json"},
      {"X-App-Token", options_.app_token},
      {"X-App-Access-Ts", std::to_string(timestamp_s)},
      {"X-App-Access-Sig",
       request_signature(options_.secret_key, timestamp_s, method, path_with_query, body)},
  };
  if (!body.empty()) request.headers.push_back({"Content-Type", "application/json"});
  request.method = std::move(method);
  request.url = options_.base_url + path_with_query;
  request.body = std::move(body);
  request.timeout_ms = options_.timeout_ms;
  // Creating an applicant twice answers 409 (handled); a second token is harmless.
  request.retry_safe = true;
  return request;
}

Result<http_client::HttpResponse, PortError> SumsubClient::exchange(
    std::string method, const std::string& path_with_query, std::string body) {
  auto response = http_.send(signed_request(std::move(method), path_with_query, std::move(body)));
  if (!response) return Err{error_from_transport(response.error())};
  return std::move(*response);
}

Result<std::string, PortError> SumsubClient::create_applicant(std::string_view user_id) {
  if (user_id.empty() || user_id.size() > id_bytes_max) {
    return Err{PortError{PortError::Kind::invalid, "user id empty or too long"}};
  }
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  writer.StartObject();
  writer.Key("externalUserId");
  writer.String(user_id.data(), static_cast<rapidjson::SizeType>(user_id.size()));
  writer.EndObject();
  auto response =
      exchange("POST", "/resources/applicants?levelName=" + percent_encode(options_.level_name),
               std::string(buffer.GetString(), buffer.GetSize()));
  if (!response) return Err{response.error()};
  if (response->status == 409) return find_applicant(user_id);
  if (!is_success(response->status)) return Err{error_from_response(*response)};
  auto id = string_field(response->body, "id");
  if (!id || id->size() > id_bytes_max) return Err{malformed("applicant")};
  return std::move(*id);
}

Result<std::string, PortError> SumsubClient::find_applicant(std::string_view user_id) {
  auto response = exchange(
      "GET", "/resources/applicants/-;externalUserId=" + percent_encode(user_id) + "/one", "");
  if (!response) return Err{response.error()};
  if (!is_success(response->status)) return Err{error_from_response(*response)};
  auto id = string_field(response->body, "id");
  if (!id || id->size() > id_bytes_max) return Err{malformed("applicant")};
  return std::move(*id);
}

Result<ports::KycAccessToken, PortError> SumsubClient::access_token(std::string_view user_id) {
  if (user_id.empty() || user_id.size() > id_bytes_max) {
    return Err{PortError{PortError::Kind::invalid, "user id empty or too long"}};
  }
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  writer.StartObject();
  writer.Key("userId");
  writer.String(user_id.data(), static_cast<rapidjson::SizeType>(user_id.size()));
  writer.Key("levelName");
  writer.String(options_.level_name.data(),
                static_cast<rapidjson::SizeType>(options_.level_name.size()));
  writer.Key("ttlInSecs");
  writer.Int64(options_.token_ttl_s);
  writer.EndObject();
  auto response = exchange("POST", "/resources/accessTokens/sdk",
                           std::string(buffer.GetString(), buffer.GetSize()));
  if (!response) return Err{response.error()};
  if (!is_success(response->status)) return Err{error_from_response(*response)};
  auto token = string_field(response->body, "token");
  if (!token) return Err{malformed("access token")};
  return ports::KycAccessToken{std::move(*token), options_.level_name};
}

std::unique_ptr<ports::KycProvider> make_sumsub_client(http_client::HttpClient& http,
                                                       const ports::Clock& clock,
                                                       SumsubOptions options) {
  return std::make_unique<SumsubClient>(http, clock, std::move(options));
}

}  // namespace drop::adapters::sumsub
