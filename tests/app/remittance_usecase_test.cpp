// The money use cases (app/usecases) on in-memory stores with a fake clock and seeded entropy:
// house accounts are idempotent, a wallet opens once, a deposit credits it, a remittance debits
// the wallet and moves the target through one linked chain, the sandbox rail pays out or (IBAN
// ending 0000) refunds in full through a new chain with failed -> refunded events, a quote pays
// once, KYC and funds are enforced, and the ledger verifies after every step.
#include <catch2/catch.hpp>

#include "contract/stores_contract.hpp"
#include "drop/adapters/memory/memory_ledger_store.hpp"
#include "drop/adapters/memory/memory_quote_store.hpp"
#include "drop/adapters/memory/memory_stores.hpp"
#include "drop/adapters/memory/memory_transfer_store.hpp"
#include "drop/fx/quote.hpp"
#include "usecases/remittance_service.hpp"

using namespace drop;
using drop::remittance::Status;

namespace {

class FixedClock final : public ports::Clock {
 public:
  Timestamp now() const override { return now_; }
  Timestamp now_ = Timestamp::from_unix_seconds(1'795'780'800);
};

class SeededEntropy final : public ports::Entropy {
 public:
  void fill(std::span<std::byte> bytes) override {
    for (std::byte& byte : bytes) {
      state_ = state_ * 6364136223846793005ULL + 1442695040888963407ULL;
      byte = static_cast<std::byte>(state_ >> 56);
    }
  }

 private:
  std::uint64_t state_ = 42;
};

struct World {
  FixedClock clock;
  SeededEntropy entropy;
  adapters::memory::MemoryLedgerStore ledger_store;
  adapters::memory::MemoryUserStore users;
  adapters::memory::MemoryQuoteStore quotes;
  adapters::memory::MemoryTransferStore transfers;
  std::vector<std::string> alerts;
  usecases::LedgerService ledger{ledger_store, users, entropy, clock};
  usecases::RemittanceService remittances{
      ledger, users, quotes, transfers, clock, 1'000'000, [this](const std::string& text) {
        alerts.push_back(text);
      }};
  fx::RateTable table{*Currency::from_code("EUR"), fx::Quoting::units_per_base, Date{2026, 11, 27},
                      "ECB"};

