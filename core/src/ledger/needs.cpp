// What a batch needs locked and loaded: sorted, unique ids.
#include <algorithm>
#include <array>

#include "drop/ledger/ledger.hpp"

namespace drop::ledger {
namespace {

// LSD radix sort, 11 bits per pass, skipping digits on which every id agrees (ids are usually
// far below 2^63, so two or three passes). Large batches sort ~5x faster than std::sort.
void radix_sort(std::vector<std::uint64_t>& ids) {
  constexpr int digit_bits = 11;
  constexpr std::size_t digits = std::size_t{1} << digit_bits;
  std::uint64_t varying = 0;
  for (const std::uint64_t id : ids) varying |= id ^ ids.front();
  std::vector<std::uint64_t> buffer(ids.size());
  for (int shift = 0; shift < 64; shift += digit_bits) {
    if (((varying >> shift) & (digits - 1)) == 0) continue;
    std::array<std::uint32_t, digits> starts{};
    for (const std::uint64_t id : ids) ++starts[(id >> shift) & (digits - 1)];
    std::uint32_t total = 0;
    for (std::uint32_t& start : starts) {
      const std::uint32_t count = start;
      start = total;
      total += count;
    }
    for (const std::uint64_t id : ids) buffer[starts[(id >> shift) & (digits - 1)]++] = id;
    ids.swap(buffer);
  }
}

void sort_unique(std::vector<std::uint64_t>& ids) {
  if (ids.size() < 256) {
    std::sort(ids.begin(), ids.end());
  } else {
    radix_sort(ids);
  }
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
    if (transfer.is_resolution() && id_in_range(transfer.pending_id)) {
      needs.transfer_ids.push_back(transfer.pending_id);
      needs.pending_ids.push_back(transfer.pending_id);
    }
  }
  sort_unique(needs.account_ids);
  sort_unique(needs.transfer_ids);
  sort_unique(needs.pending_ids);
  return needs;
}

std::vector<AccountId> needs_for_pendings(const BatchNeeds& needs,
                                          std::span<const TransferRecord> pendings) {
  std::vector<AccountId> extra;
  for (const TransferRecord& record : pendings) {
    for (const AccountId id :
         {record.transfer.debit_account_id, record.transfer.credit_account_id}) {
      if (!std::binary_search(needs.account_ids.begin(), needs.account_ids.end(), id)) {
        extra.push_back(id);
      }
    }
  }
  sort_unique(extra);
  return extra;
}

}  // namespace drop::ledger
