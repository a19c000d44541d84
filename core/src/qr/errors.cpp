#include "drop/qr/errors.hpp"

#include <fmt/format.h>

namespace drop::qr {

namespace {

std::string_view base_name(QrRule rule) {
  switch (rule) {
    case QrRule::empty_input:
      return "EMPTY_INPUT";
    case QrRule::whitespace_around:
      return "WHITESPACE_AROUND";
    case QrRule::newline_suffix:
      return "NEWLINE_SUFFIX";
    case QrRule::nul_byte:
      return "NUL_BYTE";
    case QrRule::invalid_utf8:
      return "INVALID_UTF8";
    case QrRule::payload_too_long:
      return "PAYLOAD_TOO_LONG";
    case QrRule::garbage:
      return "GARBAGE";
    case QrRule::non_numeric_id:
      return "NON_NUMERIC_ID";
    case QrRule::non_numeric_length:
      return "NON_NUMERIC_LENGTH";
    case QrRule::truncated_header:
      return "TRUNCATED_HEADER";
    case QrRule::length_overrun:
      return "LENGTH_OVERRUN";
    case QrRule::truncated:
      return "TRUNCATED";
    case QrRule::length_mismatch:
      return "LENGTH_MISMATCH";
    case QrRule::duplicate_id:
      return "DUPLICATE_ID";
    case QrRule::pfi_not_first:
      return "PFI_NOT_FIRST";
    case QrRule::pfi_value:
      return "PFI_VALUE";
    case QrRule::poi_value:
      return "POI_VALUE";
    case QrRule::crc_missing:
      return "CRC_MISSING";
    case QrRule::crc_not_last:
      return "CRC_NOT_LAST";
    case QrRule::crc_format:
      return "CRC_FORMAT";
    case QrRule::crc_lowercase:
      return "CRC_LOWERCASE";
    case QrRule::crc_mismatch:
      return "CRC_MISMATCH";
    case QrRule::mai_missing:
      return "MAI_MISSING";
    case QrRule::missing:
      return "MISSING";
    case QrRule::format:
      return "FORMAT";
    case QrRule::too_long:
      return "TOO_LONG";
    case QrRule::non_ans_chars:
      return "NON_ANS_CHARS";
    case QrRule::rfu_id_present:
      return "RFU_ID_PRESENT";
    case QrRule::tip02_without_56:
      return "TIP02_WITHOUT_56";
    case QrRule::tip03_without_57:
      return "TIP03_WITHOUT_57";
    case QrRule::tip_value:
      return "TIP_VALUE";
    case QrRule::lang_template_mandatory:
      return "LANG_TEMPLATE_MANDATORY";
    case QrRule::template_not_tlv:
      return "TEMPLATE_NOT_TLV";
    case QrRule::template_sublength:
      return "TEMPLATE_SUBLENGTH";
    case QrRule::unreserved_primitive:
      return "UNRESERVED_PRIMITIVE";
    case QrRule::expiration_timestamp_required:
      return "EXPIRATION_TIMESTAMP_REQUIRED";
    case QrRule::epc_service_tag:
      return "EPC_SERVICE_TAG";
    case QrRule::epc_version:
      return "EPC_VERSION";
    case QrRule::epc_charset:
      return "EPC_CHARSET";
    case QrRule::epc_identification:
      return "EPC_IDENTIFICATION";
    case QrRule::epc_line_count:
      return "EPC_LINE_COUNT";
    case QrRule::epc_separator:
      return "EPC_SEPARATOR";
    case QrRule::epc_character_set:
      return "EPC_CHARACTER_SET";
    case QrRule::epc_bic_required:
      return "EPC_BIC_REQUIRED";
    case QrRule::epc_bic_format:
      return "EPC_BIC_FORMAT";
    case QrRule::epc_name_required:
      return "EPC_NAME_REQUIRED";
    case QrRule::epc_too_long:
      return "EPC_TOO_LONG";
    case QrRule::epc_iban:
      return "EPC_IBAN";
    case QrRule::epc_amount_format:
      return "EPC_AMOUNT_FORMAT";
    case QrRule::epc_amount_range:
      return "EPC_AMOUNT_RANGE";
    case QrRule::epc_purpose_format:
      return "EPC_PURPOSE_FORMAT";
    case QrRule::epc_reference_format:
      return "EPC_REFERENCE_FORMAT";
    case QrRule::epc_reference_and_text:
      return "EPC_REFERENCE_AND_TEXT";
    case QrRule::epc_payload_too_long:
      return "EPC_PAYLOAD_TOO_LONG";
  }
  return "UNKNOWN";
}

// Rules whose catalogue name carries the tag: MISSING_52, FORMAT_54, TOO_LONG_60, ...
bool takes_tag_suffix(QrRule rule) {
  return rule == QrRule::missing || rule == QrRule::format || rule == QrRule::too_long ||
         rule == QrRule::non_ans_chars;
}

}  // namespace

bool is_epc_rule(QrRule rule) {
  return static_cast<int>(rule) >= static_cast<int>(QrRule::epc_service_tag);
}

std::string rule_name(const QrError& error) {
  const std::string_view base = base_name(error.rule);
  if (!takes_tag_suffix(error.rule) || error.tag == kNoTag) return std::string(base);
  return fmt::format("{}_{:02d}", base, error.tag);
}

std::string describe(const QrError& error) {
  std::string where;
  if (error.tag == kNoTag) {
    where = "payload";
  } else if (is_epc_rule(error.rule)) {
    where = fmt::format("line {}", error.tag);
  } else if (error.sub_tag == kNoTag) {
    where = fmt::format("tag {:02d}", error.tag);
  } else {
    where = fmt::format("tag {:02d}.{:02d}", error.tag, error.sub_tag);
  }
  return fmt::format("{} at {}, offset {}", rule_name(error), where, error.offset);
}

}  // namespace drop::qr
