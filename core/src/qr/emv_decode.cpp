// EMV MPM payload decoder: framing, templates and CRC. Content rules: emv_rules.cpp.
//
// Grammar (EMV QRCPS MPM v1.1; LEN counts characters = UTF-8 code points, not bytes):
//   payload     = pfi *object crc-object           ; "00" first, "63" last, others any order
//   pfi         = "00" "02" 2DIGIT                 ; "01" (strict)
//   object      = id len value
//   id          = 2DIGIT                           ; "00".."99"
//   len         = 2DIGIT                           ; characters in value, "00".."99"
//   value       = len*len(UTF-8 character)
//   crc-object  = "63" "04" 4HEXDIG                ; CRC-16/CCITT-FALSE over the UTF-8 bytes of
//                                                  ; everything before the 4 HEXDIG ("...6304")
//   template    = *object                          ; the value of 26-51, 62, 64 and 80-99
//                                                  ; (80-99 may be a primitive in lenient)
// Templates are parsed one level deep; deeper values (VietQR 38.01, 62.50) are kept raw.
#include <array>

#include "drop/qr/emv.hpp"
#include "qr/emv_rules.hpp"
#include "qr/utf8.hpp"

namespace drop::qr {

namespace {

// CRC-16/CCITT-FALSE, slice-by-8. Table k, entry b: the CRC register after byte b followed by
// k zero bytes, starting from a zero register. The CRC is linear, so eight bytes (the first two
// XORed with the register) fold into eight independent lookups.
using CrcTables = std::array<std::array<std::uint16_t, 256>, 8>;

constexpr CrcTables make_crc_tables() {
  CrcTables tables{};
  for (std::uint32_t byte = 0; byte < 256; ++byte) {
    std::uint32_t crc = byte << 8;
    for (int bit = 0; bit < 8; ++bit) crc = (crc & 0x8000) ? ((crc << 1) ^ 0x1021) : (crc << 1);
    tables[0][byte] = static_cast<std::uint16_t>(crc & 0xFFFF);
  }
  for (std::size_t k = 1; k < 8; ++k) {
    for (std::size_t byte = 0; byte < 256; ++byte) {
      const std::uint16_t previous = tables[k - 1][byte];
      tables[k][byte] = static_cast<std::uint16_t>((previous << 8) ^ tables[0][previous >> 8]);
    }
  }
  return tables;
}
constexpr CrcTables kCrcTables = make_crc_tables();

}  // namespace

std::uint16_t crc16_ccitt_false(std::string_view bytes) {
  std::uint32_t crc = 0xFFFF;
  const auto* data = reinterpret_cast<const unsigned char*>(bytes.data());
  std::size_t size = bytes.size();
  while (size >= 8) {
    const std::uint32_t b0 = data[0] ^ (crc >> 8);
    const std::uint32_t b1 = data[1] ^ (crc & 0xFF);
    crc = static_cast<std::uint32_t>(kCrcTables[7][b0] ^ kCrcTables[6][b1] ^
                                     kCrcTables[5][data[2]] ^ kCrcTables[4][data[3]] ^
                                     kCrcTables[3][data[4]] ^ kCrcTables[2][data[5]] ^
                                     kCrcTables[1][data[6]] ^ kCrcTables[0][data[7]]);
    data += 8;
    size -= 8;
  }
  for (; size > 0; --size, ++data) {
    crc = ((crc << 8) ^ kCrcTables[0][((crc >> 8) ^ *data) & 0xFF]) & 0xFFFF;
  }
  return static_cast<std::uint16_t>(crc);
}

namespace {

struct SequenceFailure {
  enum Kind : std::uint8_t { none, non_numeric_id, non_numeric_length, truncated_header, overrun };
  Kind kind = none;
  std::uint8_t id = kNoTag;
  std::uint32_t char_offset = 0;
};

bool two_digits(std::string_view text, std::size_t at, std::uint8_t* out) {
  const char a = text[at];
  const char b = text[at + 1];
  if (a < '0' || a > '9' || b < '0' || b > '9') return false;
  *out = static_cast<std::uint8_t>((a - '0') * 10 + (b - '0'));
  return true;
}

// Parses the objects of text[begin, end), the first at character offset `chars`. `ascii`:
// the text has no multi-byte characters, so characters are bytes.
SequenceFailure parse_sequence(std::string_view text, std::size_t begin, std::size_t end,
                               std::uint32_t chars, std::vector<EmvObject>& out, bool ascii) {
  std::size_t position = begin;
  while (position < end) {
    std::uint8_t id = 0;
    std::uint8_t length = 0;
    if (end - position < 2) return {SequenceFailure::truncated_header, kNoTag, chars};
    if (!two_digits(text, position, &id)) return {SequenceFailure::non_numeric_id, kNoTag, chars};
    if (end - position < 4) return {SequenceFailure::truncated_header, id, chars};
    if (!two_digits(text, position + 2, &length)) {
      return {SequenceFailure::non_numeric_length, id, chars};
    }
    std::size_t value_end = position + 4;
    if (ascii) {
      value_end += length;
      if (value_end > end) return {SequenceFailure::overrun, id, chars};
    } else if (!utf8::advance(text, end, value_end, length)) {
      return {SequenceFailure::overrun, id, chars};
    }
    EmvObject object;
    object.id = id;
    object.value_chars = length;
    object.value_offset = static_cast<std::uint32_t>(position + 4);
    object.value_bytes = static_cast<std::uint32_t>(value_end - position - 4);
    object.char_offset = chars;
    out.push_back(object);
    chars += 4u + length;
    position = value_end;
  }
  return {};
}

// The declared length a fixed-length top-level object must have, or 0.
int fixed_length(std::uint8_t id) {
  switch (id) {
    case 0:
    case 1:
    case 55:
    case 58:
      return 2;
    case 53:
      return 3;
    case 52:
    case 63:
      return 4;
    default:
      return 0;
  }
}

bool ends_with_crc_object(std::string_view text) {
  if (text.size() < 8) return false;
  const std::string_view tail = text.substr(text.size() - 8);
  if (tail.substr(0, 4) != "6304") return false;
  for (const char c : tail.substr(4)) {
    const bool hex = (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F') || (c >= 'a' && c <= 'f');
    if (!hex) return false;
  }
  return true;
}

bool is_template_id(std::uint8_t id) {
  return (id >= 26 && id <= 51) || id == 62 || id == 64 || id >= 80;
}

QrError template_failure(const EmvObject& parent, const SequenceFailure& failure) {
  const bool not_tlv = failure.kind == SequenceFailure::non_numeric_id ||
                       failure.kind == SequenceFailure::non_numeric_length;
  return QrError{not_tlv ? QrRule::template_not_tlv : QrRule::template_sublength, parent.id,
                 failure.id, failure.char_offset};
}

// Names a broken top-level structure: GARBAGE when it does not even start like an EMV payload,
// LENGTH_MISMATCH when an earlier fixed-length object declared a wrong length, a template
// error when an earlier template (26-51, 62, 64) is broken inside (both likely causes),
// otherwise the failure itself.
QrError top_level_failure(std::string_view text, const SequenceFailure& failure,
                          const std::vector<EmvObject>& parsed) {
  if (text.substr(0, 6) != "000201") return {QrRule::garbage, kNoTag, kNoTag, 0};
  for (const EmvObject& object : parsed) {
    const int expected = fixed_length(object.id);
    if (expected != 0 && object.value_chars != expected) {
      return {QrRule::length_mismatch, object.id, kNoTag, object.char_offset};
    }
  }
  std::vector<EmvObject> scratch;
  for (const EmvObject& object : parsed) {
    if (!is_template_id(object.id) || object.id >= 80) continue;
    scratch.clear();
    const SequenceFailure inner =
        parse_sequence(text, object.value_offset, object.value_offset + object.value_bytes,
                       object.char_offset + 4, scratch, false);
    if (inner.kind != SequenceFailure::none) return template_failure(object, inner);
  }
  switch (failure.kind) {
    case SequenceFailure::non_numeric_id:
      return {QrRule::non_numeric_id, kNoTag, kNoTag, failure.char_offset};
    case SequenceFailure::non_numeric_length:
      return {QrRule::non_numeric_length, failure.id, kNoTag, failure.char_offset};
    case SequenceFailure::truncated_header:
      return {QrRule::truncated_header, failure.id, kNoTag, failure.char_offset};
    case SequenceFailure::overrun:
    case SequenceFailure::none:
      break;
  }
  if (failure.id == 63) return {QrRule::crc_missing, 63, kNoTag, failure.char_offset};
  const QrRule rule = ends_with_crc_object(text) ? QrRule::length_overrun : QrRule::truncated;
  return {rule, failure.id, kNoTag, failure.char_offset};
}

std::optional<QrError> check_input(std::string_view payload, const EmvProfile& profile,
                                   bool* ascii) {
  if (payload.empty()) return QrError{QrRule::empty_input, kNoTag, kNoTag, 0};
  if (payload.size() > profile.payload_bytes_max) {
    return QrError{QrRule::payload_too_long, kNoTag, kNoTag, 0};
  }
  const std::size_t nul = payload.find('\0');
  if (nul != std::string_view::npos) {
    return QrError{QrRule::nul_byte, kNoTag, kNoTag,
                   static_cast<std::uint32_t>(utf8::count_chars(payload.substr(0, nul)))};
  }
  std::size_t chars = 0;
  std::size_t bad_char = 0;
  if (!utf8::validate(payload, &chars, &bad_char)) {
    return QrError{QrRule::invalid_utf8, kNoTag, kNoTag, static_cast<std::uint32_t>(bad_char)};
  }
  *ascii = chars == payload.size();
  const char last = payload.back();
  if (last == '\n' || last == '\r') {
    return QrError{QrRule::newline_suffix, kNoTag, kNoTag, static_cast<std::uint32_t>(chars - 1)};
  }
  const char first = payload.front();
  if (first == ' ' || first == '\t') return QrError{QrRule::whitespace_around, kNoTag, kNoTag, 0};
  if (last == ' ' || last == '\t') {
    return QrError{QrRule::whitespace_around, kNoTag, kNoTag,
                   static_cast<std::uint32_t>(chars - 1)};
  }
  return std::nullopt;
}

}  // namespace

struct EmvParser {
  // Parses the children of every template; 80-99 that do not parse stay primitive (lenient).
  static std::optional<QrError> parse_templates(EmvPayload& payload, const EmvProfile& profile,
                                                bool ascii) {
    const std::string_view text = payload.text_;
    for (std::uint16_t i = 0; i < payload.top_count_; ++i) {
      const EmvObject parent = payload.objects_[i];
      if (!is_template_id(parent.id)) continue;
      const std::size_t first = payload.objects_.size();
      const SequenceFailure failure =
          parse_sequence(text, parent.value_offset, parent.value_offset + parent.value_bytes,
                         parent.char_offset + 4, payload.objects_, ascii);
      if (failure.kind != SequenceFailure::none) {
        payload.objects_.resize(first);
        if (parent.id >= 80) {
          if (!profile.strict) continue;
          return QrError{QrRule::unreserved_primitive, parent.id, kNoTag, parent.char_offset};
        }
        return template_failure(parent, failure);
      }
      EmvObject& stored = payload.objects_[i];
      stored.is_template = true;
      stored.first_child = static_cast<std::uint16_t>(first);
      stored.child_count = static_cast<std::uint16_t>(payload.objects_.size() - first);
    }
    return std::nullopt;
  }

