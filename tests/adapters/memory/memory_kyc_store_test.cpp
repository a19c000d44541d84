// The in-memory KycStore against its contract (tests/contract/kyc_store_contract.hpp).
#include "drop/adapters/memory/memory_kyc_store.hpp"

#include <catch2/catch.hpp>

#include "contract/kyc_store_contract.hpp"
#include "drop/adapters/memory/memory_stores.hpp"

namespace {
struct Stores {
  std::unique_ptr<drop::ports::UserStore> users =
      std::make_unique<drop::adapters::memory::MemoryUserStore>();
  std::unique_ptr<drop::ports::KycStore> kyc =
      std::make_unique<drop::adapters::memory::MemoryKycStore>();
};
}  // namespace

TEST_CASE("memory kyc store: contract") {
  drop_test::run_kyc_store_contract([] { return std::make_unique<Stores>(); });
}
