// RemittanceService: sending money abroad (API "transfers") and the sandbox payout rail.
//
// create(): the caller must be KYC approved; the quote must be theirs, NOK-funded, open and not
// expired (it is marked used first, atomically, so one quote pays at most once). A wallet whose
// available balance is below the amount is refused before the quote is touched. Then, in this
// order: the remittance is stored `pending` (the durable intent), its funding chain goes to the
// ledger as one linked chain, all or nothing (wallet -> fx_liquidity NOK (source - fee),
// wallet -> fees NOK (fee), fx_liquidity T -> payout_clearing T (target)), and the remittance
// moves to `processing`. When the ledger refuses the chain (a concurrent payment won the last
// funds) the remittance becomes `rejected` and the quote is released for another try. When the
// store fails half-way (outcome unknown) the remittance stays `pending` and process() finishes
// it: the chain's ids derive from the remittance id, so applying it again either finds it
// (`exists`) or is refused for good (the ledger records state-dependent refusals by id).
//
// process() moves one remittance on from wherever it stopped: pending -> (funded) processing or
// rejected; processing -> completed (payout_clearing T -> settlement T: the money left the
// house's bank account at T) or, for an IBAN ending "0000", failed -> refunded (a NEW linked
// chain reversing the three legs, the fee included; an operator alert). Every step is a
// compare-and-set on the status plus ledger transfers with derived ids, so a step repeated after
// a crash or by a second instance changes nothing.
//
// PayoutWorker runs process() on one thread, DROP_SANDBOX_PAYOUT_DELAY_MS after scheduling. At
// start-up and then every sweep interval it schedules every unfinished remittance (pending,
// processing, failed) that nobody has moved for a while, so nothing accepted is ever left
// half-done, even when the instance that accepted it crashed.
// Thread-safety: create() and process() may run concurrently; the worker owns one thread.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <set>
#include <string>
#include <thread>

#include "drop/ports/notifier.hpp"
#include "drop/ports/quote_store.hpp"
#include "drop/ports/transfer_store.hpp"
#include "usecases/ledger_service.hpp"

namespace drop::usecases {

enum class TransferRefusal : std::uint8_t {
  kyc_required = 1,
  not_found = 2,  // no such quote, or not the caller's
  quote_used = 3,
  quote_expired = 4,
  unsupported_currency = 5,  // the quote is not funded in NOK
  insufficient_funds = 6,
  store = 7,  // see message
};

struct TransferFailure {
  TransferRefusal refusal;
  std::string message;
};

struct TransferRequest {
  std::string user_id;
  std::string quote_id;
  remittance::Recipient recipient;  // validated by the caller (IBAN mod-97, name, country)
  std::string reference;
};

// `alert(text)`: an operator message for failures with no typed alert (logged). The typed
// alerts (large transfer at or above `alert_large_transfer_minor`, payout failed) go to
// `notifier` when one is given, else to `alert` as text.
using Alert = std::function<void(const std::string& text)>;

class RemittanceService {
 public:
  RemittanceService(LedgerService& ledger, ports::UserStore& users, ports::QuoteStore& quotes,
                    ports::TransferStore& transfers, const ports::Clock& clock,
                    std::int64_t alert_large_transfer_minor, Alert alert,
                    ports::Notifier* notifier = nullptr)
      : ledger_(ledger),
        users_(users),
        quotes_(quotes),
        transfers_(transfers),
        clock_(clock),
        alert_large_transfer_minor_(alert_large_transfer_minor),
        alert_(std::move(alert)),
        notifier_(notifier) {}

  Result<remittance::Remittance, TransferFailure> create(const TransferRequest& request);

  // The sandbox rail's step for one processing remittance: pays out or refunds. Returns the
  // new status (unchanged when the remittance is no longer processing).
  Result<remittance::Status, TransferFailure> process(const std::string& remittance_id);

  ports::TransferStore& transfers() { return transfers_; }
  const ports::Clock& clock() const { return clock_; }

 private:
  Result<void, TransferFailure> use_quote(const std::string& quote_id, Timestamp now);
  Result<void, TransferFailure> fund(const remittance::Remittance& item, ledger::AccountId wallet);
  Result<void, TransferFailure> apply_refund(const remittance::Remittance& item);
  Result<remittance::Status, TransferFailure> refund(const remittance::Remittance& item);

  LedgerService& ledger_;
  ports::UserStore& users_;
  ports::QuoteStore& quotes_;
  ports::TransferStore& transfers_;
  const ports::Clock& clock_;
  std::int64_t alert_large_transfer_minor_;
  Alert alert_;
  ports::Notifier* notifier_;
};

// Runs RemittanceService::process for each scheduled remittance after a delay, on one thread.
class PayoutWorker {
 public:
  PayoutWorker(RemittanceService& service, std::int64_t delay_ms, Alert log_error);
  ~PayoutWorker();  // stops; unprocessed remittances stay processing (picked up next start)
  PayoutWorker(const PayoutWorker&) = delete;
  PayoutWorker& operator=(const PayoutWorker&) = delete;

  // How long a remittance must have been left unchanged before a periodic sweep finishes it
  // (longer than any request takes, so the sweep rarely races the instance that is working on
  // it; a race is harmless anyway).
  static constexpr std::int64_t sweep_unchanged_for_us = 60'000'000;

  // Schedules every unfinished remittance unchanged for `unchanged_for_us` (0 at start-up: all).
  // Returns how many.
  Result<std::size_t, ports::PortError> recover(std::int64_t unchanged_for_us = 0);
  void schedule(const std::string& remittance_id);

 private:
  void run();
  RemittanceService& service_;
  const std::int64_t delay_ms_;
  Alert log_error_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::pair<std::chrono::steady_clock::time_point, std::string>> queue_;
  std::set<std::string> queued_;  // the ids in queue_ (each waits once)
  const std::chrono::seconds sweep_interval_{30};
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace drop::usecases
