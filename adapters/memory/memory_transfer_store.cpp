#include "drop/adapters/memory/memory_transfer_store.hpp"

#include <algorithm>

#include "drop/remittance/cursor.hpp"

namespace drop::adapters::memory {

using ports::PortError;
using remittance::Remittance;

Result<void, PortError> MemoryTransferStore::insert(const Remittance& remittance) {
  std::lock_guard lock(mutex_);
  if (rows_.contains(remittance.id)) {
    return Err{PortError{PortError::Kind::conflict, "remittance id exists"}};
  }
  for (const auto& [id, row] : rows_) {
    if (row.remittance.quote_id == remittance.quote_id &&
        row.remittance.status != remittance::Status::rejected) {
      return Err{PortError{PortError::Kind::conflict, "quote already used by a remittance"}};
    }
  }
  rows_[remittance.id] = Row{remittance, {{remittance.status, "", remittance.created_at}}};
  return {};
}

Result<std::optional<Remittance>, PortError> MemoryTransferStore::find(std::string_view id) {
  std::lock_guard lock(mutex_);
  const auto found = rows_.find(id);
  if (found == rows_.end()) return std::optional<Remittance>();
  return std::optional<Remittance>(found->second.remittance);
}

Result<ports::RemittancePage, PortError> MemoryTransferStore::list_by_user(
    std::string_view user_id, std::size_t limit, std::optional<std::string_view> cursor) {
  std::optional<remittance::Cursor> after;
  if (cursor) {
    after = remittance::parse_cursor(*cursor);
    if (!after) return Err{PortError{PortError::Kind::invalid, "malformed cursor"}};
  }
  std::lock_guard lock(mutex_);
  std::vector<const Remittance*> mine;
  for (const auto& [id, row] : rows_) {
    const Remittance& item = row.remittance;
    if (item.user_id != user_id || !remittance::is_visible(item.status)) continue;
    if (after && std::make_pair(item.created_at.unix_us, item.id) >=
                     std::make_pair(after->created_at_us, after->id)) {
      continue;
    }
    mine.push_back(&item);
  }
  std::sort(mine.begin(), mine.end(), [](const Remittance* a, const Remittance* b) {
    return std::make_pair(a->created_at.unix_us, a->id) >
           std::make_pair(b->created_at.unix_us, b->id);
  });
  ports::RemittancePage page;
  for (std::size_t i = 0; i < mine.size() && i < limit; ++i) page.items.push_back(*mine[i]);
  if (mine.size() > limit) page.next_cursor = remittance::format_cursor(page.items.back());
  return page;
}

Result<std::vector<Remittance>, PortError> MemoryTransferStore::list_unfinished(
    Timestamp changed_before, std::size_t limit) {
  using remittance::Status;
  std::lock_guard lock(mutex_);
  std::vector<Remittance> processing;
  for (const auto& [id, row] : rows_) {
    const Status status = row.remittance.status;
    if ((status == Status::pending || status == Status::processing || status == Status::failed) &&
        row.remittance.updated_at < changed_before) {
      processing.push_back(row.remittance);
    }
  }
  std::sort(processing.begin(), processing.end(),
            [](const Remittance& a, const Remittance& b) { return a.updated_at < b.updated_at; });
  if (processing.size() > limit) processing.resize(limit);
  return processing;
}

Result<bool, PortError> MemoryTransferStore::transition(std::string_view id,
                                                        remittance::Status from,
                                                        remittance::Status to,
                                                        std::string_view detail, Timestamp now) {
  std::lock_guard lock(mutex_);
  const auto found = rows_.find(id);
  if (found == rows_.end() || found->second.remittance.status != from) return false;
  found->second.remittance.status = to;
  found->second.remittance.updated_at = now;
  found->second.events.push_back({to, std::string(detail), now});
  return true;
}

Result<std::vector<remittance::Event>, PortError> MemoryTransferStore::events(std::string_view id) {
  std::lock_guard lock(mutex_);
  const auto found = rows_.find(id);
  if (found == rows_.end()) return std::vector<remittance::Event>();
  return found->second.events;
}

}  // namespace drop::adapters::memory
