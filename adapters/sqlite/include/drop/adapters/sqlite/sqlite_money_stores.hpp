// SQLite QuoteStore, TransferStore and QrRequestStore (tables `quotes`, `remittances`,
// `remittance_events`, `qr_requests` of migration 0001). mark_used and transition are single
// conditional UPDATEs (at most once); insert of a remittance writes its first event in the same
// transaction. Thread-safe (the database serializes access).
#pragma once

#include "drop/adapters/sqlite/sqlite_database.hpp"
#include "drop/ports/qr_request_store.hpp"
#include "drop/ports/quote_store.hpp"
#include "drop/ports/transfer_store.hpp"

namespace drop::adapters::sqlite {

class SqliteQuoteStore final : public ports::QuoteStore {
 public:
  explicit SqliteQuoteStore(SqliteDatabase& database) : database_(database) {}
  // Fails (invalid) when the id exists or the owner is not a user.
  Result<void, ports::PortError> insert(const fx::Quote& quote) override;
  Result<fx::Quote, ports::QuoteStoreError> find(std::string_view id) const override;
  Result<fx::Quote, ports::QuoteStoreError> mark_used(std::string_view id, Timestamp now) override;
  Result<bool, ports::PortError> release(std::string_view id, Timestamp used_at) override;

 private:
  SqliteDatabase& database_;
};

class SqliteTransferStore final : public ports::TransferStore {
 public:
  explicit SqliteTransferStore(SqliteDatabase& database) : database_(database) {}
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
  SqliteDatabase& database_;
};

class SqliteQrRequestStore final : public ports::QrRequestStore {
 public:
  explicit SqliteQrRequestStore(SqliteDatabase& database) : database_(database) {}
  Result<void, ports::PortError> insert(const ports::QrRequest& request) override;
  Result<std::optional<ports::QrRequest>, ports::PortError> find(std::string_view id) override;

 private:
  SqliteDatabase& database_;
};

}  // namespace drop::adapters::sqlite
