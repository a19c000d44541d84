// TransferEngine's checks, in the order of precedence documented in results.hpp.
#include <limits>

#include "drop/limits.hpp"
#include "ledger/transfer_engine.hpp"

namespace drop::ledger::detail {
namespace {

using R = CreateTransferResult;

bool add_overflows(std::int64_t a, std::int64_t b) {
  return a > std::numeric_limits<std::int64_t>::max() - b;  // a, b >= 0
}

bool field_differs(std::uint64_t retry, std::uint64_t stored, bool zero_inherits) {
  return zero_inherits ? retry != 0 && retry != stored : retry != stored;
}

}  // namespace

// Step 2 of the precedence, and step 4 (validation) after idempotency: see create().
CreateTransferResult TransferEngine::check_fields(const Transfer& t) const {
  const bool resolution = t.is_resolution();
  const int kinds = int{t.has_flag(transfer_flags::pending)} +
                    int{t.has_flag(transfer_flags::post_pending)} +
                    int{t.has_flag(transfer_flags::void_pending)};
  if (kinds > 1) return R::flags_are_mutually_exclusive;
  if (t.reference.size() > limits::transfer_reference_bytes_max) return R::reference_too_long;
  if (resolution) {
    if (t.pending_id == 0) return R::pending_id_must_not_be_zero;
    if (t.pending_id > id_max) return R::pending_id_must_not_be_int_max;
    if (t.pending_id == t.id) return R::pending_id_must_be_different;
    if (t.timeout_s != 0) return R::timeout_reserved_for_pending_transfer;
    if (t.amount_minor < 0) return R::amount_must_be_positive;
    return R::ok;
  }
  if (t.debit_account_id == 0) return R::debit_account_id_must_not_be_zero;
  if (t.debit_account_id > id_max) return R::debit_account_id_must_not_be_int_max;
  if (t.credit_account_id == 0) return R::credit_account_id_must_not_be_zero;
  if (t.credit_account_id > id_max) return R::credit_account_id_must_not_be_int_max;
  if (t.debit_account_id == t.credit_account_id) return R::accounts_must_be_different;
  if (t.pending_id != 0) return R::pending_id_must_be_zero;
  if (!t.has_flag(transfer_flags::pending) && t.timeout_s != 0) {
    return R::timeout_reserved_for_pending_transfer;
  }
  if (t.timeout_s > limits::pending_timeout_s_max) return R::timeout_must_not_exceed_max;
  if (t.amount_minor == 0) return R::amount_must_not_be_zero;
  if (t.amount_minor < 0) return R::amount_must_be_positive;
  if (t.code == 0) return R::code_must_not_be_zero;
  return R::ok;
}

// Step 3: the transfer's id was seen before (stored, earlier in this batch, or failed).
CreateTransferResult TransferEngine::check_idempotency(const Transfer& t) const {
  const std::uint32_t known = known_index_.find(t.id);
  if (known != FlatIndex::missing && known_[known].transfer != nullptr) {
    const Transfer& e = *known_[known].transfer;
    const bool inherit = t.is_resolution();  // zero fields of a post/void match the stored ones
    if (t.flags != e.flags) return R::exists_with_different_flags;
    if (t.pending_id != e.pending_id) return R::exists_with_different_pending_id;
    if (t.timeout_s != e.timeout_s) return R::exists_with_different_timeout;
    if (field_differs(t.debit_account_id, e.debit_account_id, inherit)) {
      return R::exists_with_different_debit_account_id;
    }
    if (field_differs(t.credit_account_id, e.credit_account_id, inherit)) {
      return R::exists_with_different_credit_account_id;
    }
    if (field_differs(static_cast<std::uint64_t>(t.amount_minor),
                      static_cast<std::uint64_t>(e.amount_minor), inherit)) {
      return R::exists_with_different_amount;
    }
    if (t.currency != e.currency) return R::exists_with_different_currency;
    if (field_differs(t.code, e.code, inherit)) return R::exists_with_different_code;
    if (t.reference != e.reference) return R::exists_with_different_reference;
    return R::exists;
  }
  if (failed_index_.find(t.id) != FlatIndex::missing) return R::id_already_failed;
  return R::ok;
}

// Step 6 for single-phase and pending transfers.
CreateTransferResult TransferEngine::check_balances(const Transfer& t, const Account& dr,
                                                    const Account& cr) const {
  const std::int64_t amount = t.amount_minor;
  if (t.has_flag(transfer_flags::pending)) {
    if (add_overflows(dr.debits_pending, amount)) return R::overflows_debits_pending;
    if (add_overflows(cr.credits_pending, amount)) return R::overflows_credits_pending;
  }
  if (add_overflows(dr.debits_posted, amount)) return R::overflows_debits_posted;
  if (add_overflows(cr.credits_posted, amount)) return R::overflows_credits_posted;
  if (add_overflows(dr.debits_pending, dr.debits_posted) ||
      add_overflows(dr.debits_pending + dr.debits_posted, amount)) {
    return R::overflows_debits;
  }
  if (add_overflows(cr.credits_pending, cr.credits_posted) ||
      add_overflows(cr.credits_pending + cr.credits_posted, amount)) {
    return R::overflows_credits;
  }
  // The sums below fit: the overflow checks above passed.
  if (dr.has_flag(account_flags::debits_must_not_exceed_credits) &&
      dr.debits_pending + dr.debits_posted + amount > dr.credits_posted) {
    return R::exceeds_credits;
  }
  if (cr.has_flag(account_flags::credits_must_not_exceed_debits) &&
      cr.credits_pending + cr.credits_posted + amount > cr.debits_posted) {
    return R::exceeds_debits;
  }
  return R::ok;
}

// Step 5 and 6 for post/void: finds the pending and the amount to post (or void).
CreateTransferResult TransferEngine::check_resolution(const Transfer& t, Timestamp timestamp,
                                                      std::uint32_t* known_out,
                                                      std::int64_t* amount_out) const {
  const std::uint32_t known = known_index_.find(t.pending_id);
  if (known == FlatIndex::missing || known_[known].transfer == nullptr) {
    return R::pending_transfer_not_found;
  }
  const Transfer& p = *known_[known].transfer;
  const PendingStatus status = known_[known].status;
  if (status == PendingStatus::none) return R::pending_transfer_not_pending;
  if (field_differs(t.debit_account_id, p.debit_account_id, true)) {
    return R::pending_transfer_has_different_debit_account_id;
  }
  if (field_differs(t.credit_account_id, p.credit_account_id, true)) {
    return R::pending_transfer_has_different_credit_account_id;
  }
  if (t.currency != p.currency) return R::pending_transfer_has_different_currency;
  if (field_differs(t.code, p.code, true)) return R::pending_transfer_has_different_code;
  const std::int64_t amount = t.amount_minor == 0 ? p.amount_minor : t.amount_minor;
  const bool post = t.has_flag(transfer_flags::post_pending);
  if (post && amount > p.amount_minor) return R::exceeds_pending_transfer_amount;
  if (!post && amount != p.amount_minor) return R::pending_transfer_has_different_amount;
  if (status == PendingStatus::posted) return R::pending_transfer_already_posted;
  if (status == PendingStatus::voided) return R::pending_transfer_already_voided;
  if (status == PendingStatus::expired) return R::pending_transfer_expired;
  if (p.expires_at() <= timestamp) return R::pending_transfer_expired;
  const std::uint32_t debit = account_index(p.debit_account_id);
  const std::uint32_t credit = account_index(p.credit_account_id);
  DROP_ASSERT(debit != FlatIndex::missing);  // the store loads a pending's accounts
  DROP_ASSERT(credit != FlatIndex::missing);
  if (post && add_overflows(accounts_[debit].debits_posted, amount)) {
    return R::overflows_debits_posted;
  }
  if (post && add_overflows(accounts_[credit].credits_posted, amount)) {
    return R::overflows_credits_posted;
  }
  *known_out = known;
  *amount_out = amount;
  return R::ok;
}

}  // namespace drop::ledger::detail
