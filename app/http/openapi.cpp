#include "http/openapi.hpp"

#include <algorithm>
#include <map>

#include "http/problem.hpp"
#include "json/json.hpp"

namespace drop::http {

namespace {

using json::write_key;
using json::write_string;

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), [](char c) {
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  });
  return out;
}

std::vector<std::string> path_parameters(std::string_view pattern) {
  std::vector<std::string> names;
  for (auto open = pattern.find('{'); open != std::string_view::npos;
       open = pattern.find('{', open + 1)) {
    names.emplace_back(pattern.substr(open + 1, pattern.find('}', open) - open - 1));
  }
  return names;
}

std::string operation_id(const Route& route) {
  std::string id = lower(to_string(route.method));
  bool upper_next = true;
  for (char c : route.pattern) {
    const bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    if (!alnum) {
      upper_next = true;
    } else {
      id.push_back(upper_next && c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c);
      upper_next = false;
    }
  }
  return id;
}

std::vector<ErrorCode> possible_errors(const Route& route) {
  std::vector<ErrorCode> codes;
  if (route.json_body || route.idempotency_key_required)
    codes.push_back(ErrorCode::invalid_request);
  if (route.auth != AuthRequirement::none) codes.push_back(ErrorCode::unauthorized);
  if (!path_parameters(route.pattern).empty()) codes.push_back(ErrorCode::not_found);
  if (route.idempotency_key_required) codes.push_back(ErrorCode::idempotency_in_progress);
  if (route.method == Method::post) {
    codes.push_back(ErrorCode::payload_too_large);
    codes.push_back(ErrorCode::unsupported_media_type);
  }
  if (route.idempotency_key_required || route.json_body)
    codes.push_back(ErrorCode::validation_failed);
  if (route.rate_class != RateClass::none) codes.push_back(ErrorCode::rate_limited);
  codes.push_back(ErrorCode::internal);
  codes.push_back(ErrorCode::unavailable);
  return codes;
}

void write_operation(json::Writer& writer, const Route& route) {
  writer.StartObject();
  write_key(writer, "summary");
  write_string(writer, route.summary);
  write_key(writer, "operationId");
  write_string(writer, operation_id(route));
  write_key(writer, "tags");
  writer.StartArray();
  write_string(writer, route.tag);
  writer.EndArray();
  write_key(writer, "security");
  writer.StartArray();
  if (route.auth == AuthRequirement::user) {
    writer.StartObject();
    write_key(writer, "bearerAuth");
    writer.StartArray();
    writer.EndArray();
    writer.EndObject();
    writer.StartObject();
    write_key(writer, "cookieAuth");
    writer.StartArray();
    writer.EndArray();
    writer.EndObject();
  } else if (route.auth == AuthRequirement::admin) {
    writer.StartObject();
    write_key(writer, "adminToken");
    writer.StartArray();
    writer.EndArray();
    writer.EndObject();
  }
  writer.EndArray();
  write_key(writer, "parameters");
  writer.StartArray();
  for (const std::string& name : path_parameters(route.pattern)) {
    writer.StartObject();
    write_key(writer, "name");
    write_string(writer, name);
    write_key(writer, "in");
    write_string(writer, "path");
    write_key(writer, "required");
    writer.Bool(true);
    write_key(writer, "schema");
    writer.StartObject();
    write_key(writer, "type");
    write_string(writer, "string");
    writer.EndObject();
    writer.EndObject();
  }
  if (route.idempotency_key_required) {
    writer.StartObject();
    write_key(writer, "name");
    write_string(writer, "Idempotency-Key");
    write_key(writer, "in");
    write_string(writer, "header");
    write_key(writer, "required");
    writer.Bool(true);
    write_key(writer, "schema");
    writer.StartObject();
    write_key(writer, "type");
    write_string(writer, "string");
    write_key(writer, "minLength");
    writer.Int(1);
    write_key(writer, "maxLength");
    writer.Int(255);
    writer.EndObject();
    writer.EndObject();
  }
  writer.EndArray();
  if (route.json_body) {
    write_key(writer, "requestBody");
    writer.StartObject();
    write_key(writer, "required");
    writer.Bool(true);
    write_key(writer, "content");
    writer.StartObject();
    write_key(writer, "application/json");
    writer.StartObject();
    write_key(writer, "schema");
    writer.StartObject();
    write_key(writer, "type");
    write_string(writer, "object");
    writer.EndObject();
    writer.EndObject();
    writer.EndObject();
    writer.EndObject();
  }
  write_key(writer, "responses");
  writer.StartObject();
  write_key(writer, std::to_string(route.success_status));
  writer.StartObject();
  write_key(writer, "description");
  write_string(writer, "Success");
  if (!route.success_content_type.empty()) {
    write_key(writer, "content");
    writer.StartObject();
    write_key(writer, route.success_content_type);
    writer.StartObject();
    writer.EndObject();
    writer.EndObject();
  }
  writer.EndObject();
  std::vector<int> written;
  for (ErrorCode code : possible_errors(route)) {
    const ErrorInfo& info = error_info(code);
    if (std::find(written.begin(), written.end(), info.status) != written.end()) continue;
    written.push_back(info.status);
    write_key(writer, std::to_string(info.status));
    writer.StartObject();
    write_key(writer, "$ref");
    write_string(writer, "#/components/responses/Problem");
    writer.EndObject();
  }
  writer.EndObject();
  writer.EndObject();
}

