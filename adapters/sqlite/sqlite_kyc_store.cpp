#include "drop/adapters/sqlite/sqlite_kyc_store.hpp"

namespace drop::adapters::sqlite {

using ports::PortError;

namespace {

SqliteValue optional_text(const std::string& text) {
  if (text.empty()) return std::monostate{};
  return text;
}

}  // namespace

Result<std::optional<std::string>, PortError> SqliteKycStore::applicant_of(
    std::string_view user_id) {
  auto rows = database_.with_connection([&](SqliteConnection& connection) {
    return connection.query("SELECT applicant_id FROM kyc_applicants WHERE user_id = ?1",
                            {std::string(user_id)});
  });
  if (!rows) return Err{rows.error()};
  if (rows->empty()) return std::optional<std::string>();
  return std::optional<std::string>(rows->front().text(0));
}

Result<std::string, PortError> SqliteKycStore::save_applicant(std::string_view user_id,
                                                              std::string_view applicant_id,
                                                              Timestamp now) {
  return database_.write_transaction<std::string>(
      [&](SqliteConnection& connection) -> Result<std::string, PortError> {
        auto inserted = connection.query(
            "INSERT INTO kyc_applicants (user_id, applicant_id, created_at_us) "
            "VALUES (?1, ?2, ?3) ON CONFLICT (user_id) DO NOTHING",
            {std::string(user_id), std::string(applicant_id), now.unix_us});
        if (!inserted) return Err{inserted.error()};
        auto rows = connection.query("SELECT applicant_id FROM kyc_applicants WHERE user_id = ?1",
                                     {std::string(user_id)});
        if (!rows) return Err{rows.error()};
        if (rows->empty()) return Err{PortError{PortError::Kind::corrupt, "applicant not stored"}};
        return rows->front().text(0);
      });
}

Result<bool, PortError> SqliteKycStore::record_event(const ports::KycEventRecord& event) {
  return database_.write_transaction<bool>(
      [&](SqliteConnection& connection) -> Result<bool, PortError> {
        auto inserted = connection.query(
            "INSERT INTO kyc_events (id, user_id, event_type, review_answer, reject_type, "
            "created_at_ms, received_at_us) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) "
            "ON CONFLICT (id) DO NOTHING",
            {event.id, optional_text(event.user_id), event.event_type,
             optional_text(event.review_answer), optional_text(event.reject_type),
             event.created_at_ms, event.received_at.unix_us});
        if (!inserted) return Err{inserted.error()};
        auto rows =
            connection.query("SELECT processed_at_us FROM kyc_events WHERE id = ?1", {event.id});
        if (!rows) return Err{rows.error()};
        if (rows->empty()) return Err{PortError{PortError::Kind::corrupt, "event not stored"}};
        return rows->front().is_null(0);
      });
}

Result<void, PortError> SqliteKycStore::mark_processed(std::string_view event_id, Timestamp now) {
  auto updated = database_.with_connection([&](SqliteConnection& connection) {
    return connection.query(
        "UPDATE kyc_events SET processed_at_us = ?2 WHERE id = ?1 AND processed_at_us IS NULL",
        {std::string(event_id), now.unix_us});
  });
  if (!updated) return Err{updated.error()};
  return {};
}

}  // namespace drop::adapters::sqlite
