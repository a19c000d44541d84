// Drop's own EMV MPM scheme: how a friend asks to be paid and how a shop shows a Drop code.
//
//   26 merchant account template: 00 GUID "no.getdrop", 01 payee id, 02 payment-request id
//   52 "0000" (person to person), 53 "578" (NOK), 58 "NO", 59 name, 60 city
//   01 "12" dynamic with 54 amount, or "11" static without (the payer types the amount)
//   62 additional data: 05 reference label
// A Drop QR is "payable" when it passes every strict EMV rule and every rule above.
// Thread-safety: pure functions.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "drop/money/money.hpp"
#include "drop/qr/emv.hpp"
#include "drop/qr/errors.hpp"
#include "drop/result.hpp"

namespace drop::qr {

inline constexpr std::string_view kDropGuid = "no.getdrop";

struct DropPaymentRequest {
  std::string payee_id;                // 26.01, printable ASCII
  std::string request_id;              // 26.02, printable ASCII
  std::optional<Money> amount;         // NOK, > 0: a dynamic code; absent: static
  std::string reference;               // 62.05, <= 25 characters, "" for none
  std::string merchant_name;           // 59, <= 25 characters (the payee's display name)
  std::string merchant_city = "Oslo";  // 60, <= 15 characters
};

// The payload of a Drop QR in canonical order. Fails with the rule the request would break
// (an amount in another currency or not positive is FORMAT_54; over-long or non-ASCII ids are
// TOO_LONG_26 / NON_ANS_CHARS_26).
Result<std::string, QrError> build_drop_qr(const DropPaymentRequest& request);

struct DropQr {
  std::string payee_id;
  std::string request_id;
  std::string reference;
  std::optional<Money> amount;  // present exactly when dynamic
  bool dynamic = false;
};

// The Drop payment in a decoded payload, or nullopt when it is not a payable Drop QR.
std::optional<DropQr> read_drop_qr(const EmvPayload& payload);

}  // namespace drop::qr
