// Names of the ledger's enums and the small member functions of its value types.
#include <limits>

#include "drop/assert.hpp"
#include "drop/ledger/account.hpp"
#include "drop/ledger/entry.hpp"
#include "drop/ledger/results.hpp"
#include "drop/ledger/transfer.hpp"

namespace drop::ledger {

std::string_view to_string(AccountKind kind) {
  switch (kind) {
    case AccountKind::wallet:
      return "wallet";
    case AccountKind::merchant:
      return "merchant";
    case AccountKind::fx_liquidity:
      return "fx_liquidity";
    case AccountKind::fees:
      return "fees";
    case AccountKind::settlement:
      return "settlement";
    case AccountKind::payout_clearing:
      return "payout_clearing";
  }
  return "unknown";
}

std::string_view to_string(PendingStatus status) {
  switch (status) {
    case PendingStatus::none:
      return "none";
    case PendingStatus::pending:
      return "pending";
    case PendingStatus::posted:
      return "posted";
    case PendingStatus::voided:
      return "voided";
    case PendingStatus::expired:
      return "expired";
  }
  return "unknown";
}

std::string_view to_string(EntryColumn column) {
  switch (column) {
    case EntryColumn::debits_posted:
      return "debits_posted";
    case EntryColumn::credits_posted:
      return "credits_posted";
    case EntryColumn::debits_pending:
      return "debits_pending";
    case EntryColumn::credits_pending:
      return "credits_pending";
  }
  return "unknown";
}

std::string_view to_string(Direction direction) {
  return direction == Direction::debit ? "debit" : "credit";
}

std::int64_t Account::available() const {
  // posted_net() cannot overflow; subtracting debits_pending (>= 0) can only go below min.
  const std::int64_t net = posted_net();
  if (net < std::numeric_limits<std::int64_t>::min() + debits_pending) {
    return std::numeric_limits<std::int64_t>::min();
  }
  return net - debits_pending;
}

Timestamp Transfer::expires_at() const {
  if (!has_flag(transfer_flags::pending) || timeout_s == 0) {
    return Timestamp{std::numeric_limits<std::int64_t>::max()};
  }
  return timestamp.plus_seconds(timeout_s);
}

std::int64_t& column_of(Account& account, EntryColumn column) {
  switch (column) {
    case EntryColumn::debits_posted:
      return account.debits_posted;
    case EntryColumn::credits_posted:
      return account.credits_posted;
    case EntryColumn::debits_pending:
      return account.debits_pending;
    case EntryColumn::credits_pending:
      return account.credits_pending;
  }
  DROP_ASSERT(false);
  return account.debits_posted;
}

std::int64_t column_of(const Account& account, EntryColumn column) {
  return column_of(const_cast<Account&>(account), column);
}

}  // namespace drop::ledger
