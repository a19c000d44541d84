// SqliteSignInStateStore against the SignInStateStore contract, each section on a fresh
// migrated database file (so migration 4 is exercised too).
#include "drop/adapters/sqlite/sqlite_sign_in_state_store.hpp"

#include <catch2/catch.hpp>
#include <memory>

#include "contract/sign_in_state_store_contract.hpp"
#include "support/sqlite.hpp"

namespace {

struct OwningStore final : drop::ports::SignInStateStore {
  drop_test::ScratchSqlite scratch;
  drop::adapters::sqlite::SqliteSignInStateStore store{scratch.database()};
  drop::Result<void, drop::ports::PortError> put(const drop::ports::PendingSignIn& p) override {
    return store.put(p);
  }
  drop::Result<std::optional<drop::ports::PendingSignIn>, drop::ports::PortError> take(
      std::string_view state) override {
    return store.take(state);
  }
  drop::Result<std::size_t, drop::ports::PortError> purge_expired(drop::Timestamp now) override {
    return store.purge_expired(now);
  }
};

}  // namespace

TEST_CASE("sqlite sign-in state store: contract") {
  drop_test::run_sign_in_state_store_contract([] { return std::make_unique<OwningStore>(); });
}
