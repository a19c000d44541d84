// An independent, deliberately plain model of the ledger for the property test: std::map state,
// one transfer at a time, linked chains undone by replaying an undo list. It restates the rules
// of results.hpp / entry.hpp in the most direct way, without the engine's indexes, overlays or
// outcome vectors, so that the engine and the model can be compared after every batch.
#pragma once

#include <algorithm>
#include <functional>
#include <map>
#include <set>
#include <span>
#include <vector>

#include "drop/ledger/ledger.hpp"
#include "drop/limits.hpp"

namespace ledger_model {

using namespace drop::ledger;  // NOLINT: test brevity
using drop::Timestamp;
using R = CreateTransferResult;

class Model {
 public:
  std::map<AccountId, Account> accounts;
  std::map<TransferId, TransferRecord> transfers;
  std::set<TransferId> failed;
  std::set<std::pair<std::int64_t, TransferId>> pending_with_timeout;  // (expires_at_us, id)
  Timestamp last{};

  std::vector<CreateAccountResult> create_accounts(std::span<const Account> batch, Timestamp now) {
    std::vector<CreateAccountResult> results;
    const Timestamp base = std::max(now, last.plus_us(1));
    for (std::size_t i = 0; i < batch.size(); ++i) {
      const Account& a = batch[i];
      const auto it = accounts.find(a.id);
      if (it == accounts.end()) {
        Account created = a;
        created.timestamp = base.plus_us(static_cast<std::int64_t>(i));
        accounts.emplace(a.id, created);
        results.push_back(CreateAccountResult::ok);
      } else if (it->second.flags != a.flags) {
        results.push_back(CreateAccountResult::exists_with_different_flags);
      } else if (it->second.currency != a.currency) {
        results.push_back(CreateAccountResult::exists_with_different_currency);
      } else if (it->second.kind != a.kind) {
        results.push_back(CreateAccountResult::exists_with_different_kind);
      } else {
        results.push_back(CreateAccountResult::exists);
      }
    }
    if (!batch.empty()) last = base.plus_us(static_cast<std::int64_t>(batch.size()) - 1);
    return results;
  }

  // Applies a batch; returns the results and appends the created records to `created`.
  std::vector<R> create_transfers(std::span<const Transfer> batch, Timestamp now,
                                  std::vector<TransferRecord>& created) {
    std::vector<R> results(batch.size(), R::ok);
    const Timestamp base = std::max(now, last.plus_us(1));
    std::size_t chain_start = 0;
    bool in_chain = false;
    bool broken = false;
    std::size_t created_at_chain = 0;
    for (std::size_t i = 0; i < batch.size(); ++i) {
      const Transfer& t = batch[i];
      const bool linked = (t.flags & transfer_flags::linked) != 0;
      if (linked && !in_chain) {
        in_chain = true;
        chain_start = i;
        broken = false;
        undo_.clear();
        created_at_chain = created.size();
      }
      const Timestamp ts = base.plus_us(static_cast<std::int64_t>(i));
      R r = R::ok;
      if (linked && i + 1 == batch.size()) {
        r = R::linked_event_chain_open;
      } else if (in_chain && broken) {
        r = R::linked_event_failed;
      } else {
        r = create(t, ts, created);
      }
      results[i] = r;
      if (r != R::ok && r != R::exists && in_chain && !broken) {
        broken = true;
        for (auto u = undo_.rbegin(); u != undo_.rend(); ++u) (*u)();
        undo_.clear();
        created.erase(created.begin() + static_cast<std::ptrdiff_t>(created_at_chain),
                      created.end());
        for (std::size_t j = chain_start; j < i; ++j) {
          if (results[j] != R::exists) results[j] = R::linked_event_failed;
        }
      }
      if (r != R::ok && is_state_dependent(r)) failed.insert(t.id);
      if (!in_chain) undo_.clear();
      if (in_chain && (!linked || i + 1 == batch.size())) {
        in_chain = false;
        undo_.clear();
      }
    }
    if (!batch.empty()) last = base.plus_us(static_cast<std::int64_t>(batch.size()) - 1);
    return results;
  }

