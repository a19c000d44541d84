// Authentication routes: development sign-in, logout (revokes the token's jti until it expires)
// and the signed-in user. BankID sign-in: app/api/bankid.cpp.
#include <rapidjson/document.h>

#include "api/routes.hpp"
#include "api/session.hpp"
#include "api/user_json.hpp"
#include "drop/limits.hpp"
#include "http/context.hpp"
#include "http/problem.hpp"
#include "http/request_log.hpp"

namespace drop::api {

namespace {

using http::Context;
using http::ErrorCode;
using http::Request;
using http::Response;

Response store_failure(const Request& request, Context& context, const ports::PortError& error) {
  http::log_event(context.clock->now(), "error", "store_error", error.message);
  return http::problem(error.kind == ports::PortError::Kind::unavailable ||
                               error.kind == ports::PortError::Kind::timeout
                           ? ErrorCode::unavailable
                           : ErrorCode::internal,
                       "", request.request_id);
}

Response dev_login(const Request& request, Context& context) {
  rapidjson::Document body;
  body.Parse(request.body.data(), request.body.size());  // an object: the pipeline checked
  const auto name = body.FindMember("name");
  if (name == body.MemberEnd() || !name->value.IsString()) {
    return http::problem(ErrorCode::invalid_request, "\"name\" (a string) is required.",
                         request.request_id, {{"name", "required"}});
  }
  const std::string_view name_text(name->value.GetString(), name->value.GetStringLength());
  std::vector<http::FieldError> errors;
  if (name_text.empty() || name_text.size() > limits::user_name_bytes_max) {
    errors.push_back({"name", "must be 1 to 200 bytes"});
  }
  std::optional<users::KycStatus> kyc_status;
  if (const auto kyc = body.FindMember("kyc_status"); kyc != body.MemberEnd()) {
    if (kyc->value.IsString()) {
      kyc_status = users::parse_kyc_status(
          std::string_view(kyc->value.GetString(), kyc->value.GetStringLength()));
    }
    if (!kyc_status)
      errors.push_back({"kyc_status", "must be none, pending, approved, retry or rejected"});
  }
  if (!errors.empty()) {
    return http::problem(ErrorCode::validation_failed, "The request has invalid fields.",
                         request.request_id, errors);
  }
  const Timestamp now = context.clock->now();
  users::User candidate;
  candidate.id = "usr_" + http::random_hex(*context.entropy, 12);
  candidate.name = std::string(name_text);
  candidate.identity_subject = "dev:" + candidate.name;
  candidate.created_at = now;
  candidate.updated_at = now;
  auto user = context.users->find_or_create(candidate);
  if (!user) return store_failure(request, context, user.error());
  if (kyc_status && *kyc_status != user->kyc_status) {
    const std::int64_t event_time_ms = std::max(now.unix_us / 1000, user->kyc_updated_at_ms + 1);
    auto applied = context.users->set_kyc_status(user->id, *kyc_status, event_time_ms, now);
    if (!applied) return store_failure(request, context, applied.error());
    auto reread = context.users->find_by_id(user->id);
    if (!reread) return store_failure(request, context, reread.error());
    if (*reread) user = std::move(**reread);
  }
  return signed_in(context, *user);
}

Response logout(const Request& request, Context& context) {
  const auto& principal = request.principal;
  auto revoked = context.revoked_tokens->revoke(
      principal.token_id, Timestamp::from_unix_seconds(principal.token_expires_unix_s));
  if (!revoked) return store_failure(request, context, revoked.error());
  Response response = Response::json(200, "{\"ok\":true}");
  response.headers.add("Set-Cookie",
                       http::cleared_session_cookie(!context.settings->development()));
  return response;
}

Response me(const Request& request, Context& context) {
  auto user = context.users->find_by_id(request.principal.user_id);
  if (!user) return store_failure(request, context, user.error());
  if (!*user) {
    return http::problem(ErrorCode::unauthorized, "The token's user no longer exists.",
                         request.request_id);
  }
  json::Buffer buffer;
  json::Writer writer(buffer);
  write_user(writer, **user);
  return Response::json(200, json::to_string(buffer));
}

}  // namespace

// {"token": "...", "user": {...}} and the session cookie.
http::Response signed_in(http::Context& context, const users::User& user) {
  const std::string token = context.tokens->issue(
      user.id, "jti_" + http::random_hex(*context.entropy, 16), context.clock->now());
  json::Buffer buffer;
  json::Writer writer(buffer);
  writer.StartObject();
  json::write_key(writer, "token");
  json::write_string(writer, token);
  json::write_key(writer, "user");
  write_user(writer, user);
  writer.EndObject();
  http::Response response = http::Response::json(200, json::to_string(buffer));
  response.headers.add("Set-Cookie", http::session_cookie(token, !context.settings->development()));
  response.headers.set("Cache-Control", "no-store");
  return response;
}

void add_auth_routes(http::Router& router, const app::Settings& settings) {
  if (settings.development()) {
    router.add({.method = http::Method::post,
                .pattern = "/api/auth/dev-login",
                .handler = dev_login,
                .summary = "Development only: sign in as (and create) a named user, optionally "
                           "in a given KYC state",
                .rate_class = http::RateClass::auth,
                .json_body = true,
                .tag = "auth"});
  }
  router.add({.method = http::Method::post,
              .pattern = "/api/auth/logout",
              .handler = logout,
              .summary = "Sign out: clears the session cookie and revokes the token",
              .auth = http::AuthRequirement::user,
              .rate_class = http::RateClass::user,
              .tag = "auth"});
  router.add({.method = http::Method::get,
              .pattern = "/api/me",
              .handler = me,
              .summary = "The signed-in user",
              .auth = http::AuthRequirement::user,
              .rate_class = http::RateClass::user,
              .tag = "auth"});
}

}  // namespace drop::api
