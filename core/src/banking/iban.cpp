#include "drop/banking/iban.hpp"

#include <array>

namespace drop::banking {

namespace {

struct CountryLength {
  char country[3];
  std::uint8_t length;
};

// IBAN lengths per country (SWIFT IBAN registry, the 87 countries listed up to 2023), sorted
// by country code. Territories that use another country's format (GF, GP, JE, ...) have none.
constexpr CountryLength kLengths[] = {
    {"AD", 24}, {"AE", 23}, {"AL", 28}, {"AT", 20}, {"AZ", 28}, {"BA", 20}, {"BE", 16}, {"BG", 22},
    {"BH", 22}, {"BR", 29}, {"BY", 28}, {"CH", 21}, {"CR", 22}, {"CY", 28}, {"CZ", 24}, {"DE", 22},
    {"DK", 18}, {"DO", 28}, {"EE", 20}, {"EG", 29}, {"ES", 24}, {"FI", 18}, {"FK", 18}, {"FO", 18},
    {"FR", 27}, {"GB", 22}, {"GE", 22}, {"GI", 23}, {"GL", 18}, {"GR", 27}, {"GT", 28}, {"HR", 21},
    {"HU", 28}, {"IE", 22}, {"IL", 23}, {"IQ", 23}, {"IS", 26}, {"IT", 27}, {"JO", 30}, {"KW", 30},
    {"KZ", 20}, {"LB", 28}, {"LC", 32}, {"LI", 21}, {"LT", 20}, {"LU", 20}, {"LV", 21}, {"LY", 25},
    {"MC", 27}, {"MD", 24}, {"ME", 22}, {"MK", 19}, {"MN", 20}, {"MR", 27}, {"MT", 31}, {"MU", 30},
    {"NI", 28}, {"NL", 18}, {"NO", 15}, {"OM", 23}, {"PK", 24}, {"PL", 28}, {"PS", 29}, {"PT", 25},
    {"QA", 29}, {"RO", 24}, {"RS", 22}, {"RU", 33}, {"SA", 24}, {"SC", 31}, {"SD", 18}, {"SE", 24},
    {"SI", 19}, {"SK", 24}, {"SM", 27}, {"SO", 23}, {"ST", 25}, {"SV", 28}, {"TL", 23}, {"TN", 24},
    {"TR", 26}, {"UA", 29}, {"VA", 22}, {"VG", 24}, {"XK", 20},
};

bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_upper_or_digit(char c) { return is_upper(c) || is_digit(c); }

// The ISO 7064 mod-97-10 remainder of `text` rotated by four (letters count as 10..35).
int mod97_rotated(std::string_view text) {
  int remainder = 0;
  auto feed = [&remainder](char c) {
    if (is_digit(c)) {
      remainder = (remainder * 10 + (c - '0')) % 97;
    } else {
      remainder = (remainder * 100 + (c - 'A' + 10)) % 97;
    }
  };
  for (const char c : text.substr(4)) feed(c);
  for (const char c : text.substr(0, 4)) feed(c);
  return remainder;
}

}  // namespace

std::string_view to_string(IbanError error) {
  switch (error) {
    case IbanError::bad_length:
      return "bad_length";
    case IbanError::bad_characters:
      return "bad_characters";
    case IbanError::checksum:
      return "checksum";
    case IbanError::unknown_country:
      return "unknown_country";
  }
  return "unknown";
}

Result<void, IbanError> validate_iban(std::string_view iban) {
  if (iban.size() < 15 || iban.size() > 34) return Err{IbanError::bad_length};
  if (!is_upper(iban[0]) || !is_upper(iban[1]) || !is_digit(iban[2]) || !is_digit(iban[3])) {
    return Err{IbanError::bad_characters};
  }
  for (const char c : iban.substr(4)) {
    if (!is_upper_or_digit(c)) return Err{IbanError::bad_characters};
  }
  const CountryLength* country = nullptr;
  for (const CountryLength& entry : kLengths) {
    if (iban.substr(0, 2) == entry.country) country = &entry;
  }
  if (country == nullptr) return Err{IbanError::unknown_country};
  if (iban.size() != country->length) return Err{IbanError::bad_length};
  if (mod97_rotated(iban) != 1) return Err{IbanError::checksum};
  return {};
}

bool is_valid_bic(std::string_view bic) {
  if (bic.size() != 8 && bic.size() != 11) return false;
  for (std::size_t i = 0; i < bic.size(); ++i) {
    const char c = bic[i];
    const bool ok = (i == 4 || i == 5) ? is_upper(c) : is_upper_or_digit(c);
    if (!ok) return false;
  }
  return true;
}

bool is_valid_creditor_reference(std::string_view reference) {
  if (reference.size() < 5 || reference.size() > 25) return false;
  if (reference[0] != 'R' || reference[1] != 'F' || !is_digit(reference[2]) ||
      !is_digit(reference[3])) {
    return false;
  }
  for (const char c : reference.substr(4)) {
    if (!is_upper_or_digit(c)) return false;
  }
  return mod97_rotated(reference) == 1;
}

}  // namespace drop::banking
