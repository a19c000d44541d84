// Helpers for LedgerStore lookups shared by the database adapters: which requested ids can name
// a row, and putting the rows found back in the order they were asked for.
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <span>
#include <unordered_map>
#include <vector>

#include "drop/ledger/account.hpp"

namespace drop::ledger {

// The ids that can name a ledger row (id_in_range), in the order given.
inline std::vector<std::uint64_t> ids_in_range(std::span<const std::uint64_t> ids) {
  std::vector<std::uint64_t> valid;
  valid.reserve(ids.size());
  for (const std::uint64_t id : ids) {
    if (id_in_range(id)) valid.push_back(id);
  }
  return valid;
}

// `found` (any order, at most one row per id) in the order of `ids`; ids without a row are
// skipped, an id asked twice gets its row twice. `id_of(row)` gives a row's id.
template <typename Row, typename IdOf>
std::vector<Row> in_requested_order(const std::vector<Row>& found,
                                    std::span<const std::uint64_t> ids, IdOf id_of) {
  std::unordered_map<std::uint64_t, const Row*> by_id;
  by_id.reserve(found.size());
  for (const Row& row : found) by_id.emplace(id_of(row), &row);
  std::vector<Row> ordered;
  ordered.reserve(ids.size());
  for (const std::uint64_t id : ids) {
    if (auto it = by_id.find(id); it != by_id.end()) ordered.push_back(*it->second);
  }
  return ordered;
}

}  // namespace drop::ledger