  static std::optional<QrError> check_crc(const EmvPayload& payload, const EmvProfile& profile) {
    const EmvObject* crc = payload.find(63);
    if (crc == nullptr) {
      return QrError{QrRule::crc_missing, 63, kNoTag,
                     static_cast<std::uint32_t>(utf8::count_chars(payload.text_))};
    }
    if (crc != &payload.objects_[payload.top_count_ - 1]) {
      return QrError{QrRule::crc_not_last, 63, kNoTag, crc->char_offset};
    }
    const std::string_view value = payload.value(*crc);
    bool lower = false;
    std::uint32_t declared = 0;
    for (const char c : value) {
      std::uint32_t digit = 0;
      if (c >= '0' && c <= '9') {
        digit = static_cast<std::uint32_t>(c - '0');
      } else if (c >= 'A' && c <= 'F') {
        digit = static_cast<std::uint32_t>(c - 'A' + 10);
      } else if (c >= 'a' && c <= 'f') {
        digit = static_cast<std::uint32_t>(c - 'a' + 10);
        lower = true;
      } else {
        return QrError{QrRule::crc_format, 63, kNoTag, crc->char_offset};
      }
      declared = declared * 16 + digit;
    }
    if (value.size() != 4) return QrError{QrRule::crc_format, 63, kNoTag, crc->char_offset};
    if (lower && profile.strict) {
      return QrError{QrRule::crc_lowercase, 63, kNoTag, crc->char_offset};
    }
    const std::string_view covered = std::string_view(payload.text_).substr(0, crc->value_offset);
    if (crc16_ccitt_false(covered) != declared) {
      return QrError{QrRule::crc_mismatch, 63, kNoTag, crc->char_offset};
    }
    return std::nullopt;
  }