  World() {
    REQUIRE(table.add(*Currency::from_code("NOK"), fx::Decimal{117360, 4}).ok());
    REQUIRE(ledger.ensure_house_accounts({*Currency::from_code("NOK"), *Currency::from_code("EUR")})
                .ok());
  }
  std::string user(const std::string& name, users::KycStatus kyc) {
    auto created = users.find_or_create(drop_test::make_user("usr_" + name, "dev:" + name, name));
    REQUIRE(created.ok());
    REQUIRE(users.set_kyc_status(created->id, kyc, 1, clock.now()).ok());
    return created->id;
  }
  std::string quote(const std::string& owner, std::int64_t source_minor, std::int64_t fee_minor) {
    fx::PricingPolicy policy;
    policy.fee_fixed_minor = fee_minor;
    static int counter = 0;
    auto made = fx::make_quote(table,
                               {*Currency::from_code("NOK"), *Currency::from_code("EUR"),
                                fx::QuoteMode::send, source_minor},
                               policy, clock.now(), 60, "quo_" + std::to_string(counter++));
    REQUIRE(made.ok());
    made->owner_id = owner;
    REQUIRE(quotes.insert(*made).ok());
    return made->id;
  }
  std::int64_t balance(const std::string& user_id) {
    auto accounts = ledger.accounts_of(user_id);
    REQUIRE(accounts.ok());
    return accounts->front().posted_net();
  }
  bool verified() { return ports::verify_store(ledger_store)->ok(); }
  usecases::TransferRequest request(const std::string& user_id, const std::string& quote_id,
                                    const std::string& iban) {
    return {user_id, quote_id, {"Hans Muster", iban, "", "DE"}, "rent"};
  }
};

}  // namespace

TEST_CASE("use cases: house accounts are idempotent and a wallet opens once") {
  World world;
  REQUIRE(world.ledger.ensure_house_accounts({*Currency::from_code("NOK")}).ok());
  const std::string ola = world.user("ola", users::KycStatus::approved);
  auto first = world.ledger.wallet_of(ola);
  auto second = world.ledger.wallet_of(ola);
  REQUIRE(first.ok());
  CHECK(*first == *second);
  CHECK((*world.users.find_by_id(ola))->wallet_account_id == *first);
  CHECK_FALSE(world.ledger.wallet_of("usr_nobody").ok());
  REQUIRE(world.ledger.deposit(ola, 12345, "cash").ok());
  CHECK(world.balance(ola) == 12345);
  CHECK(world.verified());
}

TEST_CASE("use cases: a remittance is paid out and another refunded in full") {
  World world;
  const std::string ola = world.user("ola", users::KycStatus::approved);
  REQUIRE(world.ledger.deposit(ola, 100000, "cash").ok());
  auto sent = world.remittances.create(
      world.request(ola, world.quote(ola, 50000, 500), "DE89370400440532013000"));
  REQUIRE(sent.ok());
  CHECK(sent->status == Status::processing);
  CHECK(world.balance(ola) == 50000);
  CHECK(world.verified());
  CHECK(*world.remittances.process(sent->id) == Status::completed);
  CHECK(*world.remittances.process(sent->id) == Status::completed);  // repeated: no change
  CHECK(world.balance(ola) == 50000);

  auto failing = world.remittances.create(
      world.request(ola, world.quote(ola, 20000, 500), "DE94370400440532010000"));
  REQUIRE(failing.ok());
  CHECK(world.balance(ola) == 30000);
  CHECK(*world.remittances.process(failing->id) == Status::refunded);
  CHECK(world.balance(ola) == 50000);  // the fee too
  auto events = world.transfers.events(failing->id);
  REQUIRE(events->size() == 3);
  CHECK((*events)[1].status == Status::failed);
  CHECK((*events)[2].status == Status::refunded);
  CHECK(world.alerts.size() == 1);
  CHECK(world.verified());
  // Every house account nets to zero in NOK except fees and fx liquidity of the paid remittance.
  const Currency nok = *Currency::from_code("NOK");
  const ledger::AccountId fees = usecases::house_account_id(ledger::AccountKind::fees, nok);
  CHECK(world.ledger_store.lookup_accounts(std::span(&fees, 1))->front().posted_net() == 500);
}

TEST_CASE("use cases: KYC and ownership and single use and expiry and funds") {
  World world;
  const std::string ola = world.user("ola", users::KycStatus::approved);
  const std::string kari = world.user("kari", users::KycStatus::pending);
  REQUIRE(world.ledger.deposit(ola, 10000, "cash").ok());
  const auto refusal = [&](const usecases::TransferRequest& request) {
    auto result = world.remittances.create(request);
    REQUIRE_FALSE(result.ok());
    return result.error().refusal;
  };
  const std::string iban = "DE89370400440532013000";
  CHECK(refusal(world.request(kari, world.quote(kari, 1000, 0), iban)) ==
        usecases::TransferRefusal::kyc_required);
  CHECK(refusal(world.request(ola, world.quote(kari, 1000, 0), iban)) ==
        usecases::TransferRefusal::not_found);
  const std::string too_big = world.quote(ola, 20000, 0);
  CHECK(refusal(world.request(ola, too_big, iban)) ==
        usecases::TransferRefusal::insufficient_funds);
  CHECK(world.quotes.find(too_big)->status == fx::QuoteStatus::open);  // not used up
  const std::string once = world.quote(ola, 1000, 0);
  REQUIRE(world.remittances.create(world.request(ola, once, iban)).ok());
  CHECK(refusal(world.request(ola, once, iban)) == usecases::TransferRefusal::quote_used);
  const std::string late = world.quote(ola, 1000, 0);
  world.clock.now_ = world.clock.now_.plus_seconds(61);
  CHECK(refusal(world.request(ola, late, iban)) == usecases::TransferRefusal::quote_expired);
  CHECK(world.balance(ola) == 9000);
  CHECK(world.verified());
}
