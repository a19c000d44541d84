#include "usecases/ledger_service.hpp"

#include <array>
#include <charconv>

#include "drop/ledger/transfer.hpp"
#include "drop/money/currency.hpp"

namespace drop::usecases {

namespace {

MoneyFailure store_failure(const ports::PortError& error) {
  return {MoneyError::store, error.message};
}

constexpr std::uint64_t random_id_min = std::uint64_t{1} << 32;

}  // namespace

std::string_view to_string(std::uint16_t code) {
  switch (static_cast<TransferCode>(code)) {
    case TransferCode::deposit:
      return "deposit";
    case TransferCode::fx_source:
      return "fx_source";
    case TransferCode::fee:
      return "fee";
    case TransferCode::fx_target:
      return "fx_target";
    case TransferCode::payout:
      return "payout";
    case TransferCode::refund:
      return "refund";
    case TransferCode::qr_payment:
      return "qr_payment";
  }
  return "other";
}

ledger::AccountId house_account_id(ledger::AccountKind kind, Currency currency) {
  return static_cast<ledger::AccountId>(kind) * 1000 + currency.numeric();
}

std::string account_api_id(ledger::AccountId id) { return "acc_" + std::to_string(id); }
std::string transfer_api_id(ledger::TransferId id) { return "txn_" + std::to_string(id); }

std::optional<ledger::AccountId> parse_account_api_id(std::string_view text) {
  if (!text.starts_with("acc_")) return std::nullopt;
  text.remove_prefix(4);
  if (text.empty() || text.size() > 19 || text[0] == '0') return std::nullopt;
  std::uint64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || !ledger::id_in_range(value)) {
    return std::nullopt;
  }
  return value;
}

std::uint64_t LedgerService::random_id() {
  std::array<std::byte, 8> bytes{};
  entropy_.fill(bytes);
  std::uint64_t value = 0;
  for (std::byte byte : bytes) value = (value << 8) | static_cast<std::uint64_t>(byte);
  return random_id_min + value % (ledger::id_max - random_id_min + 1);
}

Result<void, MoneyFailure> LedgerService::ensure_house_accounts(
    const std::vector<Currency>& currencies) {
  const Currency nok = *Currency::from_code("NOK");
  std::vector<ledger::Account> accounts;
  const auto add = [&](ledger::AccountKind kind, Currency currency) {
    const ledger::Account account{
        .id = house_account_id(kind, currency), .currency = currency, .kind = kind};
    for (const auto& existing : accounts) {
      if (existing.id == account.id) return;
    }
    accounts.push_back(account);
  };
  add(ledger::AccountKind::fees, nok);
  for (Currency currency : currencies) {
    add(ledger::AccountKind::settlement, currency);
    add(ledger::AccountKind::fx_liquidity, currency);
    add(ledger::AccountKind::payout_clearing, currency);
  }
  auto results = ledger_.create_accounts(accounts, clock_.now());
  if (!results) return Err{store_failure(results.error())};
  for (std::size_t i = 0; i < results->size(); ++i) {
    const auto result = (*results)[i];
    if (result != ledger::CreateAccountResult::ok &&
        result != ledger::CreateAccountResult::exists) {
      return Err{MoneyFailure{MoneyError::invalid, "house account " +
                                                       std::to_string(accounts[i].id) + ": " +
                                                       std::string(ledger::to_string(result))}};
    }
  }
  return {};
}

Result<ledger::AccountId, MoneyFailure> LedgerService::wallet_of(std::string_view user_id) {
  auto user = users_.find_by_id(user_id);
  if (!user) return Err{store_failure(user.error())};
  if (!*user) return Err{MoneyFailure{MoneyError::not_found, "no such user"}};
  if ((*user)->wallet_account_id != 0) return (*user)->wallet_account_id;
  const ledger::Account wallet{.id = random_id(),
                               .currency = *Currency::from_code("NOK"),
                               .kind = ledger::AccountKind::wallet,
                               .flags = ledger::account_flags::debits_must_not_exceed_credits};
  auto created = ledger_.create_accounts(std::span(&wallet, 1), clock_.now());
  if (!created) return Err{store_failure(created.error())};
  if (created->front() != ledger::CreateAccountResult::ok) {
    return Err{MoneyFailure{MoneyError::invalid,
                            "wallet: " + std::string(ledger::to_string(created->front()))}};
  }
  auto recorded = users_.set_wallet_account(user_id, wallet.id, clock_.now());
  if (recorded) return wallet.id;
  // Another request opened the wallet first: use the recorded one (ours stays empty, unused).
  auto reread = users_.find_by_id(user_id);
  if (!reread) return Err{store_failure(reread.error())};
  if (*reread && (*reread)->wallet_account_id != 0) return (*reread)->wallet_account_id;
  return Err{store_failure(recorded.error())};
}

Result<std::vector<ledger::Account>, MoneyFailure> LedgerService::accounts_of(
    std::string_view user_id) {
  auto wallet = wallet_of(user_id);
  if (!wallet) return Err{wallet.error()};
  const ledger::AccountId id = *wallet;
  auto accounts = ledger_.lookup_accounts(std::span(&id, 1));
  if (!accounts) return Err{store_failure(accounts.error())};
  return std::move(*accounts);
}

Result<ledger::TransferId, MoneyFailure> LedgerService::deposit(std::string_view user_id,
                                                                std::int64_t amount_minor,
                                                                std::string_view reference) {
  auto wallet = wallet_of(user_id);
  if (!wallet) return Err{wallet.error()};
  const Currency nok = *Currency::from_code("NOK");
  const ledger::Transfer transfer{
      .id = random_id(),
      .debit_account_id = house_account_id(ledger::AccountKind::settlement, nok),
      .credit_account_id = *wallet,
      .amount_minor = amount_minor,
      .currency = nok,
      .code = static_cast<std::uint16_t>(TransferCode::deposit),
      .reference = std::string(reference)};
  auto applied = apply({transfer});
  if (!applied) return Err{applied.error()};
  return transfer.id;
}

Result<void, MoneyFailure> LedgerService::apply(std::vector<ledger::Transfer> chain) {
  for (std::size_t i = 0; i + 1 < chain.size(); ++i)
    chain[i].flags |= ledger::transfer_flags::linked;
  auto results = ledger_.create_transfers(chain, clock_.now());
  if (!results) return Err{store_failure(results.error())};
  bool insufficient = false;
  std::string reason;
  for (const auto result : *results) {
    if (result == ledger::CreateTransferResult::ok ||
        result == ledger::CreateTransferResult::exists ||
        result == ledger::CreateTransferResult::linked_event_failed) {
      continue;
    }
    if (result == ledger::CreateTransferResult::exceeds_credits) insufficient = true;
    reason = std::string(ledger::to_string(result));
  }
  if (insufficient) return Err{MoneyFailure{MoneyError::insufficient_funds, "exceeds_credits"}};
  if (!reason.empty()) return Err{MoneyFailure{MoneyError::invalid, reason}};
  return {};
}

}  // namespace drop::usecases
