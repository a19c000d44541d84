#include "drop/users/user.hpp"

namespace drop::users {

std::string_view to_string(KycStatus status) {
  switch (status) {
    case KycStatus::none:
      return "none";
    case KycStatus::pending:
      return "pending";
    case KycStatus::approved:
      return "approved";
    case KycStatus::retry:
      return "retry";
    case KycStatus::rejected:
      return "rejected";
  }
  return "none";
}

std::optional<KycStatus> parse_kyc_status(std::string_view text) {
  for (KycStatus status : {KycStatus::none, KycStatus::pending, KycStatus::approved,
                           KycStatus::retry, KycStatus::rejected}) {
    if (to_string(status) == text) return status;
  }
  return std::nullopt;
}

}  // namespace drop::users
