// EPC069-12 "SEPA Credit Transfer QR" (GiroCode, "Zahlen mit Code"), versions 001 and 002.
//
// A payload is 7..12 lines (LF or CR LF, one kind throughout) in the character set named on
// line 3 (1 = UTF-8, 2..8 = ISO 8859-1/2/4/5/7/10/15); strings in EpcTransfer are the raw bytes
// in that character set, so decode + encode gives the payload back byte for byte. Rules: QR.md
// A2 (service tag, version, charset, "SCT", BIC form and v001 presence, name, IBAN mod-97,
// "EUR" amount 0.01..999999999.99 with <= 2 decimals, purpose code, ISO 11649 reference xor
// text, line maxima in characters, 331 bytes). Thread-safety: value types, pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "drop/money/money.hpp"
#include "drop/qr/errors.hpp"
#include "drop/result.hpp"

namespace drop::qr {

struct EpcTransfer {
  int version = 2;              // 1 (BIC mandatory) or 2
  int charset = 1;              // line 3: 1..8
  std::string bic;              // line 5, "" when omitted (v002 only)
  std::string name;             // line 6, beneficiary, <= 70 characters
  std::string iban;             // line 7
  std::string amount_text;      // line 8 as written ("EUR12.3"), "" when omitted
  std::optional<Money> amount;  // line 8 as EUR Money
  std::string purpose;          // line 9, ISO 20022 purpose code (4 characters) or ""
  std::string reference;        // line 10, ISO 11649 creditor reference or ""
  std::string text;             // line 11, unstructured remittance (<= 140) or ""
  std::string information;      // line 12, beneficiary-to-originator information (<= 70) or ""
  bool crlf = false;            // lines end in CR LF (else LF)
  int line_count = 0;           // lines written; 0 = as few as the populated lines need
};

// True when the payload starts like an EPC QR ("BCD" then a line break).
bool looks_like_epc(std::string_view payload);

// Decodes the payload bytes (as they are in the QR symbol). Fails with the first broken rule;
// QrError::tag is the line number (1..12), offset the character offset of that line.
Result<EpcTransfer, QrError> decode_epc(std::string_view payload);

// Writes the payload and checks it with decode_epc (fails with the same rules). When `amount`
// is set and `amount_text` does not state the same value, the amount is written as segno does
// ("EUR12.3", "EUR5": trailing zeros stripped).
Result<std::string, QrError> encode_epc(const EpcTransfer& transfer);

// "EUR" + the shortest decimal of a EUR amount: 1230 -> "EUR12.3", 500 -> "EUR5".
// REQUIRES: amount is in EUR.
std::string epc_amount_text(const Money& amount);

}  // namespace drop::qr
