// The payment-QR rule catalogue: every reason the EMV MPM and EPC069-12 decoders can refuse a
// payload, named as in docs (QR.md, "Validation error catalogue"), with where it happened.
//
// A QrError carries the rule, the data object (EMV tag "59", nested "62.05"; EPC line number)
// and the offset in characters (Unicode code points) from the start of the payload, so a
// message reads "TOO_LONG_60 at tag 60, offset 87". Thread-safety: value types.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace drop::qr {

enum class QrRule : std::uint8_t {
  // Input as a whole (both formats).
  empty_input = 1,
  whitespace_around,  // leading or trailing spaces (scanner noise); never trimmed silently
  newline_suffix,     // a trailing CR or LF
  nul_byte,
  invalid_utf8,
  payload_too_long,  // over the profile's byte maximum (QR capacity 2331 bytes at v40-M)
  garbage,           // the TLV structure is broken and it does not even start with "000201"
  // EMV framing.
  non_numeric_id,
  non_numeric_length,
  truncated_header,  // fewer than 4 characters left for an ID and a length
  length_overrun,    // a value runs past the end although the payload ends in a CRC object
  truncated,         // a value runs past the end of a payload that was cut short
  length_mismatch,   // a fixed-length object (52 = 4 ...) declares another length
  duplicate_id,
  pfi_not_first,
  pfi_value,
  poi_value,
  crc_missing,
  crc_not_last,
  crc_format,
  crc_lowercase,  // strict only: EMV writes the CRC in upper-case hex
  crc_mismatch,
  mai_missing,
  missing,        // MISSING_<tag>: 52, 53, 58, 59, 60
  format,         // FORMAT_<tag>: 52, 53, 54, 56, 57, 58
  too_long,       // TOO_LONG_<tag>: 59, 60, 61 and every other length maximum
  non_ans_chars,  // NON_ANS_CHARS_<tag>: outside printable ASCII in an "ans" object
  rfu_id_present,
  tip02_without_56,
  tip03_without_57,
  tip_value,
  lang_template_mandatory,
  template_not_tlv,
  template_sublength,
  unreserved_primitive,
  expiration_timestamp_required,  // scheme rule (KHQR): a dynamic code carries tag 99
  // EPC069-12.
  epc_service_tag,
  epc_version,
  epc_charset,
  epc_identification,
  epc_line_count,
  epc_separator,
  epc_character_set,  // a byte the declared character set does not allow
  epc_bic_required,
  epc_bic_format,
  epc_name_required,
  epc_too_long,  // a line over its maximum (element named by the line number)
  epc_iban,
  epc_amount_format,
  epc_amount_range,
  epc_purpose_format,
  epc_reference_format,
  epc_reference_and_text,
  epc_payload_too_long,  // over 331 bytes (QR version 13 at level M)
};

// No object: the error concerns the payload as a whole.
inline constexpr std::uint8_t kNoTag = 0xFF;

struct QrError {
  QrRule rule;
  std::uint8_t tag = kNoTag;      // EMV tag 0..99 or EPC line 1..12; kNoTag for none
  std::uint8_t sub_tag = kNoTag;  // EMV sub-object inside a template, else kNoTag
  std::uint32_t offset = 0;       // characters from the start of the payload

  friend bool operator==(const QrError&, const QrError&) = default;
};

// The catalogue name: "CRC_MISMATCH", "MISSING_59", "NON_ANS_CHARS_59", "EPC_IBAN".
std::string rule_name(const QrError& error);
// One line: "<RULE> at tag 59, offset 73" (EMV), "<RULE> at line 7, offset 40" (EPC).
std::string describe(const QrError& error);
// True for rules of the EPC069-12 decoder (their tag is a line number).
bool is_epc_rule(QrRule rule);

}  // namespace drop::qr
