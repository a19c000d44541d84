// PostgreSQL QuoteStore, TransferStore and QrRequestStore (tables `quotes`, `remittances`,
// `remittance_events`, `qr_requests` of migration 0001). mark_used is one conditional UPDATE ...
// RETURNING (at most once across instances); insert and transition write the remittance and its
// event in one statement (a data-modifying CTE). Thread-safe (pooled connections).
#pragma once

#include "drop/adapters/postgres/pg_pool.hpp"
#include "drop/ports/qr_request_store.hpp"
#include "drop/ports/quote_store.hpp"
#include "drop/ports/transfer_store.hpp"

namespace drop::adapters::postgres {

class PgQuoteStore final : public ports::QuoteStore {
 public:
  explicit PgQuoteStore(PgPool& pool) : pool_(pool) {}
  Result<void, ports::PortError> insert(const fx::Quote& quote) override;
  Result<fx::Quote, ports::QuoteStoreError> find(std::string_view id) const override;
  Result<fx::Quote, ports::QuoteStoreError> mark_used(std::string_view id, Timestamp now) override;
  Result<bool, ports::PortError> release(std::string_view id, Timestamp used_at) override;

 private:
  PgPool& pool_;
};

class PgTransferStore final : public ports::TransferStore {
 public:
  explicit PgTransferStore(PgPool& pool) : pool_(pool) {}
  Result<void, ports::PortError> insert(const remittance::Remittance& remittance) override;
  Result<std::optional<remittance::Remittance>, ports::PortError> find(
      std::string_view id) override;
  Result<ports::RemittancePage, ports::PortError> list_by_user(
      std::string_view user_id, std::size_t limit, std::optional<std::string_view> cursor) override;
  Result<std::vector<remittance::Remittance>, ports::PortError> list_unfinished(
      Timestamp changed_before, std::size_t limit) override;
  Result<bool, ports::PortError> transition(std::string_view id, remittance::Status from,
                                            remittance::Status to, std::string_view detail,
                                            Timestamp now) override;
  Result<std::vector<remittance::Event>, ports::PortError> events(std::string_view id) override;

 private:
  PgPool& pool_;
};

class PgQrRequestStore final : public ports::QrRequestStore {
 public:
  explicit PgQrRequestStore(PgPool& pool) : pool_(pool) {}
  Result<void, ports::PortError> insert(const ports::QrRequest& request) override;
  Result<std::optional<ports::QrRequest>, ports::PortError> find(std::string_view id) override;

 private:
  PgPool& pool_;
};

}  // namespace drop::adapters::postgres
