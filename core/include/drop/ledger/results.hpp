// Result codes of create_accounts and create_transfers, after TigerBeetle's.
//
// Each rejected event gets exactly one reason: the first that applies in the order of
// precedence below (the enumerators are listed in that order; their numeric values are stable
// and are what the database stores, so never renumber). Thread-safety: pure functions.
//
// create_transfers precedence (first match wins):
//   1. batch shape: linked_event_failed (another event of the chain failed),
//      linked_event_chain_open (the batch's last event has `linked`).
//   2. fields that need no state: timestamp_must_be_zero, reserved_flag, id_must_not_be_zero,
//      id_must_not_be_int_max (id >= 2^63).
//   3. idempotency: exists_with_different_{flags, pending_id, timeout, debit_account_id,
//      credit_account_id, amount, currency, code, reference}, then exists (identical retry:
//      the original was accepted); then id_already_failed (the id was rejected before for a
//      state-dependent reason).
//   4. validation: flags_are_mutually_exclusive, reference_too_long; then
//      - single-phase and pending transfers: debit_account_id_must_not_be_zero,
//        debit_account_id_must_not_be_int_max, credit_account_id_must_not_be_zero,
//        credit_account_id_must_not_be_int_max, accounts_must_be_different,
//        pending_id_must_be_zero, timeout_reserved_for_pending_transfer,
//        timeout_must_not_exceed_max, amount_must_not_be_zero (and amount_must_be_positive),
//        code_must_not_be_zero;
//      - post/void transfers: pending_id_must_not_be_zero, pending_id_must_not_be_int_max,
//        pending_id_must_be_different, timeout_reserved_for_pending_transfer,
//        amount_must_be_positive (amount < 0).
//   5. state: debit_account_not_found, credit_account_not_found,
//      accounts_must_have_same_currency, transfer_must_have_the_same_currency_as_accounts;
//      post/void instead: pending_transfer_not_found, pending_transfer_not_pending,
//      pending_transfer_has_different_debit_account_id, ..._credit_account_id, ..._currency,
//      ..._code, exceeds_pending_transfer_amount (post), pending_transfer_has_different_amount
//      (void), pending_transfer_already_posted, pending_transfer_already_voided,
//      pending_transfer_expired (expired, swept or not).
//   6. balances: overflows_debits_pending, overflows_credits_pending, overflows_debits_posted,
//      overflows_credits_posted, overflows_debits, overflows_credits, exceeds_credits,
//      exceeds_debits.
//
// State-dependent ("transient") reasons are those a later retry could pass because the ledger
// changed: *_account_not_found, pending_transfer_not_found, overflows_*, exceeds_credits and
// exceeds_debits (see is_state_dependent). The ledger records the id of a transfer rejected for
// one of them, and every later transfer with that id gets id_already_failed, so a client cannot
// turn an old rejected request into a new payment by retrying it. Every other reason is
// deterministic given the transfer and immutable facts, so it is not recorded (a retry gets the
// same reason again, or succeeds once the client fixes the transfer's fields).
#pragma once

#include <cstdint>
#include <string_view>

namespace drop::ledger {

enum class CreateTransferResult : std::uint8_t {
  ok = 0,
  linked_event_failed = 1,
  linked_event_chain_open = 2,
  timestamp_must_be_zero = 3,
  reserved_flag = 4,
  id_must_not_be_zero = 5,
  id_must_not_be_int_max = 6,
  exists_with_different_flags = 7,
  exists_with_different_pending_id = 8,
  exists_with_different_timeout = 9,
  exists_with_different_debit_account_id = 10,
  exists_with_different_credit_account_id = 11,
  exists_with_different_amount = 12,
  exists_with_different_currency = 13,
  exists_with_different_code = 14,
  exists_with_different_reference = 15,
  exists = 16,
  id_already_failed = 17,
  flags_are_mutually_exclusive = 18,
  reference_too_long = 19,
  debit_account_id_must_not_be_zero = 20,
  debit_account_id_must_not_be_int_max = 21,
  credit_account_id_must_not_be_zero = 22,
  credit_account_id_must_not_be_int_max = 23,
  accounts_must_be_different = 24,
  pending_id_must_be_zero = 25,
  pending_id_must_not_be_zero = 26,
  pending_id_must_not_be_int_max = 27,
  pending_id_must_be_different = 28,
  timeout_reserved_for_pending_transfer = 29,
  timeout_must_not_exceed_max = 30,
  amount_must_not_be_zero = 31,
  amount_must_be_positive = 32,
  code_must_not_be_zero = 33,
  debit_account_not_found = 34,
  credit_account_not_found = 35,
  accounts_must_have_same_currency = 36,
  transfer_must_have_the_same_currency_as_accounts = 37,
  pending_transfer_not_found = 38,
  pending_transfer_not_pending = 39,
  pending_transfer_has_different_debit_account_id = 40,
  pending_transfer_has_different_credit_account_id = 41,
  pending_transfer_has_different_currency = 42,
  pending_transfer_has_different_code = 43,
  exceeds_pending_transfer_amount = 44,
  pending_transfer_has_different_amount = 45,
  pending_transfer_already_posted = 46,
  pending_transfer_already_voided = 47,
  pending_transfer_expired = 48,
  overflows_debits_pending = 49,
  overflows_credits_pending = 50,
  overflows_debits_posted = 51,
  overflows_credits_posted = 52,
  overflows_debits = 53,
  overflows_credits = 54,
  exceeds_credits = 55,
  exceeds_debits = 56,
};
inline constexpr std::uint8_t create_transfer_result_max = 56;

std::string_view to_string(CreateTransferResult result);
// Whether the reason depends on ledger state that may change (recorded; retry ->
// id_already_failed). See the header comment for the list.
bool is_state_dependent(CreateTransferResult result);

// create_accounts precedence (first match wins): timestamp_must_be_zero, reserved_flag,
// id_must_not_be_zero, id_must_not_be_int_max, flags_are_mutually_exclusive,
// debits_pending_must_be_zero, debits_posted_must_be_zero, credits_pending_must_be_zero,
// credits_posted_must_be_zero, kind_must_be_valid, then against an existing account with the
// same id: exists_with_different_flags, exists_with_different_currency,
// exists_with_different_kind, exists. Accounts have no linked chains and no state-dependent
// reasons: create_accounts never records failures.
enum class CreateAccountResult : std::uint8_t {
  ok = 0,
  timestamp_must_be_zero = 1,
  reserved_flag = 2,
  id_must_not_be_zero = 3,
  id_must_not_be_int_max = 4,
  flags_are_mutually_exclusive = 5,
  debits_pending_must_be_zero = 6,
  debits_posted_must_be_zero = 7,
  credits_pending_must_be_zero = 8,
  credits_posted_must_be_zero = 9,
  kind_must_be_valid = 10,
  exists_with_different_flags = 11,
  exists_with_different_currency = 12,
  exists_with_different_kind = 13,
  exists = 14,
};
inline constexpr std::uint8_t create_account_result_max = 14;

std::string_view to_string(CreateAccountResult result);

}  // namespace drop::ledger
