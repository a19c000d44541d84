// Money routes: reference rates, the caller's accounts and their ledger entries, admin deposits
// and the admin ledger check. Handlers parse and shape JSON; the money moves in
// usecases::LedgerService (every movement is a ledger transfer).
#include <rapidjson/document.h>

#include <charconv>

#include "api/api_support.hpp"
#include "api/routes.hpp"
#include "drop/fx/pricing.hpp"
#include "drop/limits.hpp"
#include "json/json.hpp"
#include "usecases/live_rates.hpp"

namespace drop::api {

namespace {

using http::Context;
using http::ErrorCode;
using http::Request;
using http::Response;

// Outside development, a table older than DROP_RATES_MAX_AGE_DAYS is not served.
bool rates_stale(const Context& context, const fx::RateTable& table) {
  if (!context.pricing.rates_max_age_days) return false;
  const std::int64_t age_days =
      days_since_epoch(date_of(context.clock->now())) - days_since_epoch(table.as_of());
  return age_days > *context.pricing.rates_max_age_days;
}

// The rates document for `base` from `table` (exact mid rates rendered as decimals: costlier than
// the rest of the request, so LiveRates keeps it per table and base; see rates()).
std::string rates_body(const fx::RateTable& table, Currency base) {
  std::vector<Currency> all = table.currencies();
  all.push_back(table.base());
  std::sort(all.begin(), all.end(), [](Currency a, Currency b) { return a.code() < b.code(); });
  json::Buffer buffer;
  json::Writer writer(buffer);
  writer.StartObject();
  json::write_key(writer, "base");
  json::write_string(writer, base.code());
  json::write_key(writer, "as_of");
  json::write_string(writer, format_date(table.as_of()));
  json::write_key(writer, "source");
  json::write_string(writer, table.source_name());
  json::write_key(writer, "rates");
  writer.StartObject();
  for (Currency currency : all) {
    if (currency == base) continue;
    const auto mid = table.mid(base, currency);
    if (!mid) continue;
    json::write_key(writer, currency.code());
    json::write_string(writer, fx::mid_rate_for_display(*mid).to_string());
  }
  writer.EndObject();
  writer.EndObject();
  return json::to_string(buffer);
}

Response rates(const Request& request, Context& context) {
  const std::string_view base_code = request.query_param("base").value_or("NOK");
  const std::shared_ptr<const fx::RateTable> table = context.rates->current();
  auto base = Currency::from_code(base_code);
  if (!base || !table->contains(*base)) {
    return http::problem(ErrorCode::unsupported_currency,
                         "No reference rates for base " + std::string(base_code) + ".",
                         request.request_id);
  }
  if (rates_stale(context, *table)) {
    return http::problem(ErrorCode::unavailable, "", request.request_id);
  }
  return Response::json(200, context.rates->derived(table, base->code(),
                                                    [currency = *base](const fx::RateTable& live) {
                                                      return rates_body(live, currency);
                                                    }));
}

void write_account(json::Writer& writer, const ledger::Account& account) {
  writer.StartObject();
  json::write_key(writer, "id");
  json::write_string(writer, usecases::account_api_id(account.id));
  json::write_key(writer, "currency");
  json::write_string(writer, account.currency.code());
  json::write_key(writer, "kind");
  json::write_string(writer, ledger::to_string(account.kind));
  json::write_key(writer, "balance");
  json::write_money(writer, Money(account.posted_net(), account.currency));
  json::write_key(writer, "available");
  json::write_money(writer, Money(account.available(), account.currency));
  writer.EndObject();
}

Response accounts(const Request& request, Context& context) {
  auto found = context.ledger->accounts_of(request.principal.user_id);
  if (!found) return money_failure(request, context, found.error());
  json::Buffer buffer;
  json::Writer writer(buffer);
  writer.StartObject();
  json::write_key(writer, "data");
  writer.StartArray();
  for (const auto& account : *found) write_account(writer, account);
  writer.EndArray();
  writer.EndObject();
  return Response::json(200, json::to_string(buffer));
}

std::optional<std::uint64_t> parse_cursor(std::string_view text) {
  std::uint64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

Response entries(const Request& request, Context& context) {
  const auto account_id = usecases::parse_account_api_id(request.path_param("id"));
  auto own = context.ledger->accounts_of(request.principal.user_id);
  if (!own) return money_failure(request, context, own.error());
  const bool mine = account_id && std::any_of(own->begin(), own->end(), [&](const auto& account) {
                      return account.id == *account_id;
                    });
  if (!mine) return http::problem(ErrorCode::not_found, "No such account.", request.request_id);
  const auto limit = page_limit(request);
  std::optional<std::uint64_t> before;
  if (const auto cursor = request.query_param("cursor")) before = parse_cursor(*cursor);
  if (!limit || (request.query_param("cursor") && !before)) {
    return http::problem(ErrorCode::validation_failed, "Bad pagination parameters.",
                         request.request_id, {{"limit", "1..100"}, {"cursor", "as returned"}});
  }
  const Currency currency = own->front().currency;
  auto page = context.ledger->store().account_entries(*account_id, *limit, before);
  if (!page) return port_failure(request, context, page.error());
  json::Buffer buffer;
  json::Writer writer(buffer);
  writer.StartObject();
  json::write_key(writer, "data");
  writer.StartArray();
  for (const ledger::Entry& entry : page->entries) {
    writer.StartObject();
    json::write_key(writer, "id");
    json::write_string(writer, "ent_" + std::to_string(entry.id));
    json::write_key(writer, "transfer_id");
    json::write_string(writer, usecases::transfer_api_id(entry.transfer_id));
    json::write_key(writer, "amount");
    json::write_money(writer, Money(entry.amount_minor, currency));
    json::write_key(writer, "direction");
    json::write_string(writer, ledger::to_string(entry.direction()));
    json::write_key(writer, "balance_after");
    json::write_money(writer, Money(entry.balance_after_minor, currency));
    json::write_key(writer, "code");
    json::write_string(writer, usecases::to_string(entry.code));
    json::write_key(writer, "created_at");
    json::write_string(writer, format_rfc3339(entry.timestamp));
    writer.EndObject();
  }
  writer.EndArray();
  json::write_key(writer, "next_cursor");
  if (page->next_before_entry_id) {
    json::write_string(writer, std::to_string(*page->next_before_entry_id));
  } else {
    writer.Null();
  }
  writer.EndObject();
  return Response::json(200, json::to_string(buffer));
}

Response deposit(const Request& request, Context& context) {
  rapidjson::Document body;
  body.Parse(request.body.data(), request.body.size());
  const auto user_id = string_member(body, "user_id");
  const auto reference = string_member(body, "reference").value_or("");
  std::optional<std::int64_t> amount;
  std::optional<std::string_view> currency;
  if (const auto money = body.FindMember("amount");
      money != body.MemberEnd() && money->value.IsObject()) {
    amount = integer_member(money->value, "amount");
    currency = string_member(money->value, "currency");
  }
  if (!user_id || !amount || !currency) {
    return http::problem(ErrorCode::invalid_request,
                         "\"user_id\" and \"amount\" {amount, currency} are required.",
                         request.request_id);
  }
  std::vector<http::FieldError> errors;
  if (*amount <= 0 || *amount > limits::fx_amount_minor_max) {
    errors.push_back({"amount.amount", "must be a positive integer of minor units"});
  }
  if (reference.size() > limits::transfer_reference_bytes_max) {
    errors.push_back({"reference", "at most 140 bytes"});
  }
  if (!errors.empty()) {
    return http::problem(ErrorCode::validation_failed, "The request has invalid fields.",
                         request.request_id, errors);
  }
  if (*currency != "NOK") {
    return http::problem(ErrorCode::unsupported_currency, "Wallets hold NOK only.",
                         request.request_id);
  }
  auto transfer = context.ledger->deposit(*user_id, *amount, reference);
  if (!transfer) return money_failure(request, context, transfer.error());
  auto wallet = context.ledger->wallet_of(*user_id);
  if (!wallet) return money_failure(request, context, wallet.error());
  json::Buffer buffer;
  json::Writer writer(buffer);
  writer.StartObject();
  json::write_key(writer, "id");
  json::write_string(writer, usecases::transfer_api_id(*transfer));
  json::write_key(writer, "user_id");
  json::write_string(writer, *user_id);
  json::write_key(writer, "account_id");
  json::write_string(writer, usecases::account_api_id(*wallet));
  json::write_key(writer, "amount");
  json::write_money(writer, Money(*amount, *Currency::from_code("NOK")));
  json::write_key(writer, "reference");
  json::write_string(writer, reference);
  json::write_key(writer, "created_at");
  json::write_string(writer, format_rfc3339(context.clock->now()));
  writer.EndObject();
  return Response::json(201, json::to_string(buffer));
}

Response verify(const Request& request, Context& context) {
  auto report = ports::verify_store(context.ledger->store());
  if (!report) return port_failure(request, context, report.error());
  json::Buffer buffer;
  json::Writer writer(buffer);
  writer.StartObject();
  json::write_key(writer, "ok");
  writer.Bool(report->ok());
  json::write_key(writer, "accounts");
  writer.Uint64(report->accounts);
  json::write_key(writer, "transfers");
  writer.Uint64(report->transfers);
  json::write_key(writer, "currencies");
  writer.StartObject();
  for (const auto& totals : report->currencies) {
    json::write_key(writer, totals.currency.code());
    writer.StartObject();
    json::write_key(writer, "debits_posted");
    writer.Int64(totals.debits_posted);
    json::write_key(writer, "credits_posted");
    writer.Int64(totals.credits_posted);
    writer.EndObject();
  }
  writer.EndObject();
  if (!report->ok()) {
    json::write_key(writer, "violations");
    writer.StartArray();
    for (const auto& violation : report->violations) json::write_string(writer, violation.text);
    writer.EndArray();
  }
  writer.EndObject();
  Response response = Response::json(200, json::to_string(buffer));
  response.headers.set("Cache-Control", "no-store");
  return response;
}

}  // namespace

void add_money_routes(http::Router& router, const app::Settings&) {
  router.add({.method = http::Method::get,
              .pattern = "/api/rates",
              .handler = rates,
              .summary = "Mid-market reference rates from ?base= (default NOK)",
              .rate_class = http::RateClass::public_,
              .inline_handler = true,
              .tag = "fx"});
  router.add({.method = http::Method::get,
              .pattern = "/api/accounts",
              .handler = accounts,
              .summary = "The caller's accounts (the NOK wallet, opened on first access)",
              .auth = http::AuthRequirement::user,
              .rate_class = http::RateClass::user,
              .tag = "accounts"});
  router.add({.method = http::Method::get,
              .pattern = "/api/accounts/{id}/entries",
              .handler = entries,
              .summary = "One of the caller's accounts' ledger entries, newest first (?limit=, "
                         "?cursor=)",
              .auth = http::AuthRequirement::user,
              .rate_class = http::RateClass::user,
              .tag = "accounts"});
  router.add({.method = http::Method::post,
              .pattern = "/api/admin/deposits",
              .handler = deposit,
              .summary = "Admin: money received on the settlement account, into a user's wallet",
              .auth = http::AuthRequirement::admin,
              .idempotency_key_required = true,
              .json_body = true,
              .tag = "admin",
              .success_status = 201});
  router.add({.method = http::Method::get,
              .pattern = "/api/admin/ledger/verify",
              .handler = verify,
              .summary = "Admin: checks every ledger invariant",
              .auth = http::AuthRequirement::admin,
              .tag = "admin"});
}

}  // namespace drop::api
