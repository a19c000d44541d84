#include "drop/adapters/sqlite/sqlite_money_stores.hpp"

#include <string>

#include "drop/fx/quote_columns.hpp"
#include "drop/remittance/cursor.hpp"

namespace drop::adapters::sqlite {

using ports::PortError;
using ports::QuoteStoreError;
using remittance::Remittance;

namespace {

constexpr std::string_view quote_columns =
    "id, user_id, source_amount, source_currency, target_amount, target_currency, fee_amount, "
    "rate, mid_rate, spread_bps, rate_as_of, created_at_us, expires_at_us, used_at_us";

Result<fx::Quote, QuoteStoreError> quote_from_row(const SqliteRow& row) {
  fx::QuoteColumns columns{row.text(0),  row.text(1),   row.int64(2),  row.text(3), row.int64(4),
                           row.text(5),  row.int64(6),  row.text(7),   row.text(8), row.int64(9),
                           row.text(10), row.int64(11), row.int64(12), std::nullopt};
  if (!row.is_null(13)) columns.used_at_us = row.int64(13);
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

Remittance remittance_from_row(const SqliteRow& row) {
  const Currency debited =
      Currency::from_code(row.text(5)).value_or(remittance::zero_nok().currency());
  const Currency delivered =
      Currency::from_code(row.text(8)).value_or(remittance::zero_nok().currency());
  Remittance item{row.text(0),
                  row.text(1),
                  row.text(2),
                  remittance::parse_status(row.text(3)).value_or(remittance::Status::processing),
                  Money(row.int64(4), debited),
                  Money(row.int64(6), debited),
                  Money(row.int64(7), delivered),
                  {row.text(9), row.text(10), row.is_null(11) ? "" : row.text(11), row.text(12)},
                  row.text(13),
                  Timestamp{row.int64(14)},
                  Timestamp{row.int64(15)}};
  return item;
}

}  // namespace

// --- quotes ------------------------------------------------------------------------------------

Result<void, PortError> SqliteQuoteStore::insert(const fx::Quote& quote) {
  const fx::QuoteColumns c = fx::to_columns(quote);
  return database_.with_connection([&](SqliteConnection& connection) -> Result<void, PortError> {
    auto inserted = connection.query(
        "INSERT INTO quotes (" + std::string(quote_columns) +
            ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
        {c.id, c.user_id, c.source_amount, c.source_currency, c.target_amount, c.target_currency,
         c.fee_amount, c.rate, c.mid_rate, c.spread_bps, c.rate_as_of, c.created_at_us,
         c.expires_at_us,
         c.used_at_us ? SqliteValue(*c.used_at_us) : SqliteValue(std::monostate{})});
    if (!inserted) return Err{inserted.error()};
    return {};
  });
}

Result<fx::Quote, QuoteStoreError> SqliteQuoteStore::find(std::string_view id) const {
  auto rows = database_.with_connection([&](SqliteConnection& connection) {
    return connection.query("SELECT " + std::string(quote_columns) + " FROM quotes WHERE id = ?1",
                            {std::string(id)});
  });
  if (!rows) return Err{port(rows.error())};
  if (rows->empty()) return Err{refused(fx::QuoteUseError::not_found)};
  return quote_from_row(rows->front());
}

Result<fx::Quote, QuoteStoreError> SqliteQuoteStore::mark_used(std::string_view id, Timestamp now) {
  auto rows = database_.with_connection([&](SqliteConnection& connection) {
    return connection.query(
        "UPDATE quotes SET used_at_us = ?2 WHERE id = ?1 AND used_at_us IS "
        "NULL AND expires_at_us > ?2 RETURNING " +
            std::string(quote_columns),
        {std::string(id), now.unix_us});
  });
  if (!rows) return Err{port(rows.error())};
  if (!rows->empty()) return quote_from_row(rows->front());
  auto current = find(id);
  if (!current) return Err{current.error()};
  if (current->status == fx::QuoteStatus::used) return Err{refused(fx::QuoteUseError::quote_used)};
  return Err{refused(fx::QuoteUseError::quote_expired)};
}

Result<bool, PortError> SqliteQuoteStore::release(std::string_view id, Timestamp used_at) {
  return database_.write_transaction<bool>(
      [&](SqliteConnection& connection) -> Result<bool, PortError> {
        auto updated = connection.query(
            "UPDATE quotes SET used_at_us = NULL WHERE id = ?1 AND used_at_us = ?2 AND NOT EXISTS "
            "(SELECT 1 FROM remittances WHERE quote_id = ?1 AND status <> 'rejected')",
            {std::string(id), used_at.unix_us});
        if (!updated) return Err{updated.error()};
        return connection.changes() == 1;
      });
}

// --- remittances -------------------------------------------------------------------------------

Result<void, PortError> SqliteTransferStore::insert(const Remittance& r) {
  auto done = database_.write_transaction<std::monostate>(
      [&](SqliteConnection& connection) -> Result<std::monostate, PortError> {
        auto inserted = connection.query(
            "INSERT INTO remittances (" + std::string(remittance_columns) +
                ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)",
            {r.id, r.user_id, r.quote_id, std::string(remittance::to_string(r.status)),
             r.debited.amount_minor(), std::string(r.debited.currency().code()),
             r.fee.amount_minor(), r.delivered.amount_minor(),
             std::string(r.delivered.currency().code()), r.recipient.name, r.recipient.iban,
             r.recipient.bic.empty() ? SqliteValue(std::monostate{}) : SqliteValue(r.recipient.bic),
             r.recipient.country, r.reference, r.created_at.unix_us, r.updated_at.unix_us});
        if (!inserted) return Err{inserted.error()};
        auto event = connection.query(
            "INSERT INTO remittance_events (remittance_id, status, detail, at_us) VALUES (?1, ?2, "
            "'', ?3)",
            {r.id, std::string(remittance::to_string(r.status)), r.created_at.unix_us});
        if (!event) return Err{event.error()};
        return std::monostate{};
      });
  if (!done) return Err{done.error()};
  return {};
}

Result<std::optional<Remittance>, PortError> SqliteTransferStore::find(std::string_view id) {
  auto rows = database_.with_connection([&](SqliteConnection& connection) {
    return connection.query(
        "SELECT " + std::string(remittance_columns) + " FROM remittances WHERE id = ?1",
        {std::string(id)});
  });
  if (!rows) return Err{rows.error()};
  if (rows->empty()) return std::optional<Remittance>();
  return std::optional<Remittance>(remittance_from_row(rows->front()));
}

Result<ports::RemittancePage, PortError> SqliteTransferStore::list_by_user(
    std::string_view user_id, std::size_t limit, std::optional<std::string_view> cursor) {
  std::optional<remittance::Cursor> after;
  if (cursor) {
    after = remittance::parse_cursor(*cursor);
    if (!after) return Err{PortError{PortError::Kind::invalid, "malformed cursor"}};
  }
  auto rows = database_.with_connection([&](SqliteConnection& connection) {
    return connection.query(
        "SELECT " + std::string(remittance_columns) +
            " FROM remittances WHERE user_id = ?1 AND status NOT IN ('pending', 'rejected') AND "
            "(?2 IS NULL OR (created_at_us, id) < (?2, ?3)) ORDER BY created_at_us DESC, id DESC "
            "LIMIT ?4",
        {std::string(user_id),
         after ? SqliteValue(after->created_at_us) : SqliteValue(std::monostate{}),
         after ? SqliteValue(after->id) : SqliteValue(std::monostate{}),
         static_cast<std::int64_t>(limit + 1)});
  });
  if (!rows) return Err{rows.error()};
  ports::RemittancePage page;
  for (std::size_t i = 0; i < rows->size() && i < limit; ++i) {
    page.items.push_back(remittance_from_row((*rows)[i]));
  }
  if (rows->size() > limit) page.next_cursor = remittance::format_cursor(page.items.back());
  return page;
}

Result<std::vector<Remittance>, PortError> SqliteTransferStore::list_unfinished(
    Timestamp changed_before, std::size_t limit) {
  auto rows = database_.with_connection([&](SqliteConnection& connection) {
    return connection.query("SELECT " + std::string(remittance_columns) +
                                " FROM remittances WHERE status IN ('pending', 'processing', "
                                "'failed') AND updated_at_us < ?1 ORDER BY updated_at_us LIMIT ?2",
                            {changed_before.unix_us, static_cast<std::int64_t>(limit)});
  });
  if (!rows) return Err{rows.error()};
  std::vector<Remittance> items;
  for (const auto& row : *rows) items.push_back(remittance_from_row(row));
  return items;
}

Result<bool, PortError> SqliteTransferStore::transition(std::string_view id,
                                                        remittance::Status from,
                                                        remittance::Status to,
                                                        std::string_view detail, Timestamp now) {
  return database_.write_transaction<bool>(
      [&](SqliteConnection& connection) -> Result<bool, PortError> {
        auto updated = connection.query(
            "UPDATE remittances SET status = ?3, updated_at_us = ?4 WHERE id = ?1 AND status = ?2",
            {std::string(id), std::string(remittance::to_string(from)),
             std::string(remittance::to_string(to)), now.unix_us});
        if (!updated) return Err{updated.error()};
        if (connection.changes() != 1) return false;
        auto event = connection.query(
            "INSERT INTO remittance_events (remittance_id, status, detail, at_us) VALUES (?1, ?2, "
            "?3, ?4)",
            {std::string(id), std::string(remittance::to_string(to)), std::string(detail),
             now.unix_us});
        if (!event) return Err{event.error()};
        return true;
      });
}

Result<std::vector<remittance::Event>, PortError> SqliteTransferStore::events(std::string_view id) {
  auto rows = database_.with_connection([&](SqliteConnection& connection) {
    return connection.query(
        "SELECT status, detail, at_us FROM remittance_events WHERE remittance_id = ?1 ORDER BY id",
        {std::string(id)});
  });
  if (!rows) return Err{rows.error()};
  std::vector<remittance::Event> events;
  for (const auto& row : *rows) {
    events.push_back(
        {remittance::parse_status(row.text(0)).value_or(remittance::Status::processing),
         row.text(1), Timestamp{row.int64(2)}});
  }
  return events;
}

// --- QR payment requests -----------------------------------------------------------------------

Result<void, PortError> SqliteQrRequestStore::insert(const ports::QrRequest& r) {
  return database_.with_connection([&](SqliteConnection& connection) -> Result<void, PortError> {
    auto inserted = connection.query(
        "INSERT INTO qr_requests (id, payee_user_id, amount, currency, reference, payload, "
        "created_at_us, expires_at_us) VALUES (?1, ?2, ?3, 'NOK', ?4, ?5, ?6, ?7)",
        {r.id, r.payee_user_id,
         r.amount ? SqliteValue(r.amount->amount_minor()) : SqliteValue(std::monostate{}),
         r.reference, r.payload, r.created_at.unix_us,
         r.expires_at ? SqliteValue(r.expires_at->unix_us) : SqliteValue(std::monostate{})});
    if (!inserted) return Err{inserted.error()};
    return {};
  });
}

Result<std::optional<ports::QrRequest>, PortError> SqliteQrRequestStore::find(std::string_view id) {
  auto rows = database_.with_connection([&](SqliteConnection& connection) {
    return connection.query(
        "SELECT id, payee_user_id, amount, reference, payload, created_at_us, expires_at_us FROM "
        "qr_requests WHERE id = ?1",
        {std::string(id)});
  });
  if (!rows) return Err{rows.error()};
  if (rows->empty()) return std::optional<ports::QrRequest>();
  const SqliteRow& row = rows->front();
  ports::QrRequest request{row.text(0), row.text(1), std::nullopt,
                           row.text(3), row.text(4), Timestamp{row.int64(5)},
                           std::nullopt};
  if (!row.is_null(2)) request.amount = Money(row.int64(2), remittance::zero_nok().currency());
  if (!row.is_null(6)) request.expires_at = Timestamp{row.int64(6)};
  return std::optional<ports::QrRequest>(std::move(request));
}

}  // namespace drop::adapters::sqlite
