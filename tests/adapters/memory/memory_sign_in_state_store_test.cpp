// MemorySignInStateStore against the SignInStateStore contract (tests/contract/).
#include "drop/adapters/memory/memory_sign_in_state_store.hpp"

#include <catch2/catch.hpp>
#include <memory>

#include "contract/sign_in_state_store_contract.hpp"

TEST_CASE("memory sign-in state store: contract") {
  drop_test::run_sign_in_state_store_contract(
      [] { return std::make_unique<drop::adapters::memory::MemorySignInStateStore>(); });
}
