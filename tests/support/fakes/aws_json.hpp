// JSON helpers for the AWS fakes: the AWS JSON 1.1 error and success answers.
#pragma once

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <string>
#include <utility>
#include <vector>

#include "drop/adapters/http_client/http_client.hpp"

namespace drop_test {

// {"k1": "v1", ...} with proper escaping; `raw` members are written unquoted (numbers, arrays).
inline std::string aws_json_object(
    const std::vector<std::pair<std::string, std::string>>& strings,
    const std::vector<std::pair<std::string, std::string>>& raw = {}) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  writer.StartObject();
  for (const auto& [key, value] : strings) {
    writer.Key(key.c_str(), static_cast<rapidjson::SizeType>(key.size()));
    writer.String(value.c_str(), static_cast<rapidjson::SizeType>(value.size()));
  }
  for (const auto& [key, value] : raw) {
    writer.Key(key.c_str(), static_cast<rapidjson::SizeType>(key.size()));
    writer.RawValue(value.c_str(), value.size(), rapidjson::kNumberType);
  }
  writer.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize());
}

// An AWS JSON 1.1 answer: Content-Type application/x-amz-json-1.1 and a request id.
inline drop::http_client::HttpResponse aws_json_response(unsigned status, std::string body) {
  drop::http_client::HttpResponse response;
  response.status = status;
  response.headers = {{"x-amzn-RequestId", "4c8e2c1a-0b7e-4a43-9b7e-2f1d0c9a6e51"},
                      {"Content-Type", "application/x-amz-json-1.1"}};
  response.body = std::move(body);
  return response;
}

// {"__type": type, "message": message} (some AWS errors spell it "Message").
inline drop::http_client::HttpResponse aws_error(unsigned status, const std::string& type,
                                                 const std::string& message,
                                                 bool capital_message = false) {
  return aws_json_response(
      status,
      aws_json_object({{"__type", type}, {capital_message ? "Message" : "message", message}}));
}

}  // namespace drop_test
