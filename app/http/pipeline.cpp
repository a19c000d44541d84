#include "http/pipeline.hpp"

#include <openssl/crypto.h>
#include <rapidjson/document.h>

#include "http/request_log.hpp"

namespace drop::http {

namespace {

std::string_view bearer_token(const Request& request) {
  const auto authorization = request.headers.get("Authorization");
  if (!authorization) return {};
  constexpr std::string_view scheme = "bearer ";
  if (authorization->size() <= scheme.size() ||
      !equals_ignore_case(authorization->substr(0, scheme.size()), scheme)) {
    return {};
  }
  std::string_view token = authorization->substr(scheme.size());
  while (token.starts_with(' ')) token.remove_prefix(1);
  return token;
}

ratelimit::Policy policy_of(RateClass rate_class) {
  switch (rate_class) {
    case RateClass::auth:
      return ratelimit::Policy::per_minute(10);
    case RateClass::public_:
      return ratelimit::Policy::per_minute(120);
    case RateClass::user:
      return ratelimit::Policy::per_minute(300);
    case RateClass::none:
      break;
  }
  return ratelimit::Policy::per_minute(1);
}

void add_rate_limit_headers(Response& response, const ratelimit::Decision& decision) {
  response.headers.set("RateLimit-Limit", std::to_string(decision.limit));
  response.headers.set("RateLimit-Remaining", std::to_string(decision.remaining));
  response.headers.set("RateLimit-Reset", std::to_string(decision.reset_s));
  if (!decision.allowed)
    response.headers.set("Retry-After", std::to_string(decision.retry_after_s));
}

}  // namespace

bool is_valid_request_id(std::string_view text) {
  if (text.empty() || text.size() > 128) return false;
  for (char c : text) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                    c == '.' || c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

bool is_valid_idempotency_key(std::string_view text) {
  if (text.empty() || text.size() > limits::idempotency_key_bytes_max) return false;
  for (char c : text) {
    if (c < 0x20 || c > 0x7E) return false;
  }
  return true;
}

std::string media_type(std::string_view content_type) {
  std::string_view type = content_type.substr(0, content_type.find(';'));
  while (!type.empty() && (type.back() == ' ' || type.back() == '\t')) type.remove_suffix(1);
  while (!type.empty() && (type.front() == ' ' || type.front() == '\t')) type.remove_prefix(1);
  std::string lowered(type);
  for (char& c : lowered) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return lowered;
}

Prepared Pipeline::prepare(Request& request) const {
  const auto incoming = request.headers.get("X-Request-Id");
  if (incoming && is_valid_request_id(*incoming)) {
    request.request_id = std::string(*incoming);
  } else if (request.request_id.empty()) {
    request.request_id = "req_" + random_hex(*context_.entropy, 12);
  }
  if (request.method_text.empty()) request.method_text = std::string(to_string(request.method));
  Prepared prepared;
  prepared.match = router_.match(request.method, request.path);
  return prepared;
}

Response Pipeline::refuse(Request& request, ErrorCode code, std::string_view detail) const {
  if (request.request_id.empty()) (void)prepare(request);
  Response response = problem(code, detail, request.request_id);
  response.headers.set("X-Request-Id", request.request_id);
  if (code == ErrorCode::payload_too_large || code == ErrorCode::invalid_request) {
    response.headers.set("Connection", "close");  // the rest of the stream cannot be trusted
  }
  return response;
}

std::optional<Response> Pipeline::check_body(const Request& request) const {
  if (request.body.size() > request_body_bytes_max) {
    return problem(ErrorCode::payload_too_large, "The request body is larger than 64 KiB.",
                   request.request_id);
  }
  if (!request.body.empty()) {
    const auto content_type = request.headers.get("Content-Type");
    if (!content_type || media_type(*content_type) != "application/json") {
      return problem(ErrorCode::unsupported_media_type,
                     "Request bodies must be sent as Content-Type: application/json.",
                     request.request_id);
    }
  }
  return std::nullopt;
}

std::optional<Response> Pipeline::limit(Request& request, Prepared& prepared,
                                        RateClass rate_class) const {
  std::string key;
  switch (rate_class) {
    case RateClass::none:
      return std::nullopt;
    case RateClass::auth:
      key = "auth:" + request.client_ip;
      break;
    case RateClass::public_:
      key = "public:" + request.client_ip;
      break;
    case RateClass::user:
      key = request.principal.kind == Principal::Kind::admin ? std::string("admin")
                                                             : "user:" + request.principal.user_id;
      break;
  }
  if (key.size() > limits::rate_limit_key_bytes_max) key.resize(limits::rate_limit_key_bytes_max);
  const auto decision =
      context_.rate_limits->take(key, policy_of(rate_class), context_.clock->now());
  if (!decision) {
    // Fail open: a rate-limit store outage must not take the API down with it.
    log_event(context_.clock->now(), "warn", "rate_limit_store_error", decision.error().message);
    return std::nullopt;
  }
  prepared.rate_limit = *decision;
  if (decision->allowed) return std::nullopt;
  context_.metrics->record_rate_limited();
  return problem(
      ErrorCode::rate_limited,
      "Too many requests; retry after " + std::to_string(decision->retry_after_s) + " s.",
      request.request_id);
}

std::optional<Response> Pipeline::authenticate(Request& request, const Route& route) const {
  if (route.auth == AuthRequirement::none) return std::nullopt;
  const std::string_view bearer = bearer_token(request);
  if (route.auth == AuthRequirement::admin) {
    const std::string expected = context_.admin_token != nullptr ? context_.admin_token->get()
                                                                 : context_.settings->admin_token;
    if (expected.empty() || bearer.size() != expected.size() ||
        CRYPTO_memcmp(bearer.data(), expected.data(), expected.size()) != 0) {
      return problem(ErrorCode::unauthorized, "An admin token is required.", request.request_id);
    }
    request.principal.kind = Principal::Kind::admin;
    return std::nullopt;
  }
  std::string_view token = bearer;
  if (token.empty()) {
    if (const auto cookie = request.headers.get("Cookie")) token = find_session_cookie(*cookie);
  }
  if (token.empty()) {
    return problem(ErrorCode::unauthorized, "Authentication required.", request.request_id);
  }
  const auto claims = context_.tokens->verify(token, context_.clock->now());
  if (!claims) {
    return problem(ErrorCode::unauthorized, "The token is invalid or expired.", request.request_id);
  }
  const auto revoked = context_.revoked_tokens->is_revoked(claims->token_id, context_.clock->now());
  if (!revoked) {
    log_event(context_.clock->now(), "error", "revoked_token_store_error", revoked.error().message);
    return problem(ErrorCode::unavailable, "", request.request_id);
  }
  if (*revoked) {
    return problem(ErrorCode::unauthorized, "The token has been revoked.", request.request_id);
  }
  request.principal = {Principal::Kind::user, claims->subject, claims->token_id,
                       claims->expires_at_s};
  return std::nullopt;
}

Response Pipeline::call_handler(const Request& request, const Route& route) const {
  try {
    return route.handler(request, context_);
  } catch (const std::exception& error) {
    log_event(context_.clock->now(), "error", "handler_exception",
              std::string(route.pattern) + " (" + request.request_id + "): " + error.what());
  } catch (...) {
    log_event(context_.clock->now(), "error", "handler_exception",
              std::string(route.pattern) + " (" + request.request_id + "): unknown exception");
  }
  return problem(ErrorCode::internal, "", request.request_id);
}

Response Pipeline::run(Request& request, Prepared& prepared) const {
  Response response = [&]() -> Response {
    const RouteMatch& match = prepared.match;
    if (match.outcome == RouteMatch::Outcome::not_found) {
      return problem(ErrorCode::not_found, "No such resource.", request.request_id);
    }
    if (match.outcome == RouteMatch::Outcome::method_not_allowed) {
      Response refused = problem(ErrorCode::method_not_allowed,
                                 "Allowed methods: " + match.allow + ".", request.request_id);
      refused.headers.set("Allow", match.allow);
      return refused;
    }
    const Route& route = *match.route;
    request.path_params = match.params;
    if (auto refused = check_body(request)) return std::move(*refused);
    if (route.rate_class != RateClass::user) {
      if (auto refused = limit(request, prepared, route.rate_class)) return std::move(*refused);
    }
    if (auto refused = authenticate(request, route)) return std::move(*refused);
    if (route.rate_class == RateClass::user) {
      if (auto refused = limit(request, prepared, route.rate_class)) return std::move(*refused);
    }
    if (route.json_body) {
      rapidjson::Document document;
      document.Parse(request.body.data(), request.body.size());
      if (document.HasParseError() || !document.IsObject()) {
        return problem(ErrorCode::invalid_request, "The request body must be a JSON object.",
                       request.request_id);
      }
    }
    if (route.idempotency_key_required) return run_idempotent(request, route);
    return call_handler(request, route);
  }();
  response.headers.set("X-Request-Id", request.request_id);
  if (prepared.rate_limit) add_rate_limit_headers(response, *prepared.rate_limit);
  return response;
}

void Pipeline::finish(const Request& request, const Prepared& prepared, const Response& response,
                      std::int64_t latency_us) const {
  const bool found = prepared.match.outcome == RouteMatch::Outcome::found;
  const std::size_t index = found ? prepared.match.route_index : router_.routes().size();
  context_.metrics->record_request(index, response.status, latency_us);
  write_stdout_line(format_request_log({
      .time = context_.clock->now(),
      .request_id = request.request_id,
      .method = request.method_text,
      .route = found ? std::string_view(prepared.match.route->pattern) : "unmatched",
      .status = response.status,
      .latency_us = latency_us,
      .user_id = request.principal.user_id,
  }));
}

}  // namespace drop::http
