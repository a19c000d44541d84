// The in-memory QuoteStore and TransferStore against their contracts
// (tests/contract/money_stores_contract.hpp).
#include <catch2/catch.hpp>

#include "contract/money_stores_contract.hpp"
#include "drop/adapters/memory/memory_qr_request_store.hpp"
#include "drop/adapters/memory/memory_quote_store.hpp"
#include "drop/adapters/memory/memory_stores.hpp"
#include "drop/adapters/memory/memory_transfer_store.hpp"

using namespace drop::adapters::memory;

namespace {
struct Stores {
  std::unique_ptr<drop::ports::UserStore> users = std::make_unique<MemoryUserStore>();
  std::unique_ptr<drop::ports::QuoteStore> quotes = std::make_unique<MemoryQuoteStore>();
  std::unique_ptr<drop::ports::TransferStore> transfers = std::make_unique<MemoryTransferStore>();
  std::unique_ptr<drop::ports::QrRequestStore> qr_requests =
      std::make_unique<MemoryQrRequestStore>();
};
}  // namespace

TEST_CASE("memory quote store: contract") {
  drop_test::run_quote_store_contract([] { return std::make_unique<Stores>(); });
}

TEST_CASE("memory transfer store: contract") {
  drop_test::run_transfer_store_contract([] { return std::make_unique<Stores>(); });
}

TEST_CASE("memory qr request store: contract") {
  drop_test::run_qr_request_store_contract([] { return std::make_unique<Stores>(); });
}
