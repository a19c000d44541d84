// Transfer (remittance) routes: POST /api/transfers (KYC approved, Idempotency-Key), GET one,
// GET the caller's list. The use case is usecases::RemittanceService; the sandbox payout rail
// (PayoutWorker) completes or refunds each one later.
#include <rapidjson/document.h>

#include "api/api_support.hpp"
#include "api/routes.hpp"
#include "drop/banking/iban.hpp"
#include "drop/limits.hpp"
#include "json/json.hpp"
#include "usecases/remittance_service.hpp"

namespace drop::api {

namespace {

using http::Context;
using http::ErrorCode;
using http::Request;
using http::Response;
using remittance::Remittance;

void write_transfer(json::Writer& writer, const Remittance& item) {
  writer.StartObject();
  json::write_key(writer, "id");
  json::write_string(writer, item.id);
  json::write_key(writer, "status");
  json::write_string(writer, remittance::to_string(item.status));
  json::write_key(writer, "quote_id");
  json::write_string(writer, item.quote_id);
  json::write_key(writer, "debited");
  json::write_money(writer, item.debited);
  json::write_key(writer, "fee");
  json::write_money(writer, item.fee);
  json::write_key(writer, "delivered");
  json::write_money(writer, item.delivered);
  json::write_key(writer, "recipient");
  writer.StartObject();
  json::write_key(writer, "name");
  json::write_string(writer, item.recipient.name);
  json::write_key(writer, "iban");
  json::write_string(writer, item.recipient.iban);
  if (!item.recipient.bic.empty()) {
    json::write_key(writer, "bic");
    json::write_string(writer, item.recipient.bic);
  }
  json::write_key(writer, "country");
  json::write_string(writer, item.recipient.country);
  writer.EndObject();
  json::write_key(writer, "reference");
  json::write_string(writer, item.reference);
  json::write_key(writer, "created_at");
  json::write_string(writer, format_rfc3339(item.created_at));
  json::write_key(writer, "updated_at");
  json::write_string(writer, format_rfc3339(item.updated_at));
  writer.EndObject();
}

std::string transfer_json(const Remittance& item) {
  json::Buffer buffer;
  json::Writer writer(buffer);
  write_transfer(writer, item);
  return json::to_string(buffer);
}

bool is_country(std::string_view text) {
  return text.size() == 2 && text[0] >= 'A' && text[0] <= 'Z' && text[1] >= 'A' && text[1] <= 'Z';
}

// Parses and validates the body into `request`; a problem response on failure.
std::optional<Response> parse_transfer(const Request& request, usecases::TransferRequest& out) {
  rapidjson::Document body;
  body.Parse(request.body.data(), request.body.size());
  const auto quote_id = string_member(body, "quote_id");
  const auto recipient = body.FindMember("recipient");
  if (!quote_id || recipient == body.MemberEnd() || !recipient->value.IsObject()) {
    return http::problem(ErrorCode::invalid_request,
                         "\"quote_id\" and \"recipient\" {name, iban, country} are required.",
                         request.request_id);
  }
  const rapidjson::Value& to = recipient->value;
  std::vector<http::FieldError> errors;
  const auto name = string_member(to, "name");
  const auto iban = string_member(to, "iban");
  const auto bic = string_member(to, "bic");
  const auto country = string_member(to, "country");
  const auto reference = string_member(body, "reference");
  if (!name || name->empty() || name->size() > limits::user_name_bytes_max) {
    errors.push_back({"recipient.name", "must be 1 to 200 bytes"});
  }
  if (!iban) {
    errors.push_back({"recipient.iban", "required"});
  } else if (auto valid = banking::validate_iban(*iban); !valid) {
    errors.push_back(
        {"recipient.iban", "invalid IBAN: " + std::string(banking::to_string(valid.error()))});
  }
  if (has_member(to, "bic") && (!bic || !banking::is_valid_bic(*bic))) {
    errors.push_back({"recipient.bic", "must be a BIC of 8 or 11 characters"});
  }
  if (!country || !is_country(*country)) {
    errors.push_back({"recipient.country", "must be an ISO 3166 alpha-2 code"});
  }
  if (has_member(body, "reference") &&
      (!reference || reference->size() > limits::transfer_reference_bytes_max)) {
    errors.push_back({"reference", "must be a string of at most 140 bytes"});
  }
  if (!errors.empty()) {
    return http::problem(ErrorCode::validation_failed, "The request has invalid fields.",
                         request.request_id, errors);
  }
  out.user_id = request.principal.user_id;
  out.quote_id = std::string(*quote_id);
  out.recipient = {std::string(*name), std::string(*iban), std::string(bic.value_or("")),
                   std::string(*country)};
  out.reference = std::string(reference.value_or(""));
  return std::nullopt;
}

Response create_transfer(const Request& request, Context& context) {
  usecases::TransferRequest transfer;
  if (auto problem = parse_transfer(request, transfer)) return std::move(*problem);
  auto created = context.remittances->create(transfer);
  if (!created) {
    const auto& failure = created.error();
    switch (failure.refusal) {
      case usecases::TransferRefusal::kyc_required:
        return http::problem(ErrorCode::kyc_required, "Identity verification (KYC) is required.",
                             request.request_id);
      case usecases::TransferRefusal::not_found:
        return http::problem(ErrorCode::not_found, failure.message, request.request_id);
      case usecases::TransferRefusal::quote_used:
        return http::problem(ErrorCode::quote_used, failure.message, request.request_id);
      case usecases::TransferRefusal::quote_expired:
        return http::problem(ErrorCode::quote_expired, failure.message, request.request_id);
      case usecases::TransferRefusal::unsupported_currency:
        return http::problem(ErrorCode::unsupported_currency, failure.message, request.request_id);
      case usecases::TransferRefusal::insufficient_funds:
        return http::problem(ErrorCode::insufficient_funds,
                             "The wallet's available balance does not cover this transfer.",
                             request.request_id);
      case usecases::TransferRefusal::store:
        break;
    }
    return port_failure(request, context,
                        ports::PortError{ports::PortError::Kind::unavailable, failure.message});
  }
  context.payouts->schedule(created->id);
  return Response::json(201, transfer_json(*created));
}

Response get_transfer(const Request& request, Context& context) {
  auto found = context.remittances->transfers().find(request.path_param("id"));
  if (!found) return port_failure(request, context, found.error());
  // pending (being funded) and rejected (refused before money moved) are internal states.
  if (!*found || (*found)->user_id != request.principal.user_id ||
      !remittance::is_visible((*found)->status)) {
    return http::problem(ErrorCode::not_found, "No such transfer.", request.request_id);
  }
  return Response::json(200, transfer_json(**found));
}

Response list_transfers(const Request& request, Context& context) {
  const auto limit = page_limit(request);
  if (!limit) {
    return http::problem(ErrorCode::validation_failed, "Bad pagination parameters.",
                         request.request_id, {{"limit", "1..100"}});
  }
  auto page = context.remittances->transfers().list_by_user(request.principal.user_id, *limit,
                                                            request.query_param("cursor"));
  if (!page && page.error().kind == ports::PortError::Kind::invalid) {
    return http::problem(ErrorCode::validation_failed, "Bad pagination parameters.",
                         request.request_id, {{"cursor", "as returned by the previous page"}});
  }
  if (!page) return port_failure(request, context, page.error());
  json::Buffer buffer;
  json::Writer writer(buffer);
  writer.StartObject();
  json::write_key(writer, "data");
  writer.StartArray();
  for (const auto& item : page->items) write_transfer(writer, item);
  writer.EndArray();
  json::write_key(writer, "next_cursor");
  if (page->next_cursor) {
    json::write_string(writer, *page->next_cursor);
  } else {
    writer.Null();
  }
  writer.EndObject();
  return Response::json(200, json::to_string(buffer));
}

}  // namespace

void add_transfer_routes(http::Router& router, const app::Settings&) {
  router.add({.method = http::Method::post,
              .pattern = "/api/transfers",
              .handler = create_transfer,
              .summary = "Sends money abroad on a quote (KYC approved; Idempotency-Key)",
              .auth = http::AuthRequirement::user,
              .rate_class = http::RateClass::user,
              .idempotency_key_required = true,
              .json_body = true,
              .tag = "transfers",
              .success_status = 201});
  router.add({.method = http::Method::get,
              .pattern = "/api/transfers/{id}",
              .handler = get_transfer,
              .summary = "One of the caller's transfers",
              .auth = http::AuthRequirement::user,
              .rate_class = http::RateClass::user,
              .tag = "transfers"});
  router.add({.method = http::Method::get,
              .pattern = "/api/transfers",
              .handler = list_transfers,
              .summary = "The caller's transfers, newest first (?limit=, ?cursor=)",
              .auth = http::AuthRequirement::user,
              .rate_class = http::RateClass::user,
              .tag = "transfers"});
}

}  // namespace drop::api
