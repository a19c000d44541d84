// PostgreSQL KycStore (tables `kyc_applicants` of migration 0003 and `kyc_events` of 0001).
// Writes are INSERT ... ON CONFLICT DO NOTHING followed by a read of the stored row, so two
// instances racing on one user or one event agree on what was stored. Thread-safe (pooled).
#pragma once

#include "drop/adapters/postgres/pg_pool.hpp"
#include "drop/ports/kyc_store.hpp"

namespace drop::adapters::postgres {

class PgKycStore final : public ports::KycStore {
 public:
  explicit PgKycStore(PgPool& pool) : pool_(pool) {}
  Result<std::optional<std::string>, ports::PortError> applicant_of(
      std::string_view user_id) override;
  Result<std::string, ports::PortError> save_applicant(std::string_view user_id,
                                                       std::string_view applicant_id,
                                                       Timestamp now) override;
  Result<bool, ports::PortError> record_event(const ports::KycEventRecord& event) override;
  Result<void, ports::PortError> mark_processed(std::string_view event_id, Timestamp now) override;

 private:
  PgPool& pool_;
};

}  // namespace drop::adapters::postgres
