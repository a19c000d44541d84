#include "usecases/remittance_service.hpp"

#include <chrono>

#include "drop/ledger/transfer.hpp"

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
  auto wallet = ledger_.wallet_of(request.user_id);
  if (!wallet) return Err{store_failure(wallet.error().message)};
  // A pre-check, so a wallet that plainly cannot pay does not use up the quote (the ledger below
  // is the real guard: a concurrent payment may still win, and then the quote is used).
  const ledger::AccountId wallet_id = *wallet;
  auto accounts = ledger_.store().lookup_accounts(std::span(&wallet_id, 1));
  if (!accounts) return Err{store_failure(accounts.error().message)};
  if (accounts->empty() || accounts->front().available() < quote->source.amount_minor()) {
    return Err{TransferFailure{TransferRefusal::insufficient_funds, "insufficient funds"}};
  }
  const Timestamp now = clock_.now();
  auto used = quotes_.mark_used(request.quote_id, now);
  if (!used) {
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
  const std::uint64_t base = ledger_.random_id() & ~std::uint64_t{remittance::leg_count_max - 1};
  const Money net(quote->source.amount_minor() - quote->fee.amount_minor(), nok);
  const Currency target = quote->target.currency();
  std::vector<ledger::Transfer> chain;
  chain.push_back(leg(base, Leg::source, *wallet, house(ledger::AccountKind::fx_liquidity, nok),
                      net, TransferCode::fx_source));
  if (!quote->fee.is_zero()) {
    chain.push_back(leg(base, Leg::fee, *wallet, house(ledger::AccountKind::fees, nok), quote->fee,
                        TransferCode::fee));
  }
  chain.push_back(leg(base, Leg::target, house(ledger::AccountKind::fx_liquidity, target),
                      house(ledger::AccountKind::payout_clearing, target), quote->target,
                      TransferCode::fx_target));
  if (auto applied = ledger_.apply(std::move(chain)); !applied) {
    if (applied.error().error == MoneyError::insufficient_funds) {
      return Err{TransferFailure{TransferRefusal::insufficient_funds, "insufficient funds"}};
    }
    return Err{store_failure(applied.error().message)};
  }
  Remittance item;
  item.id = remittance::remittance_id(base);
  item.user_id = request.user_id;
  item.quote_id = request.quote_id;
  item.status = Status::processing;
  item.debited = quote->source;
  item.fee = quote->fee;
  item.delivered = quote->target;
  item.recipient = request.recipient;
  item.reference = request.reference;
  item.created_at = now;
  item.updated_at = now;
  if (auto stored = transfers_.insert(item); !stored) {
    alert_("remittance " + item.id +
           " debited the wallet but could not be stored: " + stored.error().message);
    return Err{store_failure(stored.error().message)};
  }
  if (item.debited.amount_minor() >= alert_large_transfer_minor_) {
    if (notifier_ != nullptr) {
      notifier_->notify(ports::large_transfer_alert(item.id, item.user_id, item.debited));
    } else {
      alert_("large transfer " + item.id + ": " + item.debited.to_decimal() + " " +
             std::string(nok.code()) + " by " + item.user_id);
    }
  }
  return item;
}

Result<Status, TransferFailure> RemittanceService::process(const std::string& remittance_id) {
  auto found = transfers_.find(remittance_id);
  if (!found) return Err{store_failure(found.error().message)};
  if (!*found) return Err{TransferFailure{TransferRefusal::not_found, "no such remittance"}};
  const Remittance& item = **found;
  if (item.status != Status::processing) return item.status;
  const auto base = remittance::parse_remittance_id(item.id);
  if (!base) return Err{store_failure("malformed remittance id " + item.id)};
  const Currency nok = item.debited.currency();
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
  auto wallet = ledger_.wallet_of(item.user_id);
  if (!wallet) return Err{store_failure(wallet.error().message)};
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
  const Timestamp now = clock_.now();
  auto failed = transfers_.transition(item.id, Status::processing, Status::failed,
                                      "sandbox rail refused the payout (IBAN ends 0000)", now);
  if (!failed) return Err{store_failure(failed.error().message)};
  if (!*failed) return item.status;
  auto done = transfers_.transition(item.id, Status::failed, Status::refunded,
                                    "wallet refunded in full", now);
  if (!done) return Err{store_failure(done.error().message)};
  if (notifier_ != nullptr) {
    notifier_->notify(ports::payout_failed_alert(item.id, item.user_id, item.debited,
                                                 "the payout rail refused; wallet refunded"));
  } else {
    alert_("payout failed for " + item.id + "; the wallet was refunded " +
           item.debited.to_decimal() + " " + std::string(nok.code()));
  }
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

Result<std::size_t, ports::PortError> PayoutWorker::recover() {
  std::size_t count = 0;
  auto processing = service_.transfers().list_processing(100'000);
  if (!processing) return Err{processing.error()};
  for (const auto& item : *processing) {
    schedule(item.id);
    ++count;
  }
  return count;
}

void PayoutWorker::schedule(const std::string& remittance_id) {
  {
    std::lock_guard lock(mutex_);
    queue_.emplace_back(std::chrono::steady_clock::now() + std::chrono::milliseconds(delay_ms_),
                        remittance_id);
  }
  wake_.notify_all();
}

void PayoutWorker::run() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    if (queue_.empty()) {
      wake_.wait(lock);
      continue;
    }
    // Delays are equal, so the queue is in due order.
    const auto due = queue_.front().first;
    if (std::chrono::steady_clock::now() < due) {
      wake_.wait_until(lock, due);
      continue;
    }
    const std::string id = queue_.front().second;
    queue_.pop_front();
    lock.unlock();
    auto outcome = service_.process(id);
    if (!outcome && outcome.error().refusal == TransferRefusal::store) {
      log_error_("payout of " + id + " failed: " + outcome.error().message + " (retrying in 1 s)");
      lock.lock();
      queue_.emplace_back(std::chrono::steady_clock::now() + std::chrono::seconds(1), id);
      continue;
    }
    lock.lock();
  }
}

}  // namespace drop::usecases
