// Bank identifiers: IBAN (ISO 13616, mod-97 check), BIC (ISO 9362) and the ISO 11649
// creditor reference ("RF" + mod-97 check). Used by the EPC QR codec and by transfers.
// Inputs are the electronic format: upper case, no spaces. Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <string_view>

#include "drop/result.hpp"

namespace drop::banking {

enum class IbanError : std::uint8_t {
  bad_length = 1,       // not 15..34 characters, or not the length its country uses
  bad_characters = 2,   // not 2 letters + 2 digits + upper-case letters/digits
  checksum = 3,         // the mod-97 remainder is not 1
  unknown_country = 4,  // the first two letters are not a country of the IBAN registry
};
std::string_view to_string(IbanError error);

// Validates an IBAN: country letters, check digits, BBAN of upper-case letters and digits, a
// registry country (compiled in) and its length, and mod 97 == 1.
Result<void, IbanError> validate_iban(std::string_view iban);

// A BIC: 4 letters or digits (institution), 2 letters (country), 2 letters or digits
// (location), optionally 3 letters or digits (branch): 8 or 11 characters, upper case.
bool is_valid_bic(std::string_view bic);

// An ISO 11649 creditor reference: "RF", 2 check digits, 1..21 upper-case letters or digits,
// mod 97 == 1 (e.g. "RF18539007547034").
bool is_valid_creditor_reference(std::string_view reference);

}  // namespace drop::banking
