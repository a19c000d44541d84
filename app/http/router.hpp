// The route table: method + path pattern -> handler, with each route's cross-cutting needs
// (authentication, rate-limit class, Idempotency-Key, JSON body) declared next to it so the
// pipeline applies them uniformly and GET /api/openapi.json is generated from the same table.
//
// Patterns are literal segments and `{name}` parameters; a parameter matches one non-empty
// segment, or the part of a segment before a literal suffix (`/api/qr/{id}.svg`).
// Literal segments win over parameters when both match. Thread-safety: build the table on one
// thread, then match() from any number of threads.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "http/message.hpp"

namespace drop::http {

struct Context;
using Handler = std::function<Response(const Request&, Context&)>;

enum class AuthRequirement : std::uint8_t { none, user, admin };
enum class RateClass : std::uint8_t {
  none,     // not limited (health, metrics, docs)
  auth,     // 10/min per client IP
  public_,  // 120/min per client IP (rates, QR decode)
  user,     // 300/min per authenticated user
};

struct Route {
  Method method = Method::get;
  std::string pattern = {};  // "/api/accounts/{id}/entries"
  Handler handler = {};
  std::string summary = {};  // one line, for OpenAPI
  AuthRequirement auth = AuthRequirement::none;
  RateClass rate_class = RateClass::none;
  bool idempotency_key_required = false;
  bool json_body = false;  // a JSON object body is required (malformed -> 400)
  // Cheap and never blocks (no database): runs on the I/O thread, skipping the worker pool.
  bool inline_handler = false;
  std::string tag = "api";  // OpenAPI grouping
  // Documentation of the success response: status and content type.
  int success_status = 200;
  std::string success_content_type = "application/json";
};

struct RouteMatch {
  enum class Outcome : std::uint8_t { found, not_found, method_not_allowed };
  Outcome outcome = Outcome::not_found;
  const Route* route = nullptr;                             // found
  std::size_t route_index = 0;                              // found: position in routes()
  std::vector<std::pair<std::string, std::string>> params;  // found
  std::string allow;                                        // method_not_allowed: "GET, POST"
};

class Router {
 public:
  // Adds a route. REQUIRES: a valid pattern (starts with '/', balanced braces, one parameter per
  // segment) and no route with the same method and pattern.
  void add(Route route);

  // HEAD matches GET routes.
  RouteMatch match(Method method, std::string_view path) const;

  const std::vector<Route>& routes() const { return routes_; }

 private:
  struct Segment {
    std::string literal;  // whole segment literal when !parameter
    bool parameter = false;
    std::string name;            // parameter name
    std::string prefix, suffix;  // literal text around the parameter in the segment
  };
  static std::vector<Segment> compile(std::string_view pattern);
  // Specificity of a successful match: more literal segments rank first.
  static std::optional<int> match_segments(
      const std::vector<Segment>& segments, const std::vector<std::string_view>& parts,
      std::vector<std::pair<std::string, std::string>>* params);

  std::vector<Route> routes_;
  std::vector<std::vector<Segment>> compiled_;
};

}  // namespace drop::http
