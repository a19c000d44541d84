#include "drop/adapters/postgres/pg_money_stores.hpp"

#include <string>

#include "drop/fx/quote_columns.hpp"
#include "drop/remittance/cursor.hpp"

namespace drop::adapters::postgres {

using ports::PortError;
using ports::QuoteStoreError;
using remittance::Remittance;

namespace {

std::string text(std::int64_t value) { return std::to_string(value); }

constexpr std::string_view quote_columns =
    "id, user_id, source_amount, source_currency, target_amount, target_currency, fee_amount, "
    "rate, mid_rate, spread_bps, rate_as_of, created_at_us, expires_at_us, used_at_us";

Result<fx::Quote, QuoteStoreError> quote_from_row(const PgResult& rows, int row) {
  const auto s = [&](int column) { return std::string(rows.text(row, column)); };
  fx::QuoteColumns columns{s(0),
                           s(1),
                           rows.int64(row, 2),
                           s(3),
                           rows.int64(row, 4),
                           s(5),
                           rows.int64(row, 6),
                           s(7),
                           s(8),
                           rows.int64(row, 9),
                           s(10),
                           rows.int64(row, 11),
                           rows.int64(row, 12),
                           std::nullopt};
  if (!rows.is_null(row, 13)) columns.used_at_us = rows.int64(row, 13);
  auto quote = fx::from_columns(columns);
  if (!quote) {
    return Err{QuoteStoreError{
        QuoteStoreError::Kind::port, {}, PortError{PortError::Kind::corrupt, quote.error()}}};
  }
  return std::move(*quote);
}

QuoteStoreError refused(fx::QuoteUseError error) {
  return QuoteStoreError{QuoteStoreError::Kind::refused, error, {}};
}
QuoteStoreError port(PortError error) {
  return QuoteStoreError{QuoteStoreError::Kind::port, {}, std::move(error)};
}

constexpr std::string_view remittance_columns =
    "id, user_id, quote_id, status, debited_amount, debited_currency, fee_amount, "
    "delivered_amount, delivered_currency, recipient_name, recipient_iban, recipient_bic, "
    "recipient_country, reference, created_at_us, updated_at_us";

Remittance remittance_from_row(const PgResult& rows, int row) {
  const auto s = [&](int column) { return std::string(rows.text(row, column)); };
  const Currency fallback = remittance::zero_nok().currency();
  const Currency debited = Currency::from_code(s(5)).value_or(fallback);
  const Currency delivered = Currency::from_code(s(8)).value_or(fallback);
  return Remittance{s(0),
                    s(1),
                    s(2),
                    remittance::parse_status(s(3)).value_or(remittance::Status::processing),
                    Money(rows.int64(row, 4), debited),
                    Money(rows.int64(row, 6), debited),
                    Money(rows.int64(row, 7), delivered),
                    {s(9), s(10), rows.is_null(row, 11) ? "" : s(11), s(12)},
                    s(13),
                    Timestamp{rows.int64(row, 14)},
                    Timestamp{rows.int64(row, 15)}};
}

}  // namespace

// --- quotes ------------------------------------------------------------------------------------

Result<void, PortError> PgQuoteStore::insert(const fx::Quote& quote) {
  const fx::QuoteColumns c = fx::to_columns(quote);
  auto inserted =
      pool_.exec("INSERT INTO quotes (" + std::string(quote_columns) +
                     ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)",
                 {c.id, c.user_id, text(c.source_amount), c.source_currency, text(c.target_amount),
                  c.target_currency, text(c.fee_amount), c.rate, c.mid_rate, text(c.spread_bps),
                  c.rate_as_of, text(c.created_at_us), text(c.expires_at_us),
                  c.used_at_us ? std::optional<std::string>(text(*c.used_at_us)) : std::nullopt});
  if (!inserted) return Err{inserted.error()};
  return {};
}

Result<fx::Quote, QuoteStoreError> PgQuoteStore::find(std::string_view id) const {
  auto rows = pool_.exec("SELECT " + std::string(quote_columns) + " FROM quotes WHERE id = $1",
                         {std::string(id)});
  if (!rows) return Err{port(rows.error())};
  if (rows->rows() == 0) return Err{refused(fx::QuoteUseError::not_found)};
  return quote_from_row(*rows, 0);
}