  // The expiry sweep: the due pendings (earliest expiry first, at most `limit`), by id.
  std::vector<TransferId> expire(Timestamp now, std::size_t limit) {
    std::vector<std::pair<std::int64_t, TransferId>> due;
    for (const auto& [at, id] : pending_with_timeout) {
      if (at > now.unix_us || due.size() == limit) break;
      due.emplace_back(at, id);
    }
    std::vector<TransferId> ids;
    for (const auto& [at, id] : due) ids.push_back(id);
    std::sort(ids.begin(), ids.end());
    for (const TransferId id : ids) {
      TransferRecord& p = transfers.at(id);
      accounts.at(p.transfer.debit_account_id).debits_pending -= p.transfer.amount_minor;
      accounts.at(p.transfer.credit_account_id).credits_pending -= p.transfer.amount_minor;
      p.status = PendingStatus::expired;
      pending_with_timeout.erase({p.transfer.expires_at().unix_us, id});
    }
    if (!ids.empty()) {
      last = std::max(now, last.plus_us(1)).plus_us(static_cast<std::int64_t>(ids.size()) - 1);
    }
    return ids;
  }

 private:
  std::vector<std::function<void()>> undo_;

  void add(std::int64_t& column, std::int64_t delta) {
    column += delta;
    undo_.push_back([&column, delta] { column -= delta; });
  }
  void set_status(TransferRecord& record, PendingStatus status) {
    const PendingStatus old = record.status;
    record.status = status;
    undo_.push_back([&record, old] { record.status = old; });
  }
  void insert(const TransferRecord& record, std::vector<TransferRecord>& created) {
    const TransferId id = record.transfer.id;
    transfers.emplace(id, record);
    const bool expires = record.status == PendingStatus::pending && record.transfer.timeout_s != 0;
    const std::pair<std::int64_t, TransferId> key{record.transfer.expires_at().unix_us, id};
    if (expires) pending_with_timeout.insert(key);
    undo_.push_back([this, id, key] {
      transfers.erase(id);
      pending_with_timeout.erase(key);
    });
    created.push_back(record);
  }

  static bool differs(std::uint64_t retry, std::uint64_t stored, bool inherit) {
    return inherit ? retry != 0 && retry != stored : retry != stored;
  }

  R compare(const Transfer& t, const Transfer& e) const {
    const bool inherit = t.is_resolution();
    if (t.flags != e.flags) return R::exists_with_different_flags;
    if (t.pending_id != e.pending_id) return R::exists_with_different_pending_id;
    if (t.timeout_s != e.timeout_s) return R::exists_with_different_timeout;
    if (differs(t.debit_account_id, e.debit_account_id, inherit)) {
      return R::exists_with_different_debit_account_id;
    }
    if (differs(t.credit_account_id, e.credit_account_id, inherit)) {
      return R::exists_with_different_credit_account_id;
    }
    if (differs(static_cast<std::uint64_t>(t.amount_minor),
                static_cast<std::uint64_t>(e.amount_minor), inherit)) {
      return R::exists_with_different_amount;
    }
    if (t.currency != e.currency) return R::exists_with_different_currency;
    if (differs(t.code, e.code, inherit)) return R::exists_with_different_code;
    if (t.reference != e.reference) return R::exists_with_different_reference;
    return R::exists;
  }

  R create(const Transfer& t, Timestamp ts, std::vector<TransferRecord>& created) {
    if (t.id == 0) return R::id_must_not_be_zero;
    if (const auto it = transfers.find(t.id); it != transfers.end()) {
      return compare(t, it->second.transfer);
    }
    if (failed.count(t.id) != 0) return R::id_already_failed;
    return t.is_resolution() ? resolve(t, ts, created) : single(t, ts, created);
  }

