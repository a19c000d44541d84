// The money use cases (app/usecases) on in-memory stores with a fake clock and seeded entropy:
// house accounts are idempotent, a wallet opens once, a deposit credits it, a remittance debits
// the wallet and moves the target through one linked chain, the sandbox rail pays out or (IBAN
// ending 0000) refunds in full through a new chain with failed -> refunded events, a quote pays
// once, KYC and funds are enforced, and the ledger verifies after every step.
#include <catch2/catch.hpp>
#include <chrono>
#include <functional>
#include <mutex>
#include <thread>
#include <utility>

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

// Fault injection around the real in-memory stores (the use case sees only the ports).
// `lose_reply`: the next create_transfers applies, then reports the store unavailable (a reply
// lost after commit). `fail_next`: the next one fails without applying. `before_next`: runs
// first (a concurrent payment that wins the last funds).
class FaultyLedgerStore final : public ports::LedgerStore {
 public:
  explicit FaultyLedgerStore(ports::LedgerStore& inner) : inner_(inner) {}
  bool lose_reply = false;
  bool fail_next = false;
  std::function<void()> before_next;

  Result<std::vector<ledger::CreateAccountResult>, ports::PortError> create_accounts(
      std::span<const ledger::Account> batch, Timestamp now) override {
    return inner_.create_accounts(batch, now);
  }
  Result<std::vector<ledger::CreateTransferResult>, ports::PortError> create_transfers(
      std::span<const ledger::Transfer> batch, Timestamp now) override {
    if (auto hook = std::exchange(before_next, nullptr)) hook();
    if (std::exchange(fail_next, false)) return Err{unavailable()};
    auto results = inner_.create_transfers(batch, now);
    if (std::exchange(lose_reply, false)) return Err{unavailable()};
    return results;
  }
  Result<std::vector<ledger::Account>, ports::PortError> lookup_accounts(
      std::span<const ledger::AccountId> ids) override {
    return inner_.lookup_accounts(ids);
  }
  Result<std::vector<ledger::TransferRecord>, ports::PortError> lookup_transfers(
      std::span<const ledger::TransferId> ids) override {
    return inner_.lookup_transfers(ids);
  }
  Result<ports::EntryPage, ports::PortError> account_entries(
      ledger::AccountId account_id, std::size_t limit,
      std::optional<std::uint64_t> before_entry_id) override {
    return inner_.account_entries(account_id, limit, before_entry_id);
  }
  Result<std::size_t, ports::PortError> expire_pending(Timestamp now) override {
    return inner_.expire_pending(now);
  }
  Result<ledger::LedgerSnapshot, ports::PortError> snapshot() override { return inner_.snapshot(); }

 private:
  static ports::PortError unavailable() {
    return {ports::PortError::Kind::unavailable, "injected: database went away"};
  }
  ports::LedgerStore& inner_;
};

// `fail_transition_to`: the next transition to that status fails (the process died there).
class FaultyTransferStore final : public ports::TransferStore {
 public:
  explicit FaultyTransferStore(ports::TransferStore& inner) : inner_(inner) {}
  std::optional<Status> fail_transition_to;

  Result<void, ports::PortError> insert(const remittance::Remittance& item) override {
    return inner_.insert(item);
  }
  Result<std::optional<remittance::Remittance>, ports::PortError> find(
      std::string_view id) override {
    return inner_.find(id);
  }
  Result<ports::RemittancePage, ports::PortError> list_by_user(
      std::string_view user_id, std::size_t limit,
      std::optional<std::string_view> cursor) override {
    return inner_.list_by_user(user_id, limit, cursor);
  }
  Result<std::vector<remittance::Remittance>, ports::PortError> list_unfinished(
      Timestamp changed_before, std::size_t limit) override {
    return inner_.list_unfinished(changed_before, limit);
  }
  Result<bool, ports::PortError> transition(std::string_view id, Status from, Status to,
                                            std::string_view detail, Timestamp now) override {
    if (fail_transition_to == to) {
      fail_transition_to.reset();
      return Err{ports::PortError{ports::PortError::Kind::unavailable, "injected"}};
    }
    return inner_.transition(id, from, to, detail, now);
  }
  Result<std::vector<remittance::Event>, ports::PortError> events(std::string_view id) override {
    return inner_.events(id);
  }

 private:
  ports::TransferStore& inner_;
};

