// LedgerService: the app's money use cases on the LedgerStore port: the house accounts, a
// user's NOK wallet (opened on first need), admin deposits, and the API's account views.
// Every money movement is a ledger transfer; balances are never written.
//
// Ids. House accounts have fixed ids: kind * 1000 + the currency's ISO 4217 numeric code
// (settlement NOK = 5578, fees NOK = 4578, fx_liquidity EUR = 3978, payout_clearing EUR = 6978),
// created idempotently at start-up. Wallets and transfers get random ids in [2^32, 2^63 - 1]
// (never colliding with house ids). The API renders them "acc_<decimal>" and "txn_<decimal>".
// Transfer codes: see TransferCode.
// Thread-safety: every method may be called concurrently (the ports are thread-safe).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "drop/ledger/account.hpp"
#include "drop/ledger/results.hpp"
#include "drop/ports/clock.hpp"
#include "drop/ports/ledger_store.hpp"
#include "drop/ports/user_store.hpp"
#include "drop/result.hpp"

namespace drop::usecases {

// What a ledger transfer is for (Transfer::code).
enum class TransferCode : std::uint16_t {
  deposit = 1,     // settlement NOK -> wallet
  fx_source = 2,   // wallet -> fx_liquidity NOK (a remittance's source leg)
  fee = 3,         // wallet -> fees NOK
  fx_target = 4,   // fx_liquidity <T> -> payout_clearing <T>
  payout = 5,      // payout_clearing <T> -> settlement <T> (the rail paid out)
  refund = 6,      // a failed payout returned
  qr_payment = 7,  // payer wallet -> payee wallet
};
std::string_view to_string(std::uint16_t code);

ledger::AccountId house_account_id(ledger::AccountKind kind, Currency currency);

// "acc_123" <-> 123; nullopt when the text is not that shape or the id is out of range.
std::string account_api_id(ledger::AccountId id);
std::optional<ledger::AccountId> parse_account_api_id(std::string_view text);
std::string transfer_api_id(ledger::TransferId id);

// Why a money use case did not happen (the HTTP layer maps these to problem codes).
enum class MoneyError : std::uint8_t {
  not_found = 1,           // no such user / account (or not the caller's)
  insufficient_funds = 2,  // the wallet cannot cover it
  invalid = 3,             // a ledger rejection that means bad input (currency, amount)
  store = 4,               // the store failed: see the PortError logged by the caller
};

struct MoneyFailure {
  MoneyError error;
  std::string message;  // for logs / problem detail; no secrets
};

class LedgerService {
 public:
  // REQUIRES: every pointer outlives the service.
  LedgerService(ports::LedgerStore& ledger, ports::UserStore& users, ports::Entropy& entropy,
                const ports::Clock& clock)
      : ledger_(ledger), users_(users), entropy_(entropy), clock_(clock) {}

  // Creates (idempotently) settlement + fees NOK, and fx_liquidity, payout_clearing and
  // settlement for each currency. Safe to run at every start-up and on many instances.
  Result<void, MoneyFailure> ensure_house_accounts(const std::vector<Currency>& currencies);

  // The user's NOK wallet id, opening it (and recording it on the user) on first need.
  Result<ledger::AccountId, MoneyFailure> wallet_of(std::string_view user_id);

  // The user's accounts (the wallet), with balances.
  Result<std::vector<ledger::Account>, MoneyFailure> accounts_of(std::string_view user_id);

  // settlement NOK -> the user's wallet. Returns the transfer id.
  Result<ledger::TransferId, MoneyFailure> deposit(std::string_view user_id,
                                                   std::int64_t amount_minor,
                                                   std::string_view reference);

  // Applies `chain` (one linked chain, or one transfer) and maps its outcome: all ok (or an
  // identical retry) -> ok; exceeds_credits anywhere -> insufficient_funds; else invalid.
  Result<void, MoneyFailure> apply(std::vector<ledger::Transfer> chain);

  // A fresh random id in [2^32, 2^63 - 1].
  std::uint64_t random_id();

  ports::LedgerStore& store() { return ledger_; }

 private:
  ports::LedgerStore& ledger_;
  ports::UserStore& users_;
  ports::Entropy& entropy_;
  const ports::Clock& clock_;
};

}  // namespace drop::usecases