  R single(const Transfer& t, Timestamp ts, std::vector<TransferRecord>& created) {
    if (t.debit_account_id == t.credit_account_id) return R::accounts_must_be_different;
    if (t.amount_minor == 0) return R::amount_must_not_be_zero;
    const auto dr = accounts.find(t.debit_account_id);
    if (dr == accounts.end()) return R::debit_account_not_found;
    const auto cr = accounts.find(t.credit_account_id);
    if (cr == accounts.end()) return R::credit_account_not_found;
    Account& d = dr->second;
    Account& c = cr->second;
    if (d.currency != c.currency) return R::accounts_must_have_same_currency;
    if (t.currency != d.currency) return R::transfer_must_have_the_same_currency_as_accounts;
    // Amounts in this test are small: no overflow is reachable (asserted by verify's checks).
    if (d.has_flag(account_flags::debits_must_not_exceed_credits) &&
        d.debits_posted + d.debits_pending + t.amount_minor > d.credits_posted) {
      return R::exceeds_credits;
    }
    if (c.has_flag(account_flags::credits_must_not_exceed_debits) &&
        c.credits_posted + c.credits_pending + t.amount_minor > c.debits_posted) {
      return R::exceeds_debits;
    }
    const bool pending = (t.flags & transfer_flags::pending) != 0;
    add(pending ? d.debits_pending : d.debits_posted, t.amount_minor);
    add(pending ? c.credits_pending : c.credits_posted, t.amount_minor);
    TransferRecord record{t, pending ? PendingStatus::pending : PendingStatus::none};
    record.transfer.timestamp = ts;
    insert(record, created);
    return R::ok;
  }

  R resolve(const Transfer& t, Timestamp ts, std::vector<TransferRecord>& created) {
    if (t.pending_id == 0) return R::pending_id_must_not_be_zero;
    const auto it = transfers.find(t.pending_id);
    if (it == transfers.end()) return R::pending_transfer_not_found;
    TransferRecord& p = it->second;
    if (p.status == PendingStatus::none) return R::pending_transfer_not_pending;
    if (differs(t.debit_account_id, p.transfer.debit_account_id, true)) {
      return R::pending_transfer_has_different_debit_account_id;
    }
    if (differs(t.credit_account_id, p.transfer.credit_account_id, true)) {
      return R::pending_transfer_has_different_credit_account_id;
    }
    const bool post = (t.flags & transfer_flags::post_pending) != 0;
    const std::int64_t amount = t.amount_minor == 0 ? p.transfer.amount_minor : t.amount_minor;
    if (post && amount > p.transfer.amount_minor) return R::exceeds_pending_transfer_amount;
    if (!post && amount != p.transfer.amount_minor) return R::pending_transfer_has_different_amount;
    if (p.status == PendingStatus::posted) return R::pending_transfer_already_posted;
    if (p.status == PendingStatus::voided) return R::pending_transfer_already_voided;
    if (p.status == PendingStatus::expired) return R::pending_transfer_expired;
    if (p.transfer.expires_at() <= ts) return R::pending_transfer_expired;
    Account& d = accounts.at(p.transfer.debit_account_id);
    Account& c = accounts.at(p.transfer.credit_account_id);
    add(d.debits_pending, -p.transfer.amount_minor);
    add(c.credits_pending, -p.transfer.amount_minor);
    if (post) {
      add(d.debits_posted, amount);
      add(c.credits_posted, amount);
    }
    set_status(p, post ? PendingStatus::posted : PendingStatus::voided);
    const std::pair<std::int64_t, TransferId> key{p.transfer.expires_at().unix_us, p.transfer.id};
    if (pending_with_timeout.erase(key) != 0) {
      undo_.push_back([this, key] { pending_with_timeout.insert(key); });
    }
    TransferRecord record{t, PendingStatus::none};
    record.transfer.debit_account_id = p.transfer.debit_account_id;
    record.transfer.credit_account_id = p.transfer.credit_account_id;
    record.transfer.amount_minor = amount;
    record.transfer.code = p.transfer.code;
    record.transfer.timestamp = ts;
    insert(record, created);
    return R::ok;
  }
};

}  // namespace ledger_model