Result<fx::Quote, QuoteStoreError> PgQuoteStore::mark_used(std::string_view id, Timestamp now) {
  auto rows = pool_.exec(
      "UPDATE quotes SET used_at_us = $2 WHERE id = $1 AND used_at_us IS NULL AND "
      "expires_at_us > $2 RETURNING " +
          std::string(quote_columns),
      {std::string(id), text(now.unix_us)});
  if (!rows) return Err{port(rows.error())};
  if (rows->rows() == 1) return quote_from_row(*rows, 0);
  auto current = find(id);
  if (!current) return Err{current.error()};
  if (current->status == fx::QuoteStatus::used) return Err{refused(fx::QuoteUseError::quote_used)};
  return Err{refused(fx::QuoteUseError::quote_expired)};
}

Result<bool, PortError> PgQuoteStore::release(std::string_view id, Timestamp used_at) {
  auto rows = pool_.exec(
      "UPDATE quotes SET used_at_us = NULL WHERE id = $1 AND used_at_us = $2 AND NOT "
      "EXISTS (SELECT 1 FROM remittances WHERE quote_id = $1 AND status <> "
      "'rejected') RETURNING id",
      {std::string(id), text(used_at.unix_us)});
  if (!rows) return Err{rows.error()};
  return rows->rows() == 1;
}

// --- remittances -------------------------------------------------------------------------------

Result<void, PortError> PgTransferStore::insert(const Remittance& r) {
  auto inserted = pool_.exec(
      "WITH r AS (INSERT INTO remittances (" + std::string(remittance_columns) +
          ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) "
          "RETURNING id, status, created_at_us) INSERT INTO remittance_events (remittance_id, "
          "status, detail, at_us) SELECT id, status, '', created_at_us FROM r",
      {r.id, r.user_id, r.quote_id, std::string(remittance::to_string(r.status)),
       text(r.debited.amount_minor()), std::string(r.debited.currency().code()),
       text(r.fee.amount_minor()), text(r.delivered.amount_minor()),
       std::string(r.delivered.currency().code()), r.recipient.name, r.recipient.iban,
       r.recipient.bic.empty() ? std::nullopt : std::optional<std::string>(r.recipient.bic),
       r.recipient.country, r.reference, text(r.created_at.unix_us), text(r.updated_at.unix_us)});
  if (!inserted) return Err{inserted.error()};
  return {};
}

Result<std::optional<Remittance>, PortError> PgTransferStore::find(std::string_view id) {
  auto rows =
      pool_.exec("SELECT " + std::string(remittance_columns) + " FROM remittances WHERE id = $1",
                 {std::string(id)});
  if (!rows) return Err{rows.error()};
  if (rows->rows() == 0) return std::optional<Remittance>();
  return std::optional<Remittance>(remittance_from_row(*rows, 0));
}

Result<ports::RemittancePage, PortError> PgTransferStore::list_by_user(
    std::string_view user_id, std::size_t limit, std::optional<std::string_view> cursor) {
  std::optional<remittance::Cursor> after;
  if (cursor) {
    after = remittance::parse_cursor(*cursor);
    if (!after) return Err{PortError{PortError::Kind::invalid, "malformed cursor"}};
  }
  auto rows =
      pool_.exec("SELECT " + std::string(remittance_columns) +
                     " FROM remittances WHERE user_id = $1 AND status NOT IN ('pending', "
                     "'rejected') AND ($2::bigint IS NULL OR (created_at_us, id) < ($2::bigint, "
                     "$3::text)) ORDER BY created_at_us DESC, id DESC LIMIT $4",
                 {std::string(user_id),
                  after ? std::optional<std::string>(text(after->created_at_us)) : std::nullopt,
                  after ? std::optional<std::string>(after->id) : std::nullopt,
                  text(static_cast<std::int64_t>(limit + 1))});
  if (!rows) return Err{rows.error()};
  ports::RemittancePage page;
  for (int i = 0; i < rows->rows() && static_cast<std::size_t>(i) < limit; ++i) {
    page.items.push_back(remittance_from_row(*rows, i));
  }
  if (static_cast<std::size_t>(rows->rows()) > limit) {
    page.next_cursor = remittance::format_cursor(page.items.back());
  }
  return page;
}

