// Names of the ledger result codes and which transfer results are state-dependent.
#include "drop/ledger/results.hpp"

#include <array>

namespace drop::ledger {
namespace {

constexpr std::array<std::string_view, 57> transfer_result_names = {
    "ok",
    "linked_event_failed",
    "linked_event_chain_open",
    "timestamp_must_be_zero",
    "reserved_flag",
    "id_must_not_be_zero",
    "id_must_not_be_int_max",
    "exists_with_different_flags",
    "exists_with_different_pending_id",
    "exists_with_different_timeout",
    "exists_with_different_debit_account_id",
    "exists_with_different_credit_account_id",
    "exists_with_different_amount",
    "exists_with_different_currency",
    "exists_with_different_code",
    "exists_with_different_reference",
    "exists",
    "id_already_failed",
    "flags_are_mutually_exclusive",
    "reference_too_long",
    "debit_account_id_must_not_be_zero",
    "debit_account_id_must_not_be_int_max",
    "credit_account_id_must_not_be_zero",
    "credit_account_id_must_not_be_int_max",
    "accounts_must_be_different",
    "pending_id_must_be_zero",
    "pending_id_must_not_be_zero",
    "pending_id_must_not_be_int_max",
    "pending_id_must_be_different",
    "timeout_reserved_for_pending_transfer",
    "timeout_must_not_exceed_max",
    "amount_must_not_be_zero",
    "amount_must_be_positive",
    "code_must_not_be_zero",
    "debit_account_not_found",
    "credit_account_not_found",
    "accounts_must_have_same_currency",
    "transfer_must_have_the_same_currency_as_accounts",
    "pending_transfer_not_found",
    "pending_transfer_not_pending",
    "pending_transfer_has_different_debit_account_id",
    "pending_transfer_has_different_credit_account_id",
    "pending_transfer_has_different_currency",
    "pending_transfer_has_different_code",
    "exceeds_pending_transfer_amount",
    "pending_transfer_has_different_amount",
    "pending_transfer_already_posted",
    "pending_transfer_already_voided",
    "pending_transfer_expired",
    "overflows_debits_pending",
    "overflows_credits_pending",
    "overflows_debits_posted",
    "overflows_credits_posted",
    "overflows_debits",
    "overflows_credits",
    "exceeds_credits",
    "exceeds_debits",
};

constexpr std::array<std::string_view, 15> account_result_names = {
    "ok",
    "timestamp_must_be_zero",
    "reserved_flag",
    "id_must_not_be_zero",
    "id_must_not_be_int_max",
    "flags_are_mutually_exclusive",
    "debits_pending_must_be_zero",
    "debits_posted_must_be_zero",
    "credits_pending_must_be_zero",
    "credits_posted_must_be_zero",
    "kind_must_be_valid",
    "exists_with_different_flags",
    "exists_with_different_currency",
    "exists_with_different_kind",
    "exists",
};

}  // namespace

std::string_view to_string(CreateTransferResult result) {
  const auto index = static_cast<std::size_t>(result);
  return index < transfer_result_names.size() ? transfer_result_names[index] : "unknown";
}

std::string_view to_string(CreateAccountResult result) {
  const auto index = static_cast<std::size_t>(result);
  return index < account_result_names.size() ? account_result_names[index] : "unknown";
}

bool is_state_dependent(CreateTransferResult result) {
  switch (result) {
    case CreateTransferResult::debit_account_not_found:
    case CreateTransferResult::credit_account_not_found:
    case CreateTransferResult::pending_transfer_not_found:
    case CreateTransferResult::overflows_debits_pending:
    case CreateTransferResult::overflows_credits_pending:
    case CreateTransferResult::overflows_debits_posted:
    case CreateTransferResult::overflows_credits_posted:
    case CreateTransferResult::overflows_debits:
    case CreateTransferResult::overflows_credits:
    case CreateTransferResult::exceeds_credits:
    case CreateTransferResult::exceeds_debits:
      return true;
    default:
      return false;
  }
}

}  // namespace drop::ledger
