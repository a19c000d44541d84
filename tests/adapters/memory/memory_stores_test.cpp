// The in-memory UserStore, IdempotencyStore and RevokedTokenStore against their contracts.
#include "drop/adapters/memory/memory_stores.hpp"

#include <catch2/catch.hpp>

#include "contract/stores_contract.hpp"

using namespace drop::adapters::memory;

TEST_CASE("memory user store: contract") {
  drop_test::run_user_store_contract([] { return std::make_unique<MemoryUserStore>(); });
}

TEST_CASE("memory idempotency store: contract") {
  drop_test::run_idempotency_store_contract(
      [] { return std::make_unique<MemoryIdempotencyStore>(); });
}

TEST_CASE("memory revoked token store: contract") {
  drop_test::run_revoked_token_store_contract(
      [] { return std::make_unique<MemoryRevokedTokenStore>(); });
}
