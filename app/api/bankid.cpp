// BankID sign-in routes (API.md): GET /api/auth/bankid/start redirects to BankID with state,
// nonce and PKCE; GET /api/auth/bankid/callback?code=&state= finishes the sign-in through the
// IdentityProvider port, finds or creates the user by "bankid:<sub>" and signs them in (token and
// cookie, or a 302 to DROP_APP_URL with the cookie). Without BankID configured both answer 503.
// Codes, states and the national identity number are never logged or echoed: log lines carry
// only the refusal's kind and a secret-free message.
#include "api/api_support.hpp"
#include "api/routes.hpp"
#include "api/session.hpp"
#include "drop/limits.hpp"

namespace drop::api {

namespace {

using http::Context;
using http::ErrorCode;
using http::Request;
using http::Response;

// Subjects are short opaque ids (BankID: a UUID); anything longer is not one.
constexpr std::size_t subject_bytes_max = 255;

Response not_configured(const Request& request) {
  return http::problem(ErrorCode::unavailable, "", request.request_id);
}

Response redirect(std::string_view location) {
  Response response;
  response.status = 302;
  response.content_type.clear();
  response.headers.set("Location", location);
  response.headers.set("Cache-Control", "no-store");
  return response;
}

// The display name, cut to the column's limit on a UTF-8 character boundary.
std::string display_name(std::string name) {
  if (name.empty()) return "BankID user";
  if (name.size() > limits::user_name_bytes_max) {
    std::size_t cut = limits::user_name_bytes_max;
    while (cut > 0 && (static_cast<unsigned char>(name[cut]) & 0xC0) == 0x80) --cut;
    name.resize(cut);
  }
  return name;
}

Response refused(const Request& request, Context& context, const ports::SignInFailure& failure) {
  http::log_event(context.clock->now(), "warn", "bankid_sign_in_failed",
                  std::string(ports::to_string(failure.refusal)) + ": " + failure.message);
  switch (failure.refusal) {
    case ports::SignInRefusal::unknown_state:
    case ports::SignInRefusal::expired_state:
      return http::problem(ErrorCode::unauthorized,
                           "The sign-in is unknown, already used or expired; start again.",
                           request.request_id);
    case ports::SignInRefusal::code_rejected:
    case ports::SignInRefusal::invalid_token:
      return http::problem(ErrorCode::unauthorized, "BankID did not confirm the sign-in.",
                           request.request_id);
    case ports::SignInRefusal::provider_error:
    case ports::SignInRefusal::unavailable:
      break;
  }
  return http::problem(ErrorCode::unavailable, "", request.request_id);
}

Response start(const Request& request, Context& context) {
  if (context.identity == nullptr) return not_configured(request);
  auto started = context.identity->begin_sign_in();
  if (!started) return refused(request, context, started.error());
  return redirect(started->authorization_url);
}

Response callback(const Request& request, Context& context) {
  if (context.identity == nullptr) return not_configured(request);
  if (request.query_param("error")) {  // the user cancelled, or BankID refused (RFC 6749 4.1.2.1)
    return http::problem(ErrorCode::unauthorized, "BankID sign-in was cancelled or refused.",
                         request.request_id);
  }
  const auto code = request.query_param("code");
  const auto state = request.query_param("state");
  if (!code || code->empty() || !state || state->empty()) {
    std::vector<http::FieldError> errors;
    if (!code || code->empty()) errors.push_back({"code", "required"});
    if (!state || state->empty()) errors.push_back({"state", "required"});
    return http::problem(ErrorCode::invalid_request, "\"code\" and \"state\" are required.",
                         request.request_id, errors);
  }
  auto identity = context.identity->finish_sign_in(*code, *state);
  if (!identity) return refused(request, context, identity.error());
  if (identity->subject.size() > subject_bytes_max) {
    return refused(request, context,
                   {ports::SignInRefusal::invalid_token, std::nullopt, "subject too long"});
  }
  const Timestamp now = context.clock->now();
  users::User candidate;
  candidate.id = "usr_" + http::random_hex(*context.entropy, 12);
  candidate.name = display_name(std::move(identity->name));
  candidate.identity_subject = "bankid:" + identity->subject;
  candidate.created_at = now;
  candidate.updated_at = now;
  auto user = context.users->find_or_create(candidate);
  if (!user) return port_failure(request, context, user.error());
  Response response = signed_in(context, *user);
  if (context.settings->app_url.empty()) return response;
  // Back to the web app: the session travels in the cookie only (never in the URL).
  Response back = redirect(context.settings->app_url);
  for (const auto& [name, value] : response.headers.fields()) {
    if (name == "Set-Cookie") back.headers.add(name, value);
  }
  return back;
}

}  // namespace

void add_bankid_routes(http::Router& router, const app::Settings&) {
  router.add({.method = http::Method::get,
              .pattern = "/api/auth/bankid/start",
              .handler = start,
              .summary = "Sign in with BankID: 302 to the BankID authorization endpoint (state, "
                         "nonce, PKCE S256); 503 when BankID is not configured",
              .rate_class = http::RateClass::auth,
              .tag = "auth",
              .success_status = 302,
              .success_content_type = ""});
  router.add({.method = http::Method::get,
              .pattern = "/api/auth/bankid/callback",
              .handler = callback,
              .summary = "BankID callback: checks state, exchanges the code, verifies the ID "
                         "token, signs the user in ({token,user} and cookie, or 302 to "
                         "DROP_APP_URL)",
              .rate_class = http::RateClass::auth,
              .tag = "auth"});
}

}  // namespace drop::api
