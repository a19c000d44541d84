// problem+json (RFC 9457) as API.md specifies: every code's status from the one table, the exact
// member set, `errors` only for validation, and 5xx bodies that never carry the caller's detail
// (so internals cannot leak through them).
#include <rapidjson/document.h>

#include <catch2/catch.hpp>
#include <map>

#include "http/problem.hpp"

using namespace drop::http;

TEST_CASE("problem: the code table matches API.md") {
  const std::map<std::string, int> expected = {
      {"invalid_request", 400},
      {"unauthorized", 401},
      {"forbidden", 403},
      {"kyc_required", 403},
      {"not_found", 404},
      {"method_not_allowed", 405},
      {"idempotency_in_progress", 409},
      {"idempotency_key_reused", 422},
      {"validation_failed", 422},
      {"insufficient_funds", 422},
      {"quote_expired", 422},
      {"quote_used", 409},
      {"limit_exceeded", 422},
      {"amount_too_small", 422},
      {"fee_exceeds_amount", 422},
      {"unsupported_currency", 422},
      {"invalid_qr", 422},
      {"unsupported_qr", 422},
      {"payload_too_large", 413},
      {"unsupported_media_type", 415},
      {"rate_limited", 429},
      {"internal", 500},
      {"unavailable", 503},
  };
  REQUIRE(error_table().size() == expected.size());
  for (const ErrorInfo& info : error_table()) {
    INFO(info.name);
    REQUIRE(expected.count(std::string(info.name)) == 1);
    CHECK(expected.at(std::string(info.name)) == info.status);
    CHECK(parse_error_code(info.name) == info.code);
    CHECK(&error_info(info.code) == &info);
  }
}

TEST_CASE("problem: body shape and content type") {
  const Response response = problem(ErrorCode::validation_failed, "Bad amount.", "req_1",
                                    {{"source_amount", "must be positive"}});
  CHECK(response.status == 422);
  CHECK(response.content_type == "application/problem+json");
  rapidjson::Document body;
  body.Parse(response.body.c_str());
  REQUIRE(body.IsObject());
  CHECK(std::string(body["type"].GetString()) == "/errors/validation_failed");
  CHECK(std::string(body["title"].GetString()) == "Validation failed");
  CHECK(body["status"].GetInt() == 422);
  CHECK(std::string(body["detail"].GetString()) == "Bad amount.");
  CHECK(std::string(body["code"].GetString()) == "validation_failed");
  CHECK(std::string(body["request_id"].GetString()) == "req_1");
  REQUIRE(body["errors"].IsArray());
  CHECK(std::string(body["errors"][0]["field"].GetString()) == "source_amount");
  CHECK(body.MemberCount() == 7);

  const Response plain = problem(ErrorCode::not_found, "No such quote.", "req_2");
  rapidjson::Document plain_body;
  plain_body.Parse(plain.body.c_str());
  CHECK(!plain_body.HasMember("errors"));
  CHECK(plain_body.MemberCount() == 6);
}

TEST_CASE("problem: 5xx never shows the detail it was given") {
  const std::string leak = "ERROR: relation \"users\" does not exist; password=hunter2";
  for (ErrorCode code : {ErrorCode::internal, ErrorCode::unavailable}) {
    const Response response = problem(code, leak, "req_3");
    CHECK(response.body.find("relation") == std::string::npos);
    CHECK(response.body.find("hunter2") == std::string::npos);
  }
}