  static Result<EmvPayload, QrError> decode(std::string_view text, const EmvProfile& profile) {
    DROP_ASSERT(profile.payload_bytes_max <= limits::qr_payload_bytes_max * 8);
    bool ascii = false;
    if (auto error = check_input(text, profile, &ascii)) return Err{*error};
    EmvPayload payload;
    payload.text_.assign(text.data(), text.size());
    payload.objects_.reserve(40);
    const SequenceFailure failure =
        parse_sequence(payload.text_, 0, payload.text_.size(), 0, payload.objects_, ascii);
    if (failure.kind != SequenceFailure::none) {
      return Err{top_level_failure(payload.text_, failure, payload.objects_)};
    }
    payload.top_count_ = static_cast<std::uint16_t>(payload.objects_.size());
    payload.index_.fill(EmvPayload::kAbsent);
    for (std::uint16_t i = payload.top_count_; i > 0; --i) {
      payload.index_[payload.objects_[i - 1].id] = static_cast<std::uint16_t>(i - 1);
    }
    if (auto error = parse_templates(payload, profile, ascii)) return Err{*error};
    if (auto error = check_crc(payload, profile)) return Err{*error};
    EmvAmounts amounts;
    if (auto error = check_rules(payload, profile, &amounts)) return Err{*error};
    payload.currency_ = amounts.currency;
    payload.amount_ = amounts.amount;
    return payload;
  }
};

Result<EmvPayload, QrError> decode_emv(std::string_view payload, const EmvProfile& profile) {
  return EmvParser::decode(payload, profile);
}

const EmvObject* EmvPayload::find(std::uint8_t id) const {
  if (id >= index_.size() || index_[id] == kAbsent) return nullptr;
  return &objects_[index_[id]];
}

const EmvObject* EmvPayload::find_child(const EmvObject& parent, std::uint8_t id) const {
  for (const EmvObject& child : children(parent)) {
    if (child.id == id) return &child;
  }
  return nullptr;
}

std::string_view EmvPayload::value_of(std::uint8_t id) const {
  const EmvObject* object = find(id);
  return object == nullptr ? std::string_view() : value(*object);
}

std::string_view EmvPayload::value_of(std::uint8_t id, std::uint8_t sub_id) const {
  const EmvObject* object = find(id);
  if (object == nullptr) return {};
  const EmvObject* child = find_child(*object, sub_id);
  return child == nullptr ? std::string_view() : value(*child);
}

bool EmvPayload::is_canonical_order() const {
  // Rank: 63 sorts after everything else.
  int previous = -1;
  for (const EmvObject& object : top_level()) {
    const int rank = object.id == 63 ? 100 : object.id;
    if (rank < previous) return false;
    previous = rank;
  }
  return true;
}

}  // namespace drop::qr
