// EMV MPM content rules, checked after framing and CRC in catalogue order. Rules marked
// "strict" are relaxed by the lenient profile because real schemes break them (QR.md A1).
#include "qr/emv_rules.hpp"

#include <array>
#include <bitset>

#include "qr/utf8.hpp"

namespace drop::qr {

namespace {

QrError at(QrRule rule, const EmvObject& object, std::uint8_t sub_tag = kNoTag) {
  return QrError{rule, object.id, sub_tag, object.char_offset};
}

QrError at_child(QrRule rule, const EmvObject& parent, const EmvObject& child) {
  return QrError{rule, parent.id, child.id, child.char_offset};
}

bool is_hex(std::string_view text) {
  for (const char c : text) {
    const bool hex = (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F') || (c >= 'a' && c <= 'f');
    if (!hex) return false;
  }
  return true;
}

// ISO 4217 numeric code -> currency, built once from the compiled table (Currency::from_numeric
// scans the table; a decode must not).
std::optional<Currency> currency_by_numeric(int numeric) {
  static const std::array<std::optional<Currency>, 1000> kByNumeric = [] {
    std::array<std::optional<Currency>, 1000> table{};
    for (const CurrencyInfo& info : Currency::table()) {
      const auto found = Currency::from_numeric(info.numeric);
      if (found.ok() && info.numeric < table.size()) table[info.numeric] = *found;
    }
    return table;
  }();
  return numeric >= 0 && numeric < 1000 ? kByNumeric[static_cast<std::size_t>(numeric)]
                                        : std::nullopt;
}

std::optional<QrError> check_duplicates(const EmvPayload& payload) {
  std::bitset<100> seen;
  for (const EmvObject& object : payload.top_level()) {
    if (seen.test(object.id)) return at(QrRule::duplicate_id, object);
    seen.set(object.id);
    if (!object.is_template) continue;
    std::bitset<100> seen_children;
    for (const EmvObject& child : payload.children(object)) {
      if (seen_children.test(child.id)) return at_child(QrRule::duplicate_id, object, child);
      seen_children.set(child.id);
    }
  }
  return std::nullopt;
}

bool has_merchant_account(const EmvPayload& payload) {
  for (const EmvObject& object : payload.top_level()) {
    if (object.id >= 2 && object.id <= 25 && object.value_bytes > 0) return true;
    if (object.id >= 26 && object.id <= 51 && object.is_template) {
      const EmvObject* guid = payload.find_child(object, 0);
      if (guid != nullptr && is_plausible_guid(payload.value(*guid))) return true;
    }
  }
  return false;
}

std::optional<QrError> check_header(const EmvPayload& payload, const EmvProfile& profile) {
  const auto top = payload.top_level();
  if (top.empty() || top[0].id != 0) return QrError{QrRule::pfi_not_first, kNoTag, kNoTag, 0};
  if (profile.strict && payload.value(top[0]) != "01") return at(QrRule::pfi_value, top[0]);
  if (auto error = check_duplicates(payload)) return error;
  if (profile.strict) {
    for (const EmvObject& object : top) {
      if (object.id >= 65 && object.id <= 79) return at(QrRule::rfu_id_present, object);
    }
  }
  if (const EmvObject* poi = payload.find(1)) {
    const std::string_view value = payload.value(*poi);
    if (value != "11" && value != "12") return at(QrRule::poi_value, *poi);
  }
  if (!has_merchant_account(payload)) {
    return QrError{QrRule::mai_missing, kNoTag, kNoTag, 0};
  }
  static constexpr std::uint8_t kMandatory[] = {52, 53, 58, 59, 60};
  for (const std::uint8_t id : kMandatory) {
    if (payload.find(id) != nullptr) continue;
    if (profile.strict || id == 53) return QrError{QrRule::missing, id, kNoTag, 0};
  }
  return std::nullopt;
}

std::optional<QrError> check_amount_object(const EmvObject* object, const EmvPayload& payload,
                                           const EmvProfile& profile, int exponent,
                                           std::int64_t* amount_minor) {
  if (object == nullptr) return std::nullopt;
  int decimals = 0;
  std::int64_t minor = -1;
  if (!parse_emv_amount(payload.value(*object), exponent < 0 ? 18 : exponent, &decimals, &minor)) {
    return at(QrRule::format, *object);
  }
  if (exponent >= 0 && decimals > exponent) return at(QrRule::format, *object);
  if (minor == 0 && (profile.strict || object->id != 54)) return at(QrRule::format, *object);
  if (amount_minor != nullptr) *amount_minor = minor;
  return std::nullopt;
}

std::optional<QrError> check_percentage(const EmvPayload& payload) {
  const EmvObject* object = payload.find(57);
  if (object == nullptr) return std::nullopt;
  int decimals = 0;
  std::int64_t hundredths = 0;
  const std::string_view value = payload.value(*object);
  if (value.size() > 5 || !parse_emv_amount(value, 2, &decimals, &hundredths) || decimals > 2 ||
      hundredths <= 0 || hundredths >= 10000) {
    return at(QrRule::format, *object);
  }
  return std::nullopt;
}

std::optional<QrError> check_tip(const EmvPayload& payload) {
  const EmvObject* tip = payload.find(55);
  if (tip == nullptr) return std::nullopt;
  const std::string_view value = payload.value(*tip);
  if (value != "01" && value != "02" && value != "03") return at(QrRule::tip_value, *tip);
  if (value == "02" && payload.find(56) == nullptr) return at(QrRule::tip02_without_56, *tip);
  if (value == "03" && payload.find(57) == nullptr) return at(QrRule::tip03_without_57, *tip);
  return std::nullopt;
}

// 52, 53, 54, 55-57, 58 (both profiles, amount zero strict only).
std::optional<QrError> check_formats(const EmvPayload& payload, const EmvProfile& profile,
                                     EmvAmounts* amounts) {
  if (const EmvObject* mcc = payload.find(52)) {
    const std::string_view value = payload.value(*mcc);
    if (value.size() != 4 || !utf8::is_digits(value)) return at(QrRule::format, *mcc);
  }
  int exponent = -1;
  if (const EmvObject* currency = payload.find(53)) {
    const std::string_view value = payload.value(*currency);
    if (value.size() != 3 || !utf8::is_digits(value)) return at(QrRule::format, *currency);
    const int numeric = (value[0] - '0') * 100 + (value[1] - '0') * 10 + (value[2] - '0');
    if (const auto found = currency_by_numeric(numeric)) {
      amounts->currency = *found;
      exponent = found->exponent();
    }
  }
  std::int64_t amount_minor = -1;
  if (auto error =
          check_amount_object(payload.find(54), payload, profile, exponent, &amount_minor)) {
    return error;
  }
  if (amount_minor >= 0 && amounts->currency)
    amounts->amount = Money(amount_minor, *amounts->currency);
  if (auto error = check_tip(payload)) return error;
  if (auto error = check_amount_object(payload.find(56), payload, profile, exponent, nullptr)) {
    return error;
  }
  if (auto error = check_percentage(payload)) return error;
  if (const EmvObject* country = payload.find(58)) {
    const std::string_view value = payload.value(*country);
    const bool letters = value.size() == 2 && value[0] >= 'A' && value[0] <= 'Z' &&
                         value[1] >= 'A' && value[1] <= 'Z';
    if (!letters) return at(QrRule::format, *country);
  }
  return std::nullopt;
}

std::optional<QrError> check_child_lengths(const EmvPayload& payload, std::uint8_t template_id,
                                           std::span<const std::uint8_t> maxima) {
  const EmvObject* parent = payload.find(template_id);
  if (parent == nullptr) return std::nullopt;
  for (const EmvObject& child : payload.children(*parent)) {
    if (child.id < maxima.size() && child.value_chars > maxima[child.id]) {
      return at_child(QrRule::too_long, *parent, child);
    }
  }
  return std::nullopt;
}

// Strict only: name, city and postal-code lengths, 62 and 64 sub-lengths, "ans" characters.
std::optional<QrError> check_strict_text(const EmvPayload& payload) {
  static constexpr std::uint8_t kTopMax[][2] = {{59, 25}, {60, 15}, {61, 10}};
  for (const auto& [id, maximum] : kTopMax) {
    const EmvObject* object = payload.find(id);
    if (object != nullptr && object->value_chars > maximum) return at(QrRule::too_long, *object);
  }
  static constexpr std::uint8_t kAdditionalMax[] = {99, 25, 25, 25, 25, 25, 25, 25, 25, 3};
  if (auto error = check_child_lengths(payload, 62, kAdditionalMax)) return error;
  static constexpr std::uint8_t kLanguageMax[] = {2, 25, 15};
  if (auto error = check_child_lengths(payload, 64, kLanguageMax)) return error;
  for (const EmvObject& object : payload.top_level()) {
    const bool any_unicode = object.id == 62 || object.id == 64 || object.id >= 80;
    if (any_unicode) continue;
    if (!object.is_template) {
      if (!utf8::is_ans(payload.value(object))) return at(QrRule::non_ans_chars, object);
      continue;
    }
    for (const EmvObject& child : payload.children(object)) {
      if (!utf8::is_ans(payload.value(child))) {
        return at_child(QrRule::non_ans_chars, object, child);
      }
    }
  }
  return std::nullopt;
}

// KHQR (Bakong, Cambodia): a dynamic code to a Bakong account carries the timestamp template 99.
std::optional<QrError> check_scheme_rules(const EmvPayload& payload) {
  if (payload.value_of(58) != "KH" || payload.value_of(1) != "12") return std::nullopt;
  const bool bakong = payload.value_of(29, 0).find('@') != std::string_view::npos ||
                      payload.value_of(30, 0).find('@') != std::string_view::npos;
  if (bakong && payload.find(99) == nullptr) {
    return at(QrRule::expiration_timestamp_required, *payload.find(1));
  }
  return std::nullopt;
}

}  // namespace

bool parse_emv_amount(std::string_view text, int exponent, int* decimals,
                      std::int64_t* amount_minor) {
  if (text.empty() || text.size() > 13) return false;
  std::int64_t units = 0;
  int digits = 0;
  int fraction = 0;
  bool point = false;
  for (const char c : text) {
    if (c == '.') {
      if (point) return false;
      point = true;
      continue;
    }
    if (c < '0' || c > '9') return false;
    ++digits;
    if (point) ++fraction;
    units = units * 10 + (c - '0');  // <= 13 digits: no overflow
  }
  if (digits == 0) return false;
  *decimals = fraction;
  if (fraction <= exponent && exponent <= limits::currency_exponent_max) {
    for (int i = fraction; i < exponent; ++i) units *= 10;
    *amount_minor = units;
  } else {
    *amount_minor = units == 0 ? 0 : -1;
  }
  return true;
}

bool is_plausible_guid(std::string_view guid) {
  if (guid.empty()) return false;
  if (guid.find('.') != std::string_view::npos || guid.find('@') != std::string_view::npos) {
    return true;
  }
  return guid.size() >= 10 && guid.size() <= 32 && guid.size() % 2 == 0 && is_hex(guid);
}

std::optional<QrError> check_rules(const EmvPayload& payload, const EmvProfile& profile,
                                   EmvAmounts* amounts) {
  if (auto error = check_header(payload, profile)) return error;
  if (auto error = check_formats(payload, profile, amounts)) return error;
  if (profile.strict) {
    if (auto error = check_strict_text(payload)) return error;
  }
  if (const EmvObject* language = payload.find(64)) {
    if (!language->is_template || payload.find_child(*language, 0) == nullptr ||
        payload.find_child(*language, 1) == nullptr) {
      return at(QrRule::lang_template_mandatory, *language);
    }
  }
  if (profile.strict) {
    if (auto error = check_scheme_rules(payload)) return error;
  }
  return std::nullopt;
}

}  // namespace drop::qr
