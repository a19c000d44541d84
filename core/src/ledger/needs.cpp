// What a batch needs locked and loaded: sorted, unique ids.
#include <algorithm>

#include "drop/ledger/ledger.hpp"

namespace drop::ledger {
namespace {

template <typename Id>
void sort_unique(std::vector<Id>& ids) {
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
}

}  // namespace

BatchNeeds needs_for_transfers(std::span<const Transfer> batch) {
  BatchNeeds needs;
  needs.account_ids.reserve(2 * batch.size());
  needs.transfer_ids.reserve(2 * batch.size());
  for (const Transfer& transfer : batch) {
    if (id_in_range(transfer.debit_account_id)) {
      needs.account_ids.push_back(transfer.debit_account_id);
    }
    if (id_in_range(transfer.credit_account_id)) {
      needs.account_ids.push_back(transfer.credit_account_id);
    }
    if (id_in_range(transfer.id)) needs.transfer_ids.push_back(transfer.id);
    if (id_in_range(transfer.pending_id)) needs.transfer_ids.push_back(transfer.pending_id);
  }
  sort_unique(needs.account_ids);
  sort_unique(needs.transfer_ids);
  return needs;
}

std::vector<AccountId> needs_for_pendings(const BatchNeeds& needs,
                                          std::span<const TransferRecord> pendings) {
  std::vector<AccountId> extra;
  for (const TransferRecord& record : pendings) {
    for (const AccountId id : {record.transfer.debit_account_id,
                               record.transfer.credit_account_id}) {
      if (!std::binary_search(needs.account_ids.begin(), needs.account_ids.end(), id)) {
        extra.push_back(id);
      }
    }
  }
  sort_unique(extra);
  return extra;
}

}  // namespace drop::ledger
