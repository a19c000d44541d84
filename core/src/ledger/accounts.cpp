// apply_accounts: create_accounts validation (order in results.hpp) and timestamps.
#include <algorithm>

#include "drop/ledger/ledger.hpp"
#include "drop/limits.hpp"
#include "ledger/flat_index.hpp"

namespace drop::ledger {
namespace {

using R = CreateAccountResult;

R check_account(const Account& a) {
  if (a.timestamp.unix_us != 0) return R::timestamp_must_be_zero;
  if ((a.flags & ~account_flags::all) != 0) return R::reserved_flag;
  if (a.id == 0) return R::id_must_not_be_zero;
  if (a.id > id_max) return R::id_must_not_be_int_max;
  if (a.has_flag(account_flags::debits_must_not_exceed_credits) &&
      a.has_flag(account_flags::credits_must_not_exceed_debits)) {
    return R::flags_are_mutually_exclusive;
  }
  if (a.debits_pending != 0) return R::debits_pending_must_be_zero;
  if (a.debits_posted != 0) return R::debits_posted_must_be_zero;
  if (a.credits_pending != 0) return R::credits_pending_must_be_zero;
  if (a.credits_posted != 0) return R::credits_posted_must_be_zero;
  const auto kind = static_cast<std::uint8_t>(a.kind);
  if (kind == 0 || kind > account_kind_max) return R::kind_must_be_valid;
  return R::ok;
}

R compare_existing(const Account& a, const Account& existing) {
  if (a.flags != existing.flags) return R::exists_with_different_flags;
  if (a.currency != existing.currency) return R::exists_with_different_currency;
  if (a.kind != existing.kind) return R::exists_with_different_kind;
  return R::exists;
}

}  // namespace

AccountBatchOutcome apply_accounts(std::span<const Account> existing,
                                   std::span<const Account> batch, Timestamp timestamp_last,
                                   Timestamp now) {
  DROP_ASSERT(batch.size() <= limits::ledger_batch_transfers_max);
  AccountBatchOutcome outcome;
  outcome.results.reserve(batch.size());
  outcome.accounts.reserve(batch.size());
  // Index of each known account: existing ones first, then those this batch creates.
  detail::FlatIndex index(existing.size() + batch.size());
  std::vector<const Account*> known;
  known.reserve(existing.size() + batch.size());
  for (const Account& account : existing) {
    index.assign(account.id, static_cast<std::uint32_t>(known.size()));
    known.push_back(&account);
  }
  const Timestamp base = std::max(now, timestamp_last.plus_us(1));
  for (std::size_t i = 0; i < batch.size(); ++i) {
    const Account& account = batch[i];
    R result = check_account(account);
    if (result == R::ok) {
      const std::uint32_t found = index.find(account.id);
      if (found != detail::FlatIndex::missing) result = compare_existing(account, *known[found]);
    }
    outcome.results.push_back(result);
    if (result != R::ok) continue;
    Account& created = outcome.accounts.emplace_back(account);
    created.timestamp = base.plus_us(static_cast<std::int64_t>(i));
    index.assign(account.id, static_cast<std::uint32_t>(known.size()));
    known.push_back(&created);  // stable: outcome.accounts never reallocates (reserved)
  }
  outcome.timestamp_last =
      batch.empty() ? timestamp_last : base.plus_us(static_cast<std::int64_t>(batch.size()) - 1);
  return outcome;
}

}  // namespace drop::ledger