struct World {
  FixedClock clock;
  SeededEntropy entropy;
  adapters::memory::MemoryLedgerStore ledger_store;
  FaultyLedgerStore faulty_ledger{ledger_store};
  adapters::memory::MemoryUserStore users;
  adapters::memory::MemoryQuoteStore quotes;
  adapters::memory::MemoryTransferStore transfers;
  FaultyTransferStore faulty_transfers{transfers};
  std::mutex alerts_mutex;
  std::vector<std::string> alerts;
  usecases::LedgerService ledger{faulty_ledger, users, entropy, clock};
  usecases::RemittanceService remittances{
      ledger, users, quotes, faulty_transfers, clock, 1'000'000, [this](const std::string& text) {
        std::lock_guard lock(alerts_mutex);
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
  REQUIRE(events->size() == 4);
  CHECK((*events)[0].status == Status::pending);
  CHECK((*events)[1].status == Status::processing);
  CHECK((*events)[2].status == Status::failed);
  CHECK((*events)[3].status == Status::refunded);
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

// --- crash and race recovery: nothing accepted is lost or applied twice ---------------------

namespace {

Status status_of(World& world, const std::string& id) {
  auto found = world.transfers.find(id);
  REQUIRE(found.ok());
  REQUIRE(found->has_value());
  return (*found)->status;
}

// The one remittance the store holds (whatever its status).
std::string only_remittance(World& world) {
  auto unfinished = world.transfers.list_unfinished(world.clock.now().plus_seconds(3600), 10);
  REQUIRE(unfinished.ok());
  REQUIRE(unfinished->size() == 1);
  return unfinished->front().id;
}

}  // namespace

TEST_CASE(
    "recovery: a ledger reply lost after commit leaves the remittance pending, "
    "process() finishes it and the wallet is debited once") {
  World world;
  const std::string ola = world.user("ola", users::KycStatus::approved);
  REQUIRE(world.ledger.deposit(ola, 10000, "cash").ok());
  world.faulty_ledger.lose_reply = true;
  auto sent = world.remittances.create(
      world.request(ola, world.quote(ola, 4000, 100), "DE89370400440532013000"));
  REQUIRE_FALSE(sent.ok());
  CHECK(sent.error().refusal == usecases::TransferRefusal::store);
  const std::string id = only_remittance(world);
  CHECK(status_of(world, id) == Status::pending);
  CHECK(world.balance(ola) == 6000);                                          // the chain did apply
  CHECK(world.transfers.list_by_user(ola, 10, std::nullopt)->items.empty());  // not shown yet
  CHECK(*world.remittances.process(id) == Status::completed);
  CHECK(world.balance(ola) == 6000);  // applied again by id: `exists`, not a second debit
  CHECK(world.transfers.list_by_user(ola, 10, std::nullopt)->items.size() == 1);
  CHECK(world.verified());
}

TEST_CASE(
    "recovery: a ledger that failed before applying: process() funds the remittance "
    "later, exactly once") {
  World world;
  const std::string ola = world.user("ola", users::KycStatus::approved);
  REQUIRE(world.ledger.deposit(ola, 10000, "cash").ok());
  world.faulty_ledger.fail_next = true;
  REQUIRE_FALSE(world.remittances
                    .create(world.request(ola, world.quote(ola, 4000, 0), "DE89370400440532013000"))
                    .ok());
  const std::string id = only_remittance(world);
  CHECK(world.balance(ola) == 10000);
  CHECK(*world.remittances.process(id) == Status::completed);
  CHECK(*world.remittances.process(id) == Status::completed);
  CHECK(world.balance(ola) == 6000);
  CHECK(world.verified());
}

TEST_CASE(
    "recovery: losing the race for the last funds rejects the remittance and frees "
    "the quote") {
  World world;
  const std::string ola = world.user("ola", users::KycStatus::approved);
  const std::string kari = world.user("kari", users::KycStatus::approved);
  REQUIRE(world.ledger.deposit(ola, 5000, "cash").ok());
  const std::string quote = world.quote(ola, 4000, 0);
  // Between the pre-check and the ledger, another payment takes 2,000 of the 5,000.
  world.faulty_ledger.before_next = [&] {
    auto source = world.ledger.wallet_of(ola);
    auto target = world.ledger.wallet_of(kari);
    REQUIRE(world.ledger
                .apply({ledger::Transfer{.id = 77,
                                         .debit_account_id = *source,
                                         .credit_account_id = *target,
                                         .amount_minor = 2000,
                                         .currency = *Currency::from_code("NOK"),
                                         .code = 7}})
                .ok());
  };
  const auto request = world.request(ola, quote, "DE89370400440532013000");
  auto lost = world.remittances.create(request);
  REQUIRE_FALSE(lost.ok());
  CHECK(lost.error().refusal == usecases::TransferRefusal::insufficient_funds);
  CHECK(world.balance(ola) == 3000);
  CHECK(world.quotes.find(quote)->status == fx::QuoteStatus::open);  // free for another try
  CHECK(world.transfers.list_by_user(ola, 10, std::nullopt)->items.empty());
  CHECK(world.transfers.list_unfinished(world.clock.now().plus_seconds(60), 10)->empty());
  // After a top-up the same quote pays.
  REQUIRE(world.ledger.deposit(ola, 1000, "cash").ok());
  auto paid = world.remittances.create(request);
  REQUIRE(paid.ok());
  CHECK(paid->status == Status::processing);
  CHECK(world.balance(ola) == 0);
  CHECK(world.verified());
}

TEST_CASE(
    "recovery: a status change lost after the money moved still answers success, and "
    "process() moves the remittance on") {
  World world;
  const std::string ola = world.user("ola", users::KycStatus::approved);
  REQUIRE(world.ledger.deposit(ola, 10000, "cash").ok());
  world.faulty_transfers.fail_transition_to = Status::processing;
  auto sent = world.remittances.create(
      world.request(ola, world.quote(ola, 4000, 0), "DE89370400440532013000"));
  REQUIRE(sent.ok());
  CHECK(sent->status == Status::processing);
  CHECK(status_of(world, sent->id) == Status::pending);
  CHECK(*world.remittances.process(sent->id) == Status::completed);
  CHECK(world.balance(ola) == 6000);
  CHECK(world.verified());
}

TEST_CASE(
    "recovery: a crash between failed and refunded: process() finishes the refund "
    "once") {
  World world;
  const std::string ola = world.user("ola", users::KycStatus::approved);
  REQUIRE(world.ledger.deposit(ola, 10000, "cash").ok());
  auto sent = world.remittances.create(
      world.request(ola, world.quote(ola, 4000, 250), "DE94370400440532010000"));
  REQUIRE(sent.ok());
  CHECK(world.balance(ola) == 6000);
  world.faulty_transfers.fail_transition_to = Status::refunded;
  auto first = world.remittances.process(sent->id);
  REQUIRE_FALSE(first.ok());
  CHECK(status_of(world, sent->id) == Status::failed);
  CHECK(world.balance(ola) == 10000);  // the refund chain applied before the status change
  CHECK(*world.remittances.process(sent->id) == Status::refunded);
  CHECK(world.balance(ola) == 10000);  // not refunded twice
  auto events = world.transfers.events(sent->id);
  REQUIRE(events->size() == 4);  // pending, processing, failed, refunded
  CHECK((*events)[3].status == Status::refunded);
  CHECK(world.verified());
}

TEST_CASE(
    "recovery: the payout worker's start-up recovery finishes pending, processing and "
    "failed remittances") {
  World world;
  const std::string ola = world.user("ola", users::KycStatus::approved);
  REQUIRE(world.ledger.deposit(ola, 30000, "cash").ok());
  world.faulty_ledger.lose_reply = true;  // one left pending
  REQUIRE_FALSE(world.remittances
                    .create(world.request(ola, world.quote(ola, 4000, 0), "DE89370400440532013000"))
                    .ok());
  world.clock.now_ = world.clock.now_.plus_seconds(1);
  // one left processing
  REQUIRE(world.remittances
              .create(world.request(ola, world.quote(ola, 5000, 0), "DE89370400440532013000"))
              .ok());
  world.clock.now_ = world.clock.now_.plus_seconds(1);
  // one left failed (refund not recorded)
  auto failing = world.remittances.create(
      world.request(ola, world.quote(ola, 6000, 0), "DE94370400440532010000"));
  REQUIRE(failing.ok());
  world.faulty_transfers.fail_transition_to = Status::refunded;
  REQUIRE_FALSE(world.remittances.process(failing->id).ok());
  world.clock.now_ = world.clock.now_.plus_seconds(1);

  usecases::PayoutWorker worker(world.remittances, 0, [](const std::string&) {});
  auto recovered = worker.recover();
  REQUIRE(recovered.ok());
  CHECK(*recovered == 3);
  // The worker runs on its own thread: wait (bounded) until nothing is unfinished.
  for (int i = 0; i < 1000; ++i) {
    if (world.transfers.list_unfinished(world.clock.now().plus_seconds(60), 10)->empty()) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  CHECK(world.transfers.list_unfinished(world.clock.now().plus_seconds(60), 10)->empty());
  auto listed = world.transfers.list_by_user(ola, 10, std::nullopt);
  REQUIRE(listed->items.size() == 3);
  CHECK(listed->items[0].status == Status::refunded);
  CHECK(listed->items[1].status == Status::completed);
  CHECK(listed->items[2].status == Status::completed);
  CHECK(world.balance(ola) == 30000 - 4000 - 5000);
  CHECK(world.verified());
}
