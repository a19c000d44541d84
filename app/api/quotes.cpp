// Quote routes: POST /api/quotes prices a quote (core fx::make_quote with the configured policy
// and the live rates) and stores it for its caller; GET /api/quotes/{id} reads
// one of the caller's quotes. Refusals map to API codes as docs/fx.md says.
#include <rapidjson/document.h>

#include <array>

#include "api/api_support.hpp"
#include "api/quote_json.hpp"
#include "api/routes.hpp"
#include "drop/fx/quote.hpp"
#include "drop/limits.hpp"
#include "usecases/live_rates.hpp"

namespace drop::api {

namespace {

using http::Context;
using http::ErrorCode;
using http::Request;
using http::Response;

Response refusal(const Request& request, fx::QuoteRefusal refusal) {
  switch (refusal) {
    case fx::QuoteRefusal::unsupported_currency:
      return http::problem(ErrorCode::unsupported_currency,
                           "No reference rate for the source or target currency.",
                           request.request_id);
    case fx::QuoteRefusal::amount_too_small:
      return http::problem(ErrorCode::amount_too_small,
                           "The amount is too small to deliver anything.", request.request_id);
    case fx::QuoteRefusal::fee_exceeds_amount:
      return http::problem(ErrorCode::fee_exceeds_amount, "The fee exceeds the source amount.",
                           request.request_id);
    case fx::QuoteRefusal::amount_too_large:
      return http::problem(ErrorCode::limit_exceeded, "The amount is above the limit.",
                           request.request_id);
    case fx::QuoteRefusal::stale_rates:
    case fx::QuoteRefusal::invalid_policy:
      break;
  }
  return http::problem(ErrorCode::unavailable, "", request.request_id);
}

// A currency field: nullopt + an error when not a 3-letter string.
std::optional<std::string_view> currency_field(const rapidjson::Value& body, const char* name,
                                               std::vector<http::FieldError>& errors) {
  const auto text = string_member(body, name);
  if (!text || text->size() != 3) {
    errors.push_back({name, "must be an ISO 4217 alpha-3 code"});
    return std::nullopt;
  }
  return text;
}

Response create_quote(const Request& request, Context& context) {
  rapidjson::Document body;
  body.Parse(request.body.data(), request.body.size());
  std::vector<http::FieldError> errors;
  const auto source_code = currency_field(body, "source_currency", errors);
  const auto target_code = currency_field(body, "target_currency", errors);
  const bool has_source = has_member(body, "source_amount");
  const bool has_target = has_member(body, "target_amount");
  std::optional<std::int64_t> amount;
  if (has_source == has_target) {
    errors.push_back({has_source ? "target_amount" : "source_amount",
                      "give exactly one of source_amount and target_amount"});
  } else {
    const char* name = has_source ? "source_amount" : "target_amount";
    amount = integer_member(body, name);
    if (!amount || *amount <= 0) {
      errors.push_back({name, "must be a positive integer of minor units"});
    }
  }
  if (!errors.empty()) {
    return http::problem(ErrorCode::validation_failed, "The request has invalid fields.",
                         request.request_id, errors);
  }
  auto source = Currency::from_code(*source_code);
  auto target = Currency::from_code(*target_code);
  if (!source || !target) return refusal(request, fx::QuoteRefusal::unsupported_currency);
  const fx::QuoteRequest quote_request{
      .source_currency = *source,
      .target_currency = *target,
      .mode = has_source ? fx::QuoteMode::send : fx::QuoteMode::receive,
      .amount_minor = *amount};
  std::array<std::byte, fx::quote_id_entropy_bytes> entropy{};
  context.entropy->fill(entropy);
  auto quote = fx::make_quote(*context.rates->current(), quote_request, context.pricing,
                              context.clock->now(), context.settings->quote_ttl_s,
                              fx::quote_id_from_entropy(entropy));
  if (!quote) return refusal(request, quote.error());
  quote->owner_id = request.principal.user_id;
  if (auto stored = context.quotes->insert(*quote); !stored) {
    return port_failure(request, context, stored.error());
  }
  return Response::json(201, quote_json(*quote, context.clock->now()));
}

Response get_quote(const Request& request, Context& context) {
  auto quote = context.quotes->find(request.path_param("id"));
  if (!quote && quote.error().kind == ports::QuoteStoreError::Kind::port) {
    return port_failure(request, context, quote.error().port);
  }
  if (!quote || quote->owner_id != request.principal.user_id) {
    return http::problem(ErrorCode::not_found, "No such quote.", request.request_id);
  }
  return Response::json(200, quote_json(*quote, context.clock->now()));
}

}  // namespace

void add_quote_routes(http::Router& router, const app::Settings&) {
  router.add({.method = http::Method::post,
              .pattern = "/api/quotes",
              .handler = create_quote,
              .summary = "Prices an FX quote (exactly one of source_amount, target_amount)",
              .auth = http::AuthRequirement::user,
              .rate_class = http::RateClass::user,
              .json_body = true,
              .tag = "fx",
              .success_status = 201});
  router.add({.method = http::Method::get,
              .pattern = "/api/quotes/{id}",
              .handler = get_quote,
              .summary = "One of the caller's quotes",
              .auth = http::AuthRequirement::user,
              .rate_class = http::RateClass::user,
              .tag = "fx"});
}

}  // namespace drop::api
