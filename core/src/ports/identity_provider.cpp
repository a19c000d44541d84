#include "drop/ports/identity_provider.hpp"

namespace drop::ports {

std::string_view to_string(SignInRefusal refusal) {
  switch (refusal) {
    case SignInRefusal::unknown_state:
      return "unknown_state";
    case SignInRefusal::expired_state:
      return "expired_state";
    case SignInRefusal::code_rejected:
      return "code_rejected";
    case SignInRefusal::invalid_token:
      return "invalid_token";
    case SignInRefusal::provider_error:
      return "provider_error";
    case SignInRefusal::unavailable:
      return "unavailable";
  }
  return "unknown";
}

}  // namespace drop::ports
