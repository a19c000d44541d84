// QR routes: POST /api/qr (a Drop payment request to the caller), GET /api/qr/{id}.svg (its
// image), POST /api/qr/decode (any EMV MPM or EPC payload, as `drop qr decode`), POST
// /api/qr/pay (KYC approved, Idempotency-Key). The use case is usecases::QrPaymentService.
#include <rapidjson/document.h>

#include "api/api_support.hpp"
#include "api/routes.hpp"
#include "cli/qr_json.hpp"
#include "drop/adapters/qrimage/qr_image.hpp"
#include "drop/limits.hpp"
#include "drop/qr/emv.hpp"
#include "drop/qr/epc.hpp"
#include "json/json.hpp"
#include "usecases/qr_payment.hpp"

namespace drop::api {

namespace {

using http::Context;
using http::ErrorCode;
using http::Request;
using http::Response;

bool printable_ascii(std::string_view text) {
  for (char c : text) {
    if (c < 0x20 || c > 0x7e) return false;
  }
  return true;
}

Response qr_failure(const Request& request, Context& context, const usecases::QrFailure& failure) {
  using usecases::QrRefusal;
  switch (failure.refusal) {
    case QrRefusal::invalid_qr:
      return http::problem(ErrorCode::invalid_qr, failure.message, request.request_id);
    case QrRefusal::unsupported_qr:
      return http::problem(ErrorCode::unsupported_qr, failure.message, request.request_id);
    case QrRefusal::validation_failed:
    case QrRefusal::already_paid:
      return http::problem(
          ErrorCode::validation_failed, failure.message, request.request_id,
          {{failure.message.starts_with("amount") ? "amount" : "payload", failure.message}});
    case QrRefusal::kyc_required:
      return http::problem(ErrorCode::kyc_required, "Identity verification (KYC) is required.",
                           request.request_id);
    case QrRefusal::insufficient_funds:
      return http::problem(ErrorCode::insufficient_funds,
                           "The wallet's available balance does not cover this payment.",
                           request.request_id);
    case QrRefusal::not_found:
      return http::problem(ErrorCode::not_found, failure.message, request.request_id);
    case QrRefusal::expired:
      return http::problem(ErrorCode::invalid_qr, failure.message, request.request_id);
    case QrRefusal::store:
      break;
  }
  return port_failure(request, context,
                      ports::PortError{ports::PortError::Kind::unavailable, failure.message});
}

Response create_qr(const Request& request, Context& context) {
  rapidjson::Document body;
  body.Parse(request.body.data(), request.body.size());
  std::vector<http::FieldError> errors;
  const auto currency = string_member(body, "currency");
  if (currency && *currency != "NOK") {
    return http::problem(ErrorCode::unsupported_currency, "Drop QR codes are in NOK.",
                         request.request_id);
  }
  if (has_member(body, "currency") && !currency) errors.push_back({"currency", "must be NOK"});
  std::optional<Money> amount;
  if (has_member(body, "amount")) {
    const auto minor = integer_member(body, "amount");
    if (!minor || *minor <= 0 || *minor > limits::fx_amount_minor_max) {
      errors.push_back({"amount", "must be a positive integer of minor units"});
    } else {
      amount = Money(*minor, Currency::from_code("NOK").value());
    }
  }
  const auto reference = string_member(body, "reference");
  if (has_member(body, "reference") &&
      (!reference || reference->size() > 25 || !printable_ascii(*reference))) {
    errors.push_back({"reference", "at most 25 printable ASCII characters"});
  }
  if (!errors.empty()) {
    return http::problem(ErrorCode::validation_failed, "The request has invalid fields.",
                         request.request_id, errors);
  }
  auto created = context.qr->create_request(request.principal.user_id, amount,
                                            std::string(reference.value_or("")));
  if (!created) return qr_failure(request, context, created.error());
  json::Buffer buffer;
  json::Writer writer(buffer);
  writer.StartObject();
  json::write_key(writer, "id");
  json::write_string(writer, created->id);
  json::write_key(writer, "payload");
  json::write_string(writer, created->payload);
  json::write_key(writer, "svg_url");
  json::write_string(writer, "/api/qr/" + created->id + ".svg");
  if (created->amount) {
    json::write_key(writer, "amount");
    json::write_money(writer, *created->amount);
  }
  json::write_key(writer, "reference");
  json::write_string(writer, created->reference);
  if (created->expires_at) {
    json::write_key(writer, "expires_at");
    json::write_string(writer, format_rfc3339(*created->expires_at));
  }
  writer.EndObject();
  return Response::json(201, json::to_string(buffer));
}

Response qr_svg(const Request& request, Context& context) {
  auto found = context.qr->requests().find(request.path_param("id"));
  if (!found) return port_failure(request, context, found.error());
  if (!*found) return http::problem(ErrorCode::not_found, "No such QR code.", request.request_id);
  auto svg = adapters::qrimage::render_svg((*found)->payload);
  if (!svg) {
    return port_failure(request, context,
                        ports::PortError{ports::PortError::Kind::internal, "qr image"});
  }
  Response response = Response::text(200, "image/svg+xml", std::move(*svg));
  response.headers.set("Cache-Control", "public, max-age=300");
  return response;
}

Response decode_qr(const Request& request, Context&) {
  rapidjson::Document body;
  body.Parse(request.body.data(), request.body.size());
  const auto payload = string_member(body, "payload");
  if (!payload) {
    return http::problem(ErrorCode::invalid_request, "\"payload\" (a string) is required.",
                         request.request_id);
  }
  if (qr::looks_like_epc(*payload)) {
    const auto transfer = qr::decode_epc(*payload);
    if (!transfer) {
      return http::problem(ErrorCode::invalid_qr, qr::describe(transfer.error()),
                           request.request_id);
    }
    auto json_text = cli::epc_to_json(*transfer);
    if (!json_text)
      return http::problem(ErrorCode::invalid_qr, json_text.error(), request.request_id);
    return Response::json(200, std::move(*json_text));
  }
  const auto strict = qr::decode_emv(*payload, qr::EmvProfile::strict_profile());
  if (strict) return Response::json(200, cli::emv_to_json(*strict, ""));
  const auto lenient = qr::decode_emv(*payload, qr::EmvProfile::lenient_profile());
  if (!lenient) {
    return http::problem(ErrorCode::invalid_qr, qr::describe(lenient.error()), request.request_id);
  }
  return Response::json(200, cli::emv_to_json(*lenient, qr::describe(strict.error())));
}

Response pay_qr(const Request& request, Context& context) {
  rapidjson::Document body;
  body.Parse(request.body.data(), request.body.size());
  const auto payload = string_member(body, "payload");
  if (!payload) {
    return http::problem(ErrorCode::invalid_request, "\"payload\" (a string) is required.",
                         request.request_id);
  }
  std::optional<std::int64_t> amount;
  if (has_member(body, "amount")) {
    amount = integer_member(body, "amount");
    if (!amount) {
      return http::problem(ErrorCode::validation_failed, "The request has invalid fields.",
                           request.request_id, {{"amount", "an integer of minor units"}});
    }
  }
  auto paid = context.qr->pay(request.principal.user_id, std::string(*payload), amount);
  if (!paid) return qr_failure(request, context, paid.error());
  json::Buffer buffer;
  json::Writer writer(buffer);
  writer.StartObject();
  json::write_key(writer, "id");
  json::write_string(writer, paid->id);
  json::write_key(writer, "status");
  json::write_string(writer, "completed");
  json::write_key(writer, "amount");
  json::write_money(writer, paid->amount);
  json::write_key(writer, "payee");
  writer.StartObject();
  json::write_key(writer, "id");
  json::write_string(writer, paid->payee_user_id);
  json::write_key(writer, "name");
  json::write_string(writer, paid->payee_name);
  writer.EndObject();
  json::write_key(writer, "reference");
  json::write_string(writer, paid->reference);
  writer.EndObject();
  return Response::json(201, json::to_string(buffer));
}

}  // namespace

void add_qr_routes(http::Router& router, const app::Settings&) {
  router.add({.method = http::Method::post,
              .pattern = "/api/qr",
              .handler = create_qr,
              .summary = "Creates a Drop payment request to the caller (static without amount)",
              .auth = http::AuthRequirement::user,
              .rate_class = http::RateClass::user,
              .json_body = true,
              .tag = "qr",
              .success_status = 201});
  router.add({.method = http::Method::get,
              .pattern = "/api/qr/{id}.svg",
              .handler = qr_svg,
              .summary = "A payment request's QR image",
              .rate_class = http::RateClass::public_,
              .tag = "qr",
              .success_content_type = "image/svg+xml"});
  router.add({.method = http::Method::post,
              .pattern = "/api/qr/decode",
              .handler = decode_qr,
              .summary = "Decodes an EMV MPM or EPC payment QR payload",
              .rate_class = http::RateClass::public_,
              .json_body = true,
              .inline_handler = true,
              .tag = "qr"});
  router.add({.method = http::Method::post,
              .pattern = "/api/qr/pay",
              .handler = pay_qr,
              .summary = "Pays a Drop QR from the caller's wallet (KYC approved; Idempotency-Key)",
              .auth = http::AuthRequirement::user,
              .rate_class = http::RateClass::user,
              .idempotency_key_required = true,
              .json_body = true,
              .tag = "qr",
              .success_status = 201});
}

}  // namespace drop::api
