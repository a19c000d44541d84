// The HTTP request and response that handlers see: plain values with no Beast or Asio in sight,
// so handlers are functions `Response(const Request&, Context&)` testable without sockets.
// The Beast session (app/http/server.cpp) converts to and from these.
// Thread-safety: value types.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace drop::http {

// ASCII case-insensitive equality (header names, media types).
bool equals_ignore_case(std::string_view left, std::string_view right);

// Header fields in arrival order; lookups ignore case. Small (tens of fields): a vector beats a
// map here.
class Headers {
 public:
  // The first value of `name`, or empty optional.
  std::optional<std::string_view> get(std::string_view name) const;
  bool has(std::string_view name) const { return get(name).has_value(); }
  // Replaces every field named `name` by one with `value`.
  void set(std::string_view name, std::string_view value);
  // Adds a field (Set-Cookie may repeat).
  void add(std::string_view name, std::string_view value);
  void remove(std::string_view name);
  const std::vector<std::pair<std::string, std::string>>& fields() const { return fields_; }

 private:
  std::vector<std::pair<std::string, std::string>> fields_;
};

enum class Method : std::uint8_t { get, head, post, put, patch, delete_, options, other };
std::string_view to_string(Method method);
Method parse_method(std::string_view text);

// Who made the request, once the pipeline has authenticated it.
struct Principal {
  enum class Kind : std::uint8_t { anonymous, user, admin };
  Kind kind = Kind::anonymous;
  std::string user_id;   // user only
  std::string token_id;  // the JWT's jti (user only)
  std::int64_t token_expires_unix_s = 0;
};

struct Request {
  Method method = Method::get;
  std::string
      method_text;   // as received ("GET"); set by the server, filled from `method` otherwise
  std::string path;  // the target without the query, percent-decoding NOT applied
  std::vector<std::pair<std::string, std::string>> query;  // decoded ?name=value pairs in order
  Headers headers;
  std::string body;
  std::string client_ip;   // after DROP_TRUSTED_PROXY_HOPS (see client_ip.hpp)
  std::string request_id;  // set by the pipeline before anything else

  // Filled by the pipeline for the handler.
  std::vector<std::pair<std::string, std::string>> path_params;  // {id} -> value
  Principal principal;

  // The first query value of `name`, or empty optional.
  std::optional<std::string_view> query_param(std::string_view name) const;
  // The value of path parameter `name` ("" when the route has none).
  std::string_view path_param(std::string_view name) const;
};

struct Response {
  int status = 200;
  std::string content_type = "application/json";  // empty: no Content-Type (204, 302)
  Headers headers;  // besides Content-Type and Content-Length, which the server writes
  std::string body;

  // 200/201 with a JSON body.
  static Response json(int status, std::string body);
  static Response text(int status, std::string content_type, std::string body);
};

}  // namespace drop::http
