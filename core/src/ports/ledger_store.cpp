// Small non-virtual helpers of the LedgerStore port and PortError names.
#include "drop/ports/ledger_store.hpp"

namespace drop::ports {

std::string_view to_string(PortErrorKind kind) {
  switch (kind) {
    case PortErrorKind::unavailable:
      return "unavailable";
    case PortErrorKind::timeout:
      return "timeout";
    case PortErrorKind::conflict:
      return "conflict";
    case PortErrorKind::corrupt:
      return "corrupt";
    case PortErrorKind::invalid:
      return "invalid";
    case PortErrorKind::internal:
      return "internal";
  }
  return "unknown";
}

Result<ledger::VerifyReport, PortError> verify_store(LedgerStore& store) {
  auto snapshot = store.snapshot();
  if (!snapshot.ok()) return Err{snapshot.error()};
  return ledger::verify(snapshot.value());
}

}  // namespace drop::ports
