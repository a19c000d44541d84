#include "usecases/remittance_service.hpp"

#include <algorithm>
#include <chrono>

#include "drop/ledger/transfer.hpp"
#include "drop/limits.hpp"

namespace drop::usecases {

namespace {

using remittance::Leg;
using remittance::Remittance;
using remittance::Status;

TransferFailure store_failure(std::string message) {
  return {TransferRefusal::store, std::move(message)};
}

ledger::Transfer leg(std::uint64_t base, Leg which, ledger::AccountId debit,
                     ledger::AccountId credit, const Money& amount, TransferCode code) {
  return ledger::Transfer{.id = remittance::ledger_id(base, which),
                          .debit_account_id = debit,
                          .credit_account_id = credit,
                          .amount_minor = amount.amount_minor(),
                          .currency = amount.currency(),
                          .code = static_cast<std::uint16_t>(code)};
}

ledger::AccountId house(ledger::AccountKind kind, Currency currency) {
  return house_account_id(kind, currency);
}

}  // namespace

Result<Remittance, TransferFailure> RemittanceService::create(const TransferRequest& request) {
  auto user = users_.find_by_id(request.user_id);
  if (!user) return Err{store_failure(user.error().message)};
  if (!*user || (*user)->kyc_status != users::KycStatus::approved) {
    return Err{TransferFailure{TransferRefusal::kyc_required, "KYC is not approved"}};
  }
  auto quote = quotes_.find(request.quote_id);
  if (!quote && quote.error().kind == ports::QuoteStoreError::Kind::port) {
    return Err{store_failure(quote.error().port.message)};
  }
  if (!quote || quote->owner_id != request.user_id) {
    return Err{TransferFailure{TransferRefusal::not_found, "No such quote."}};
  }
  const Currency nok = remittance::zero_nok().currency();
  if (quote->source.currency() != nok) {
    return Err{TransferFailure{TransferRefusal::unsupported_currency,
                               "Transfers are paid from the NOK wallet: quote from NOK."}};
  }
  // The user row already names the wallet once it is open (no second lookup of the user).
  ledger::AccountId wallet_id = (*user)->wallet_account_id;
  if (wallet_id == 0) {
    auto wallet = ledger_.wallet_of(request.user_id);
    if (!wallet) return Err{store_failure(wallet.error().message)};
    wallet_id = *wallet;
  }
  // A pre-check, so a wallet that plainly cannot pay does not even touch the quote (the ledger
  // below is the real guard: a concurrent payment may still win the last funds).
  auto accounts = ledger_.store().lookup_accounts(std::span(&wallet_id, 1));
  if (!accounts) return Err{store_failure(accounts.error().message)};
  if (accounts->empty() || accounts->front().available() < quote->source.amount_minor()) {
    return Err{TransferFailure{TransferRefusal::insufficient_funds, "insufficient funds"}};
  }
  const Timestamp now = clock_.now();
  if (auto used = use_quote(request.quote_id, now); !used) return Err{used.error()};
  const std::uint64_t base = ledger_.random_id() & ~std::uint64_t{remittance::leg_count_max - 1};
  Remittance item;
  item.id = remittance::remittance_id(base);
  item.user_id = request.user_id;
  item.quote_id = request.quote_id;
  item.status = Status::pending;
  item.debited = quote->source;
  item.fee = quote->fee;
  item.delivered = quote->target;
  item.recipient = request.recipient;
  item.reference = request.reference;
  item.created_at = now;
  item.updated_at = now;
  // The intent first: once it is stored, whatever happens below can be finished (process()).
  if (auto stored = transfers_.insert(item); !stored) {
    if (stored.error().kind == ports::PortError::Kind::conflict ||
        stored.error().kind == ports::PortError::Kind::invalid) {
      (void)quotes_.release(item.quote_id, now);  // surely not stored: nothing else holds it
    }
    return Err{store_failure(stored.error().message)};
  }
  auto funded = fund(item, wallet_id);
  if (!funded) return Err{funded.error()};
  if (item.debited.amount_minor() >= alert_large_transfer_minor_) {
    if (notifier_ != nullptr) {
      notifier_->notify(ports::large_transfer_alert(item.id, item.user_id, item.debited));
    } else {
      alert_("large transfer " + item.id + ": " + item.debited.to_decimal() + " " +
             std::string(nok.code()) + " by " + item.user_id);
    }
  }
  item.status = Status::processing;
  return item;
}

Result<void, TransferFailure> RemittanceService::use_quote(const std::string& quote_id,
                                                           Timestamp now) {
  auto used = quotes_.mark_used(quote_id, now);
  if (used) return {};
  if (used.error().kind == ports::QuoteStoreError::Kind::port) {
    return Err{store_failure(used.error().port.message)};
  }
  switch (used.error().refusal) {
    case fx::QuoteUseError::quote_used:
      return Err{TransferFailure{TransferRefusal::quote_used, "The quote was already used."}};
    case fx::QuoteUseError::quote_expired:
      return Err{TransferFailure{TransferRefusal::quote_expired, "The quote has expired."}};
    case fx::QuoteUseError::not_found:
      break;
  }
  return Err{TransferFailure{TransferRefusal::not_found, "No such quote."}};
}

// Applies the funding chain of a pending remittance (again: its ids derive from the
// remittance, so a repeat answers `exists`, and a chain the ledger refused stays refused) and
// moves it on: pending -> processing when the chain is in the ledger, pending -> rejected (and
// the quote released) when the ledger refused it. A store failure leaves it pending for the
// payout worker to finish.
Result<void, TransferFailure> RemittanceService::fund(const Remittance& item,
                                                      ledger::AccountId wallet) {
  const auto base = remittance::parse_remittance_id(item.id);
  if (!base) return Err{store_failure("malformed remittance id " + item.id)};
  const Currency nok = item.debited.currency();
  const Currency target = item.delivered.currency();
  const Money net(item.debited.amount_minor() - item.fee.amount_minor(), nok);
  std::vector<ledger::Transfer> chain;
  chain.push_back(leg(*base, Leg::source, wallet, house(ledger::AccountKind::fx_liquidity, nok),
                      net, TransferCode::fx_source));
  if (!item.fee.is_zero()) {
    chain.push_back(leg(*base, Leg::fee, wallet, house(ledger::AccountKind::fees, nok), item.fee,
                        TransferCode::fee));
  }
  chain.push_back(leg(*base, Leg::target, house(ledger::AccountKind::fx_liquidity, target),
                      house(ledger::AccountKind::payout_clearing, target), item.delivered,
                      TransferCode::fx_target));
  auto applied = ledger_.apply(std::move(chain));
  if (!applied && applied.error().error == MoneyError::store) {
    return Err{store_failure(applied.error().message)};
  }
  const Timestamp now = clock_.now();
  if (!applied) {
    auto rejected = transfers_.transition(
        item.id, Status::pending, Status::rejected,
        "the ledger refused the funding chain: " + applied.error().message, now);
    if (!rejected) return Err{store_failure(rejected.error().message)};
    (void)quotes_.release(item.quote_id, item.created_at);  // a failure leaves it used: harmless
    if (applied.error().error == MoneyError::insufficient_funds) {
      return Err{TransferFailure{TransferRefusal::insufficient_funds, "insufficient funds"}};
    }
    return Err{store_failure("the ledger refused the transfer: " + applied.error().message)};
  }
  // The money moved: from here the remittance exists for the user whatever else fails (a
  // failed status change leaves it pending, and the payout worker moves it on).
  (void)transfers_.transition(item.id, Status::pending, Status::processing, "wallet debited", now);
  return {};
}

Result<Status, TransferFailure> RemittanceService::process(const std::string& remittance_id) {
  auto found = transfers_.find(remittance_id);
  if (!found) return Err{store_failure(found.error().message)};
  if (!*found) return Err{TransferFailure{TransferRefusal::not_found, "no such remittance"}};
  Remittance item = **found;
  if (item.status == Status::pending) {
    auto wallet = ledger_.wallet_of(item.user_id);
    if (!wallet) return Err{store_failure(wallet.error().message)};
    auto funded = fund(item, *wallet);
    if (!funded && funded.error().refusal == TransferRefusal::store) return Err{funded.error()};
    if (!funded) return Status::rejected;
    auto again = transfers_.find(remittance_id);
    if (!again) return Err{store_failure(again.error().message)};
    if (!*again || (*again)->status == Status::pending) {
      return Err{store_failure("remittance " + item.id + " is funded but still pending")};
    }
    item = **again;  // processing, or moved on by another instance
  }
  if (item.status == Status::failed) return refund(item);
  if (item.status != Status::processing) return item.status;
  const auto base = remittance::parse_remittance_id(item.id);
  if (!base) return Err{store_failure("malformed remittance id " + item.id)};
  const Currency target = item.delivered.currency();
  const auto clearing = house(ledger::AccountKind::payout_clearing, target);
  if (!remittance::sandbox_payout_fails(item.recipient.iban)) {
    auto paid = ledger_.apply(
        {leg(*base, Leg::payout, clearing, house(ledger::AccountKind::settlement, target),
             item.delivered, TransferCode::payout)});
    if (!paid) return Err{store_failure(paid.error().message)};
    auto moved = transfers_.transition(item.id, Status::processing, Status::completed,
                                       "paid out by the sandbox rail", clock_.now());
    if (!moved) return Err{store_failure(moved.error().message)};
    return Status::completed;
  }
  // The refund chain first, then failed and refunded back to back: a client polling the
  // remittance rarely sees `failed` alone, and a crash anywhere here is finished by process()
  // (a processing remittance is refunded again by the same ids; a failed one is moved on).
  if (auto refunded = apply_refund(item); !refunded) return Err{refunded.error()};
  auto failed =
      transfers_.transition(item.id, Status::processing, Status::failed,
                            "sandbox rail refused the payout (IBAN ends 0000)", clock_.now());
  if (!failed) return Err{store_failure(failed.error().message)};
  if (!*failed) {
    // Another instance moved it on: finish its refund if it stopped half-way.
    auto now_item = transfers_.find(remittance_id);
    if (!now_item) return Err{store_failure(now_item.error().message)};
    if (*now_item && (*now_item)->status == Status::failed) return refund(**now_item);
    return *now_item ? (*now_item)->status : item.status;
  }
  item.status = Status::failed;
  auto done = refund(item);
  if (done) {
    if (notifier_ != nullptr) {
      notifier_->notify(ports::payout_failed_alert(item.id, item.user_id, item.debited,
                                                   "the payout rail refused; wallet refunded"));
    } else {
      alert_("payout failed for " + item.id + "; the wallet was refunded " +
             item.debited.to_decimal() + " " + std::string(item.debited.currency().code()));
    }
  }
  return done;
}

// The refund: a NEW linked chain reversing the three legs (the fee included). Its ids derive
// from the remittance, so a refund repeated after a crash answers `exists`.
Result<void, TransferFailure> RemittanceService::apply_refund(const Remittance& item) {
  const auto base = remittance::parse_remittance_id(item.id);
  if (!base) return Err{store_failure("malformed remittance id " + item.id)};
  auto wallet = ledger_.wallet_of(item.user_id);
  if (!wallet) return Err{store_failure(wallet.error().message)};
  const Currency nok = item.debited.currency();
  const Currency target = item.delivered.currency();
  const auto clearing = house(ledger::AccountKind::payout_clearing, target);
  const Money net(item.debited.amount_minor() - item.fee.amount_minor(), nok);
  std::vector<ledger::Transfer> chain;
  chain.push_back(leg(*base, Leg::refund_target, clearing,
                      house(ledger::AccountKind::fx_liquidity, target), item.delivered,
                      TransferCode::refund));
  chain.push_back(leg(*base, Leg::refund_source, house(ledger::AccountKind::fx_liquidity, nok),
                      *wallet, net, TransferCode::refund));
  if (!item.fee.is_zero()) {
    chain.push_back(leg(*base, Leg::refund_fee, house(ledger::AccountKind::fees, nok), *wallet,
                        item.fee, TransferCode::refund));
  }
  auto refunded = ledger_.apply(std::move(chain));
  if (!refunded) return Err{store_failure(refunded.error().message)};
  return {};
}

// failed -> refunded (the refund chain applied again first: `exists` when it already is).
Result<Status, TransferFailure> RemittanceService::refund(const Remittance& item) {
  if (auto refunded = apply_refund(item); !refunded) return Err{refunded.error()};
  auto done = transfers_.transition(item.id, Status::failed, Status::refunded,
                                    "wallet refunded in full", clock_.now());
  if (!done) return Err{store_failure(done.error().message)};
  return Status::refunded;
}

PayoutWorker::PayoutWorker(RemittanceService& service, std::int64_t delay_ms, Alert log_error)
    : service_(service), delay_ms_(delay_ms), log_error_(std::move(log_error)) {
  thread_ = std::thread([this] { run(); });
}

PayoutWorker::~PayoutWorker() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

Result<std::size_t, ports::PortError> PayoutWorker::recover(std::int64_t unchanged_for_us) {
  const Timestamp before{service_.clock().now().unix_us - unchanged_for_us};
  auto unfinished = service_.transfers().list_unfinished(before, limits::payout_recovery_batch_max);
  if (!unfinished) return Err{unfinished.error()};
  for (const auto& item : *unfinished) schedule(item.id);
  return unfinished->size();
}

void PayoutWorker::schedule(const std::string& remittance_id) {
  {
    std::lock_guard lock(mutex_);
    if (!queued_.insert(remittance_id).second) return;  // already waiting
    queue_.emplace_back(std::chrono::steady_clock::now() + std::chrono::milliseconds(delay_ms_),
                        remittance_id);
  }
  wake_.notify_all();
}

void PayoutWorker::run() {
  std::unique_lock lock(mutex_);
  auto next_sweep = std::chrono::steady_clock::now() + sweep_interval_;
  while (!stopping_) {
    if (std::chrono::steady_clock::now() >= next_sweep) {
      // Finishes what a crashed or stalled instance left (and what failed here): anything
      // unfinished that nobody has moved for a while. Repeating a step changes nothing.
      lock.unlock();
      if (auto swept = recover(sweep_unchanged_for_us); !swept) {
        log_error_("payout sweep failed: " + swept.error().message);
      }
      lock.lock();
      next_sweep = std::chrono::steady_clock::now() + sweep_interval_;
      continue;
    }
    if (queue_.empty()) {
      wake_.wait_until(lock, next_sweep);
      continue;
    }
    // Delays are equal, so the queue is in due order.
    const auto due = queue_.front().first;
    if (std::chrono::steady_clock::now() < due) {
      wake_.wait_until(lock, std::min(due, next_sweep));
      continue;
    }
    const std::string id = queue_.front().second;
    queue_.pop_front();
    queued_.erase(id);
    lock.unlock();
    auto outcome = service_.process(id);
    if (!outcome && outcome.error().refusal == TransferRefusal::store) {
      log_error_("payout of " + id + " failed: " + outcome.error().message + " (retrying in 1 s)");
      lock.lock();
      if (queued_.insert(id).second) {
        queue_.emplace_back(std::chrono::steady_clock::now() + std::chrono::seconds(1), id);
      }
      continue;
    }
    lock.lock();
  }
}

}  // namespace drop::usecases