void write_components(json::Writer& writer) {
  write_key(writer, "components");
  writer.StartObject();
  write_key(writer, "securitySchemes");
  writer.StartObject();
  write_key(writer, "bearerAuth");
  writer.StartObject();
  write_key(writer, "type");
  write_string(writer, "http");
  write_key(writer, "scheme");
  write_string(writer, "bearer");
  write_key(writer, "bearerFormat");
  write_string(writer, "JWT");
  writer.EndObject();
  write_key(writer, "cookieAuth");
  writer.StartObject();
  write_key(writer, "type");
  write_string(writer, "apiKey");
  write_key(writer, "in");
  write_string(writer, "cookie");
  write_key(writer, "name");
  write_string(writer, "drop_session");
  writer.EndObject();
  write_key(writer, "adminToken");
  writer.StartObject();
  write_key(writer, "type");
  write_string(writer, "http");
  write_key(writer, "scheme");
  write_string(writer, "bearer");
  writer.EndObject();
  writer.EndObject();
  write_key(writer, "schemas");
  writer.StartObject();
  write_key(writer, "Problem");
  writer.StartObject();
  write_key(writer, "type");
  write_string(writer, "object");
  write_key(writer, "required");
  writer.StartArray();
  for (const char* name : {"type", "title", "status", "detail", "code", "request_id"})
    write_string(writer, name);
  writer.EndArray();
  write_key(writer, "properties");
  writer.StartObject();
  for (const char* name : {"type", "title", "detail", "request_id"}) {
    write_key(writer, name);
    writer.StartObject();
    write_key(writer, "type");
    write_string(writer, "string");
    writer.EndObject();
  }
  write_key(writer, "status");
  writer.StartObject();
  write_key(writer, "type");
  write_string(writer, "integer");
  writer.EndObject();
  write_key(writer, "code");
  writer.StartObject();
  write_key(writer, "enum");
  writer.StartArray();
  for (const ErrorInfo& info : error_table()) write_string(writer, info.name);
  writer.EndArray();
  writer.EndObject();
  write_key(writer, "errors");
  writer.StartObject();
  write_key(writer, "type");
  write_string(writer, "array");
  writer.EndObject();
  writer.EndObject();
  writer.EndObject();
  writer.EndObject();
  write_key(writer, "responses");
  writer.StartObject();
  write_key(writer, "Problem");
  writer.StartObject();
  write_key(writer, "description");
  write_string(writer, "RFC 9457 problem details");
  write_key(writer, "content");
  writer.StartObject();
  write_key(writer, problem_content_type);
  writer.StartObject();
  write_key(writer, "schema");
  writer.StartObject();
  write_key(writer, "$ref");
  write_string(writer, "#/components/schemas/Problem");
  writer.EndObject();
  writer.EndObject();
  writer.EndObject();
  writer.EndObject();
  writer.EndObject();
  writer.EndObject();
}

}  // namespace

std::string openapi_document(const Router& router, std::string_view version) {
  // Paths in first-seen order, each with its operations.
  std::vector<std::string> order;
  std::map<std::string, std::vector<const Route*>> by_path;
  for (const Route& route : router.routes()) {
    if (!by_path.contains(route.pattern)) order.push_back(route.pattern);
    by_path[route.pattern].push_back(&route);
  }
  json::Buffer buffer;
  json::Writer writer(buffer);
  writer.StartObject();
  write_key(writer, "openapi");
  write_string(writer, "3.1.0");
  write_key(writer, "info");
  writer.StartObject();
  write_key(writer, "title");
  write_string(writer, "Drop API");
  write_key(writer, "version");
  write_string(writer, version);
  writer.EndObject();
  write_key(writer, "paths");
  writer.StartObject();
  for (const std::string& path : order) {
    write_key(writer, path);
    writer.StartObject();
    for (const Route* route : by_path[path]) {
      write_key(writer, lower(to_string(route->method)));
      write_operation(writer, *route);
    }
    writer.EndObject();
  }
  writer.EndObject();
  write_components(writer);
  writer.EndObject();
  return json::to_string(buffer);
}

}  // namespace drop::http