Result<std::vector<Remittance>, PortError> PgTransferStore::list_unfinished(
    Timestamp changed_before, std::size_t limit) {
  auto rows =
      pool_.exec("SELECT " + std::string(remittance_columns) +
                     " FROM remittances WHERE status IN ('pending', 'processing', 'failed') AND "
                     "updated_at_us < $1 ORDER BY updated_at_us LIMIT $2",
                 {text(changed_before.unix_us), text(static_cast<std::int64_t>(limit))});
  if (!rows) return Err{rows.error()};
  std::vector<Remittance> items;
  items.reserve(static_cast<std::size_t>(rows->rows()));
  for (int i = 0; i < rows->rows(); ++i) items.push_back(remittance_from_row(*rows, i));
  return items;
}

Result<bool, PortError> PgTransferStore::transition(std::string_view id, remittance::Status from,
                                                    remittance::Status to, std::string_view detail,
                                                    Timestamp now) {
  auto moved = pool_.exec(
      "WITH moved AS (UPDATE remittances SET status = $3, updated_at_us = $5 WHERE "
      "id = $1 AND status = $2 RETURNING id) INSERT INTO remittance_events "
      "(remittance_id, status, detail, at_us) SELECT id, $3, $4, $5 FROM moved",
      {std::string(id), std::string(remittance::to_string(from)),
       std::string(remittance::to_string(to)), std::string(detail), text(now.unix_us)});
  if (!moved) return Err{moved.error()};
  return moved->affected_rows() == 1;
}

Result<std::vector<remittance::Event>, PortError> PgTransferStore::events(std::string_view id) {
  auto rows = pool_.exec(
      "SELECT status, detail, at_us FROM remittance_events WHERE remittance_id = $1 "
      "ORDER BY id",
      {std::string(id)});
  if (!rows) return Err{rows.error()};
  std::vector<remittance::Event> events;
  events.reserve(static_cast<std::size_t>(rows->rows()));
  for (int i = 0; i < rows->rows(); ++i) {
    events.push_back(
        {remittance::parse_status(rows->text(i, 0)).value_or(remittance::Status::processing),
         std::string(rows->text(i, 1)), Timestamp{rows->int64(i, 2)}});
  }
  return events;
}

// --- QR payment requests -----------------------------------------------------------------------

Result<void, PortError> PgQrRequestStore::insert(const ports::QrRequest& r) {
  auto inserted = pool_.exec(
      "INSERT INTO qr_requests (id, payee_user_id, amount, currency, reference, payload, "
      "created_at_us, expires_at_us) VALUES ($1, $2, $3, 'NOK', $4, $5, $6, $7)",
      {r.id, r.payee_user_id,
       r.amount ? std::optional<std::string>(text(r.amount->amount_minor())) : std::nullopt,
       r.reference, r.payload, text(r.created_at.unix_us),
       r.expires_at ? std::optional<std::string>(text(r.expires_at->unix_us)) : std::nullopt});
  if (!inserted) return Err{inserted.error()};
  return {};
}

Result<std::optional<ports::QrRequest>, PortError> PgQrRequestStore::find(std::string_view id) {
  auto rows = pool_.exec(
      "SELECT id, payee_user_id, amount, reference, payload, created_at_us, "
      "expires_at_us FROM qr_requests WHERE id = $1",
      {std::string(id)});
  if (!rows) return Err{rows.error()};
  if (rows->rows() == 0) return std::optional<ports::QrRequest>();
  ports::QrRequest request{std::string(rows->text(0, 0)),
                           std::string(rows->text(0, 1)),
                           std::nullopt,
                           std::string(rows->text(0, 3)),
                           std::string(rows->text(0, 4)),
                           Timestamp{rows->int64(0, 5)},
                           std::nullopt};
  if (!rows->is_null(0, 2)) {
    request.amount = Money(rows->int64(0, 2), remittance::zero_nok().currency());
  }
  if (!rows->is_null(0, 6)) request.expires_at = Timestamp{rows->int64(0, 6)};
  return std::optional<ports::QrRequest>(std::move(request));
}

}  // namespace drop::adapters::postgres
