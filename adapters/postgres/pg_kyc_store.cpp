#include "drop/adapters/postgres/pg_kyc_store.hpp"

#include <string>

namespace drop::adapters::postgres {

using ports::PortError;

namespace {

std::optional<std::string> optional_text(const std::string& text) {
  if (text.empty()) return std::nullopt;
  return text;
}

}  // namespace

Result<std::optional<std::string>, PortError> PgKycStore::applicant_of(std::string_view user_id) {
  auto rows = pool_.exec("SELECT applicant_id FROM kyc_applicants WHERE user_id = $1",
                         {std::string(user_id)});
  if (!rows) return Err{rows.error()};
  if (rows->rows() == 0) return std::optional<std::string>();
  return std::optional<std::string>(std::string(rows->text(0, 0)));
}

Result<std::string, PortError> PgKycStore::save_applicant(std::string_view user_id,
                                                          std::string_view applicant_id,
                                                          Timestamp now) {
  auto inserted = pool_.exec(
      "INSERT INTO kyc_applicants (user_id, applicant_id, created_at_us) "
      "VALUES ($1, $2, $3) ON CONFLICT (user_id) DO NOTHING",
      {std::string(user_id), std::string(applicant_id), std::to_string(now.unix_us)});
  if (!inserted) return Err{inserted.error()};
  auto stored = applicant_of(user_id);
  if (!stored) return Err{stored.error()};
  if (!*stored) return Err{PortError{PortError::Kind::corrupt, "applicant not stored"}};
  return std::move(**stored);
}

Result<bool, PortError> PgKycStore::record_event(const ports::KycEventRecord& event) {
  auto inserted = pool_.exec(
      "INSERT INTO kyc_events (id, user_id, event_type, review_answer, "
      "reject_type, created_at_ms, received_at_us) VALUES ($1, $2, $3, $4, $5, "
      "$6, $7) ON CONFLICT (id) DO NOTHING",
      {event.id, optional_text(event.user_id), event.event_type, optional_text(event.review_answer),
       optional_text(event.reject_type), std::to_string(event.created_at_ms),
       std::to_string(event.received_at.unix_us)});
  if (!inserted) return Err{inserted.error()};
  auto rows =
      pool_.exec("SELECT processed_at_us IS NULL FROM kyc_events WHERE id = $1", {event.id});
  if (!rows) return Err{rows.error()};
  if (rows->rows() == 0) return Err{PortError{PortError::Kind::corrupt, "event not stored"}};
  return rows->boolean(0, 0);
}

Result<void, PortError> PgKycStore::mark_processed(std::string_view event_id, Timestamp now) {
  auto updated = pool_.exec(
      "UPDATE kyc_events SET processed_at_us = $2 WHERE id = $1 AND "
      "processed_at_us IS NULL",
      {std::string(event_id), std::to_string(now.unix_us)});
  if (!updated) return Err{updated.error()};
  return {};
}

}  // namespace drop::adapters::postgres
