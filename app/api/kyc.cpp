// KYC routes: the WebSDK token (creating the Sumsub applicant on first use) and Sumsub's
// webhook. The webhook has no user auth: its X-Payload-Digest over the raw body is the
// authentication (401 on any refusal, before the body is even parsed); then KycService records
// and applies the event (see usecases/kyc_service.hpp for the durability rule: a 5xx here makes
// Sumsub redeliver, and a stored-but-unprocessed event is processed on redelivery).
#include "api/routes.hpp"
#include "http/context.hpp"
#include "http/problem.hpp"
#include "http/request_log.hpp"
#include "json/json.hpp"
#include "usecases/kyc_service.hpp"

namespace drop::api {

namespace {

using http::Context;
using http::ErrorCode;
using http::Request;
using http::Response;

Response kyc_token(const Request& request, Context& context) {
  if (context.kyc == nullptr) {
    return http::problem(ErrorCode::unavailable, "", request.request_id);
  }
  auto token = context.kyc->access_token(request.principal.user_id);
  if (!token) {
    const auto& failure = token.error();
    switch (failure.refusal) {
      case usecases::KycTokenRefusal::no_user:
        return http::problem(ErrorCode::unauthorized, "The token's user no longer exists.",
                             request.request_id);
      case usecases::KycTokenRefusal::not_configured:
        http::log_event(context.clock->now(), "warn", "kyc_not_configured",
                        "POST /api/kyc/token: no KYC provider is wired (outbound HTTPS client "
                        "or SUMSUB_* settings missing)");
        break;
      case usecases::KycTokenRefusal::provider:
        http::log_event(context.clock->now(), "error", "kyc_provider_error", failure.error.message);
        break;
      case usecases::KycTokenRefusal::store:
        http::log_event(context.clock->now(), "error", "store_error", failure.error.message);
        break;
    }
    return http::problem(ErrorCode::unavailable, "", request.request_id);
  }
  json::Buffer buffer;
  json::Writer writer(buffer);
  writer.StartObject();
  json::write_key(writer, "token");
  json::write_string(writer, token->token);
  json::write_key(writer, "level_name");
  json::write_string(writer, token->level_name);
  writer.EndObject();
  Response response = Response::json(200, json::to_string(buffer));
  response.headers.set("Cache-Control", "no-store");
  return response;
}

Response sumsub_webhook(const Request& request, Context& context) {
  if (context.kyc_webhooks == nullptr || context.kyc == nullptr) {
    return http::problem(ErrorCode::unauthorized, "Webhooks are not configured.",
                         request.request_id);
  }
  const auto algorithm = request.headers.get("X-Payload-Digest-Alg").value_or("");
  const auto digest = request.headers.get("X-Payload-Digest").value_or("");
  auto verified = context.kyc_webhooks->verify(algorithm, digest, request.body);
  if (!verified) {
    const auto refusal = verified.error();
    http::log_event(context.clock->now(), "warn", "kyc_webhook_refused",
                    std::string(ports::to_string(refusal)));
    if (refusal == ports::WebhookRefusal::malformed_event) {
      return http::problem(ErrorCode::invalid_request, "The body is not a Sumsub event.",
                           request.request_id);
    }
    return http::problem(ErrorCode::unauthorized,
                         "X-Payload-Digest does not authenticate this body.", request.request_id);
  }
  auto outcome = context.kyc->process(*verified);
  if (!outcome) {
    // Stored (or not) but not processed: a 5xx makes Sumsub deliver it again.
    http::log_event(context.clock->now(), "error", "kyc_webhook_failed", outcome.error().message);
    return http::problem(ErrorCode::unavailable, "", request.request_id);
  }
  http::log_event(context.clock->now(), "info", "kyc_webhook",
                  verified->event.type + " " + std::string(usecases::to_string(*outcome)));
  return Response::json(200, "{\"ok\":true}");
}

}  // namespace

void add_kyc_routes(http::Router& router, const app::Settings& /*settings*/) {
  router.add({.method = http::Method::post,
              .pattern = "/api/kyc/token",
              .handler = kyc_token,
              .summary = "A Sumsub WebSDK access token (creates the applicant on first use)",
              .auth = http::AuthRequirement::user,
              .rate_class = http::RateClass::user,
              .tag = "kyc"});
  router.add({.method = http::Method::post,
              .pattern = "/api/webhooks/sumsub",
              .handler = sumsub_webhook,
              .summary = "Sumsub webhook (authenticated by X-Payload-Digest over the raw body)",
              .tag = "kyc"});
}

}  // namespace drop::api
