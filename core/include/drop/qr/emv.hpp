// EMVCo Merchant-Presented Mode (EMV QRCPS MPM): the payload behind PIX, PromptPay, PayNow,
// SGQR, QRIS, VietQR, KHQR and Drop's own codes.
//
// decode_emv() parses a payload into an EmvPayload that keeps every data object in its raw
// order with its raw value (unknown and RFU tags included), so that encode_emv() gives back the
// original string byte for byte. Lengths count characters (UTF-8 code points), the CRC is
// CRC-16/CCITT-FALSE over the UTF-8 bytes up to and including "6304". Two profiles: strict
// (every EMV rule) and lenient (what real schemes emit). Every refusal is a QrError naming the
// rule, the tag and the character offset (drop/qr/errors.hpp).
//
// EmvField is the editable tree form (JSON, builders); EmvBuilder writes new codes in
// canonical order. Thread-safety: value types and pure functions, safe to share when const.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "drop/limits.hpp"
#include "drop/money/money.hpp"
#include "drop/qr/errors.hpp"
#include "drop/result.hpp"

namespace drop::qr {

// CRC-16/CCITT-FALSE (poly 0x1021, init 0xFFFF, no reflection, xorout 0): "123456789" -> 0x29B1.
std::uint16_t crc16_ccitt_false(std::string_view bytes);

struct EmvProfile {
  bool strict = false;
  std::size_t payload_bytes_max = limits::qr_payload_bytes_max;

  // Every EMV rule, plus known scheme rules (KHQR timestamp).
  static EmvProfile strict_profile() { return EmvProfile{true, limits::qr_payload_bytes_max}; }
  // Decodes what real schemes emit: missing 52/59/60, RFU tags, PFI other than 01, amount 0,
  // over-long names, non-ASCII text, lower-case CRC, primitive 80-99 objects.
  static EmvProfile lenient_profile() { return EmvProfile{false, limits::qr_payload_bytes_max}; }
};

// One data object of a decoded payload. Offsets index EmvPayload::text().
struct EmvObject {
  std::uint8_t id = 0;            // 0..99
  std::uint8_t value_chars = 0;   // the declared length (characters)
  bool is_template = false;       // the value was parsed into children
  std::uint16_t first_child = 0;  // index into EmvPayload::objects()
  std::uint16_t child_count = 0;
  std::uint32_t value_offset = 0;  // bytes
  std::uint32_t value_bytes = 0;
  std::uint32_t char_offset = 0;  // characters from the payload start to the ID
};

// A decoded payload: the text and its objects (top level first, then template children).
class EmvPayload {
 public:
  std::string_view text() const { return text_; }
  std::span<const EmvObject> objects() const { return objects_; }
  std::span<const EmvObject> top_level() const {
    return std::span<const EmvObject>(objects_).first(top_count_);
  }
  std::span<const EmvObject> children(const EmvObject& object) const {
    return std::span<const EmvObject>(objects_).subspan(object.first_child, object.child_count);
  }
  std::string_view value(const EmvObject& object) const {
    return std::string_view(text_).substr(object.value_offset, object.value_bytes);
  }
  // The first top-level object with this id, or nullptr.
  const EmvObject* find(std::uint8_t id) const;
  // The first child of a template with this id, or nullptr.
  const EmvObject* find_child(const EmvObject& parent, std::uint8_t id) const;
  // The value of a top-level object; empty when absent.
  std::string_view value_of(std::uint8_t id) const;
  // The value of sub-object `sub_id` of template `id`; empty when absent.
  std::string_view value_of(std::uint8_t id, std::uint8_t sub_id) const;

  // Tag 53 as a currency, when it is a known ISO 4217 numeric code with a minor unit.
  std::optional<Currency> currency() const { return currency_; }
  // Tag 54 as Money, when present and the currency is known.
  std::optional<Money> amount() const { return amount_; }
  // True when tags follow 00, 01, 02..62, 64..99, 63 (EMV allows any order; info only).
  bool is_canonical_order() const;

 private:
  friend Result<EmvPayload, QrError> decode_emv(std::string_view payload,
                                                const EmvProfile& profile);
  friend struct EmvParser;
  static constexpr std::uint16_t kAbsent = 0xFFFF;
  std::string text_;
  std::vector<EmvObject> objects_;
  std::uint16_t top_count_ = 0;
  std::array<std::uint16_t, 100> index_{};  // id -> first top-level object, kAbsent if none
  std::optional<Currency> currency_;
  std::optional<Money> amount_;
};

// Decodes a payload. Fails with the first broken rule of the profile (framing, templates, CRC,
// then content rules in tag order).
Result<EmvPayload, QrError> decode_emv(std::string_view payload, const EmvProfile& profile);

// The payload again, serialised from the decoded objects (byte-exact for anything decoded).
std::string encode_emv(const EmvPayload& payload);

// The editable tree form: one object; a template has fields (children) instead of a value.
struct EmvField {
  std::string id;                // two digits
  std::string value;             // primitive value (UTF-8)
  std::vector<EmvField> fields;  // children of a template
  bool is_template = false;

  static EmvField primitive(std::string id, std::string value);
  static EmvField make_template(std::string id, std::vector<EmvField> fields);
};

// The tree form of a decoded payload, tags in their raw order (63 included, last).
std::vector<EmvField> to_fields(const EmvPayload& payload);

// Serialises fields in the given order and appends the CRC object. A "63" field is allowed only
// last; its value is replaced by the computed CRC (kept in its own letter case when it already
// matches, so decode + encode is byte-exact). Fails on a non-numeric or out-of-range id
// (NON_NUMERIC_ID), a value over 99 characters (TOO_LONG_<id>), invalid UTF-8, or a 63 that is
// not last (CRC_NOT_LAST). Does not validate content: decode the result to check it.
Result<std::string, QrError> encode_emv(std::span<const EmvField> fields);

// Builds a new code in canonical order (00, 01, 02..62, 64..99, then 63). "00" = "01" is set
// by the constructor. Setting an id again replaces it.
class EmvBuilder {
 public:
  EmvBuilder();
  EmvBuilder& set(std::string id, std::string value);
  EmvBuilder& set_template(std::string id, std::vector<EmvField> fields);
  // Tag 54 per the currency's exponent ("150.00" NOK), and tag 53 (the numeric code).
  EmvBuilder& set_amount(const Money& amount);
  std::vector<EmvField> fields() const;
  Result<std::string, QrError> encode() const { return encode_emv(fields()); }

 private:
  std::map<int, EmvField> fields_;
};

}  // namespace drop::qr
