// EMV MPM content rules (private): presence, formats, lengths, character sets, scheme rules.
#pragma once

#include <optional>
#include <string_view>

#include "drop/qr/emv.hpp"

namespace drop::qr {

struct EmvAmounts {
  std::optional<Currency> currency;
  std::optional<Money> amount;
};

// The first content rule the payload breaks under `profile`, in catalogue order; fills
// `amounts` when it breaks none.
std::optional<QrError> check_rules(const EmvPayload& payload, const EmvProfile& profile,
                                   EmvAmounts* amounts);

// EMV amount: 1..13 characters, digits and at most one ".", at least one digit ("98.73", "98",
// "98.", ".5"). Sets the decimals count and, when decimals <= exponent, the minor units.
// Returns false for anything else.
bool parse_emv_amount(std::string_view text, int exponent, int* decimals,
                      std::int64_t* amount_minor);

// A merchant-account GUID: an AID or hyphen-less UUID (10..32 hex digits, even count), a
// reverse domain name (contains "."), or a KHQR/Bakong account id (contains "@").
bool is_plausible_guid(std::string_view guid);

}  // namespace drop::qr
