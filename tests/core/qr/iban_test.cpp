// IBAN (mod-97 and country length), BIC form and ISO 11649 creditor references, on published
// examples and single-character corruptions of them.
#include "drop/banking/iban.hpp"

#include <catch2/catch.hpp>

using drop::banking::IbanError;
using drop::banking::validate_iban;

TEST_CASE("IBAN: published examples pass, corruptions fail with the right reason") {
  for (const char* iban :
       {"DE71110220330123456789", "FR1420041010050500013M02606", "BE72000000001616",
        "DE33100205000001194700", "NO9386011117947", "GB82WEST12345698765432"}) {
    INFO(iban);
    CHECK(validate_iban(iban).ok());
  }
  CHECK(validate_iban("DE71110220330123456788").error() == IbanError::checksum);
  CHECK(validate_iban("NO9386011117948").error() == IbanError::checksum);
  CHECK(validate_iban("DE7111022033012345678").error() == IbanError::bad_length);
  CHECK(validate_iban("NO938601111794").error() == IbanError::bad_length);
  CHECK(validate_iban("de71110220330123456789").error() == IbanError::bad_characters);
  CHECK(validate_iban("DE71 1102 2033 0123 4567 89").error() == IbanError::bad_characters);
  CHECK(validate_iban("DE7111022033012345678 ").error() == IbanError::bad_characters);
  CHECK(validate_iban("").error() == IbanError::bad_length);
  // Found by the fuzzer: a valid mod-97 with a country that has no IBANs.
  CHECK(validate_iban("RF00019074M0819").error() == IbanError::unknown_country);
  CHECK(validate_iban("ZZ68539007547034").error() == IbanError::unknown_country);
  CHECK(validate_iban(std::string(35, '1')).error() == IbanError::bad_length);
}

TEST_CASE("BIC: 8 or 11 characters, letters for the country") {
  CHECK(drop::banking::is_valid_bic("BHBLDEHHXXX"));
  CHECK(drop::banking::is_valid_bic("BPOTBEB1"));
  CHECK(drop::banking::is_valid_bic("DNBANOKK"));
  CHECK_FALSE(drop::banking::is_valid_bic("BHBLDEHHXX"));
  CHECK_FALSE(drop::banking::is_valid_bic("BHBL1EHH"));
  CHECK_FALSE(drop::banking::is_valid_bic("bhbldehh"));
  CHECK_FALSE(drop::banking::is_valid_bic(""));
}

TEST_CASE("ISO 11649 creditor reference: RF + mod 97") {
  CHECK(drop::banking::is_valid_creditor_reference("RF18539007547034"));
  CHECK(drop::banking::is_valid_creditor_reference("RF712348231"));
  CHECK_FALSE(drop::banking::is_valid_creditor_reference("RF18539007547035"));
  CHECK_FALSE(drop::banking::is_valid_creditor_reference("Urgency fund"));
  CHECK_FALSE(drop::banking::is_valid_creditor_reference("RF1"));
}
