#include "drop/remittance/remittance.hpp"

#include <charconv>

namespace drop::remittance {

Money zero_nok() { return Money(0, Currency::from_code("NOK").value()); }

std::string_view to_string(Status status) {
  switch (status) {
    case Status::processing:
      return "processing";
    case Status::completed:
      return "completed";
    case Status::failed:
      return "failed";
    case Status::pending:
      return "pending";
    case Status::rejected:
      return "rejected";
    case Status::refunded:
      return "refunded";
  }
  return "processing";
}

bool is_visible(Status status) { return status != Status::pending && status != Status::rejected; }

std::optional<Status> parse_status(std::string_view text) {
  if (text == "processing") return Status::processing;
  if (text == "completed") return Status::completed;
  if (text == "failed") return Status::failed;
  if (text == "refunded") return Status::refunded;
  if (text == "pending") return Status::pending;
  if (text == "rejected") return Status::rejected;
  return std::nullopt;
}

std::string remittance_id(std::uint64_t ledger_base_id) {
  return "trf_" + std::to_string(ledger_base_id);
}

std::optional<std::uint64_t> parse_remittance_id(std::string_view id) {
  if (!id.starts_with("trf_")) return std::nullopt;
  id.remove_prefix(4);
  if (id.empty() || id.size() > 19 || id[0] == '0') return std::nullopt;
  std::uint64_t value = 0;
  const auto [end, error] = std::from_chars(id.data(), id.data() + id.size(), value);
  if (error != std::errc() || end != id.data() + id.size()) return std::nullopt;
  if (value % leg_count_max != 0 || value < (std::uint64_t{1} << 32) ||
      value > (std::uint64_t{1} << 63) - leg_count_max) {
    return std::nullopt;
  }
  return value;
}

bool sandbox_payout_fails(std::string_view iban) {
  return iban.size() >= 4 && iban.substr(iban.size() - 4) == "0000";
}

}  // namespace drop::remittance
