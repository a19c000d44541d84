// SQLite KycStore (tables `kyc_applicants` of migration 0003 and `kyc_events` of 0001). Each
// method is one statement (INSERT ... ON CONFLICT DO NOTHING, then a read), so races resolve in
// the database. Thread-safe (the database serializes access).
#pragma once

#include "drop/adapters/sqlite/sqlite_database.hpp"
#include "drop/ports/kyc_store.hpp"

namespace drop::adapters::sqlite {

class SqliteKycStore final : public ports::KycStore {
 public:
  explicit SqliteKycStore(SqliteDatabase& database) : database_(database) {}
  Result<std::optional<std::string>, ports::PortError> applicant_of(
      std::string_view user_id) override;
  Result<std::string, ports::PortError> save_applicant(std::string_view user_id,
                                                       std::string_view applicant_id,
                                                       Timestamp now) override;
  Result<bool, ports::PortError> record_event(const ports::KycEventRecord& event) override;
  Result<void, ports::PortError> mark_processed(std::string_view event_id, Timestamp now) override;

 private:
  SqliteDatabase& database_;
};

}  // namespace drop::adapters::sqlite
