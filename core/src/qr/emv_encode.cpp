// EMV MPM encoder: decoded payloads (byte-exact) and the editable tree form, plus the
// canonical-order builder.
#include <algorithm>

#include "drop/qr/emv.hpp"
#include "qr/utf8.hpp"

namespace drop::qr {

namespace {

constexpr char kHex[] = "0123456789ABCDEF";

void append_header(std::string& out, std::uint8_t id, std::size_t chars) {
  out.push_back(static_cast<char>('0' + id / 10));
  out.push_back(static_cast<char>('0' + id % 10));
  out.push_back(static_cast<char>('0' + chars / 10));
  out.push_back(static_cast<char>('0' + chars % 10));
}

// Appends "6304" and the CRC; keeps `previous` when it is the same CRC in another letter case.
void append_crc(std::string& out, std::string_view previous) {
  out.append("6304");
  const std::uint16_t crc = crc16_ccitt_false(out);
  char digits[4];
  for (int i = 0; i < 4; ++i) digits[i] = kHex[(crc >> (12 - 4 * i)) & 0xF];
  bool same = previous.size() == 4;
  for (std::size_t i = 0; same && i < 4; ++i) {
    const char c = previous[i];
    const char upper = (c >= 'a' && c <= 'f') ? static_cast<char>(c - 'a' + 'A') : c;
    same = upper == digits[i];
  }
  if (same) {
    out.append(previous);
  } else {
    out.append(digits, 4);
  }
}

bool parse_id(std::string_view id, std::uint8_t* out) {
  if (id.size() != 2 || !utf8::is_digits(id)) return false;
  *out = static_cast<std::uint8_t>((id[0] - '0') * 10 + (id[1] - '0'));
  return true;
}

// Appends one field (recursively for a template); `offset` counts characters written so far.
std::optional<QrError> append_field(std::string& out, const EmvField& field, std::uint8_t parent,
                                    std::uint32_t& offset) {
  std::uint8_t id = 0;
  if (!parse_id(field.id, &id)) {
    return QrError{QrRule::non_numeric_id, parent == kNoTag ? kNoTag : parent, kNoTag, offset};
  }
  const std::uint8_t tag = parent == kNoTag ? id : parent;
  const std::uint8_t sub_tag = parent == kNoTag ? kNoTag : id;
  std::string body;
  if (field.is_template) {
    std::uint32_t inner = offset + 4;
    for (const EmvField& child : field.fields) {
      if (auto error = append_field(body, child, id, inner)) return error;
    }
  } else {
    std::size_t chars = 0;
    if (!utf8::validate(field.value, &chars, nullptr)) {
      return QrError{QrRule::invalid_utf8, tag, sub_tag, offset};
    }
    body = field.value;
  }
  const std::size_t chars = utf8::count_chars(body);
  if (chars > limits::emv_value_chars_max) return QrError{QrRule::too_long, tag, sub_tag, offset};
  append_header(out, id, chars);
  out.append(body);
  offset += static_cast<std::uint32_t>(4 + chars);
  return std::nullopt;
}

void append_object(std::string& out, const EmvPayload& payload, const EmvObject& object) {
  append_header(out, object.id, object.value_chars);
  if (!object.is_template) {
    out.append(payload.value(object));
    return;
  }
  for (const EmvObject& child : payload.children(object)) append_object(out, payload, child);
}

}  // namespace

std::string encode_emv(const EmvPayload& payload) {
  std::string out;
  out.reserve(payload.text().size());
  std::string_view previous_crc;
  for (const EmvObject& object : payload.top_level()) {
    if (object.id == 63) {
      previous_crc = payload.value(object);
      continue;
    }
    append_object(out, payload, object);
  }
  append_crc(out, previous_crc);
  return out;
}

Result<std::string, QrError> encode_emv(std::span<const EmvField> fields) {
  std::string out;
  out.reserve(256);
  std::uint32_t offset = 0;
  std::string_view previous_crc;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    const EmvField& field = fields[i];
    if (field.id == "63") {
      if (i + 1 != fields.size()) return Err{QrError{QrRule::crc_not_last, 63, kNoTag, offset}};
      previous_crc = field.value;
      continue;
    }
    if (auto error = append_field(out, field, kNoTag, offset)) return Err{*error};
  }
  append_crc(out, previous_crc);
  if (out.size() > limits::qr_payload_bytes_max) {
    return Err{QrError{QrRule::payload_too_long, kNoTag, kNoTag, 0}};
  }
  return out;
}

EmvField EmvField::primitive(std::string id, std::string value) {
  EmvField field;
  field.id = std::move(id);
  field.value = std::move(value);
  return field;
}

EmvField EmvField::make_template(std::string id, std::vector<EmvField> fields) {
  EmvField field;
  field.id = std::move(id);
  field.fields = std::move(fields);
  field.is_template = true;
  return field;
}

std::vector<EmvField> to_fields(const EmvPayload& payload) {
  std::vector<EmvField> fields;
  fields.reserve(payload.top_level().size());
  for (const EmvObject& object : payload.top_level()) {
    std::string id{static_cast<char>('0' + object.id / 10),
                   static_cast<char>('0' + object.id % 10)};
    if (!object.is_template) {
      fields.push_back(EmvField::primitive(std::move(id), std::string(payload.value(object))));
      continue;
    }
    std::vector<EmvField> children;
    for (const EmvObject& child : payload.children(object)) {
      std::string child_id{static_cast<char>('0' + child.id / 10),
                           static_cast<char>('0' + child.id % 10)};
      children.push_back(
          EmvField::primitive(std::move(child_id), std::string(payload.value(child))));
    }
    fields.push_back(EmvField::make_template(std::move(id), std::move(children)));
  }
  return fields;
}

EmvBuilder::EmvBuilder() { set("00", "01"); }

EmvBuilder& EmvBuilder::set(std::string id, std::string value) {
  const int key = id.size() == 2 && utf8::is_digits(id) ? (id[0] - '0') * 10 + (id[1] - '0') : -1;
  fields_[key] = EmvField::primitive(std::move(id), std::move(value));
  return *this;
}

EmvBuilder& EmvBuilder::set_template(std::string id, std::vector<EmvField> fields) {
  const int key = id.size() == 2 && utf8::is_digits(id) ? (id[0] - '0') * 10 + (id[1] - '0') : -1;
  fields_[key] = EmvField::make_template(std::move(id), std::move(fields));
  return *this;
}

EmvBuilder& EmvBuilder::set_amount(const Money& amount) {
  const int numeric = amount.currency().numeric();
  std::string code{static_cast<char>('0' + numeric / 100),
                   static_cast<char>('0' + numeric / 10 % 10),
                   static_cast<char>('0' + numeric % 10)};
  set("53", std::move(code));
  set("54", amount.to_decimal());
  return *this;
}

std::vector<EmvField> EmvBuilder::fields() const {
  std::vector<EmvField> fields;
  fields.reserve(fields_.size());
  for (const auto& [key, field] : fields_) {
    if (key != 63) fields.push_back(field);  // the CRC is computed by encode_emv
  }
  return fields;
}

}  // namespace drop::qr
