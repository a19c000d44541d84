// EPC069-12 decoder and encoder.
//
// Grammar (EPC069-12 v2.1; LF or CR LF, the same throughout; no separator after the last line;
// trailing empty optional lines may be omitted):
//   payload  = "BCD" NL version NL charset NL "SCT" NL bic NL name NL iban
//              [NL amount [NL purpose [NL reference [NL text [NL information]]]]]
//   version  = "001" / "002"          ; 001: bic mandatory
//   charset  = "1".."8"               ; 1 UTF-8, 2..8 ISO 8859-1/2/4/5/7/10/15
//   bic      = "" / 8(ALNUM) / 11(ALNUM)
//   name     = 1*70(char)             ; iban = ISO 13616, mod 97 = 1
//   amount   = "" / "EUR" 1*DIGIT ["." 1*2DIGIT]   ; 0.01 .. 999999999.99
//   purpose  = "" / 4(UPPER / DIGIT)
//   reference = "" / ISO 11649 ("RF" 2DIGIT 1*21ALNUM, mod 97 = 1)  ; reference xor text
//   text     = *140(char)             ; information = *70(char)
// Whole payload <= 331 bytes (QR version 13, level M).
#include "drop/qr/epc.hpp"

#include <array>

#include "drop/banking/iban.hpp"
#include "drop/limits.hpp"
#include "qr/utf8.hpp"

namespace drop::qr {

namespace {

constexpr std::size_t kLinesMax = 12;
constexpr std::size_t kLinesMin = 7;

struct Lines {
  std::array<std::string_view, kLinesMax> text{};
  std::array<std::uint32_t, kLinesMax> offset{};  // characters
  std::size_t count = 0;
  bool crlf = false;
};

QrError line_error(QrRule rule, const Lines& lines, std::size_t line) {
  return QrError{rule, static_cast<std::uint8_t>(line + 1), kNoTag, lines.offset[line]};
}

std::size_t count_chars(std::string_view text, int charset) {
  return charset == 1 ? utf8::count_chars(text) : text.size();
}

// Line 3 values: 1 = UTF-8, 2 = 8859-1, 3 = 8859-2, 4 = 8859-4, 5 = 8859-5, 6 = 8859-7,
// 7 = 8859-10, 8 = 8859-15. A byte is refused when it is a C0 or C1 control or one of the
// three unassigned slots of ISO 8859-7 (charset 6); the others define every byte A0..FF.
bool byte_defined(unsigned char byte, int charset) {
  if (byte < 0x20 || byte == 0x7F) return false;
  if (charset == 1 || byte < 0x80) return true;
  if (byte < 0xA0) return false;
  if (charset == 6) return byte != 0xAE && byte != 0xD2 && byte != 0xFF;
  return true;
}

std::optional<QrError> split_lines(std::string_view payload, Lines* lines) {
  const std::size_t first_newline = payload.find('\n');
  lines->crlf = first_newline != std::string_view::npos && first_newline > 0 &&
                payload[first_newline - 1] == '\r';
  std::size_t start = 0;
  std::uint32_t chars = 0;
  while (true) {
    if (lines->count == kLinesMax) {
      return QrError{QrRule::epc_line_count, kNoTag, kNoTag, chars};
    }
    const std::size_t newline = payload.find('\n', start);
    std::size_t end = newline == std::string_view::npos ? payload.size() : newline;
    if (newline != std::string_view::npos && lines->crlf) {
      if (end == start || payload[end - 1] != '\r') {
        return QrError{QrRule::epc_separator, kNoTag, kNoTag, chars};
      }
      --end;
    }
    const std::string_view line = payload.substr(start, end - start);
    if (line.find('\r') != std::string_view::npos) {
      return QrError{QrRule::epc_separator, kNoTag, kNoTag, chars};
    }
    lines->text[lines->count] = line;
    lines->offset[lines->count] = chars;
    ++lines->count;
    if (newline == std::string_view::npos) break;
    chars +=
        static_cast<std::uint32_t>(utf8::count_chars(payload.substr(start, newline + 1 - start)));
    start = newline + 1;
  }
  return std::nullopt;
}

std::optional<QrError> check_header(const Lines& lines) {
  if (lines.text[0] != "BCD") return line_error(QrRule::epc_service_tag, lines, 0);
  if (lines.count < 2 || (lines.text[1] != "001" && lines.text[1] != "002")) {
    return line_error(QrRule::epc_version, lines, lines.count < 2 ? 0 : 1);
  }
  const std::string_view charset = lines.count < 3 ? "" : lines.text[2];
  if (charset.size() != 1 || charset[0] < '1' || charset[0] > '8') {
    return line_error(QrRule::epc_charset, lines, lines.count < 3 ? 1 : 2);
  }
  if (lines.count < 4 || lines.text[3] != "SCT") {
    return line_error(QrRule::epc_identification, lines, lines.count < 4 ? 2 : 3);
  }
  if (lines.count < kLinesMin) return line_error(QrRule::epc_line_count, lines, lines.count - 1);
  return std::nullopt;
}

std::optional<QrError> check_characters(const Lines& lines, int charset) {
  for (std::size_t i = 0; i < lines.count; ++i) {
    const std::string_view line = lines.text[i];
    if (charset == 1 && !utf8::validate(line, nullptr, nullptr)) {
      return line_error(QrRule::epc_character_set, lines, i);
    }
    for (const char c : line) {
      if (!byte_defined(static_cast<unsigned char>(c), charset)) {
        return line_error(QrRule::epc_character_set, lines, i);
      }
    }
  }
  return std::nullopt;
}

// "EUR" 1*DIGIT ["." 1*2DIGIT], 0.01 .. 999999999.99; sets cents.
std::optional<QrRule> parse_amount(std::string_view text, std::int64_t* cents) {
  if (text.size() < 4 || text.substr(0, 3) != "EUR") return QrRule::epc_amount_format;
  const std::string_view number = text.substr(3);
  const std::size_t point = number.find('.');
  const std::string_view whole = number.substr(0, point);
  const std::string_view fraction =
      point == std::string_view::npos ? std::string_view() : number.substr(point + 1);
  if (whole.empty() || !utf8::is_digits(whole) || !utf8::is_digits(fraction)) {
    return QrRule::epc_amount_format;
  }
  if (point != std::string_view::npos && (fraction.empty() || fraction.size() > 2)) {
    return QrRule::epc_amount_format;
  }
  std::size_t significant = 0;
  while (significant < whole.size() && whole[significant] == '0') ++significant;
  if (whole.size() - significant > 9) return QrRule::epc_amount_range;
  std::int64_t value = 0;
  for (const char c : whole) value = value * 10 + (c - '0');
  for (std::size_t i = 0; i < 2; ++i) {
    value = value * 10 + (i < fraction.size() ? fraction[i] - '0' : 0);
  }
  if (value < 1 || value > 99999999999) return QrRule::epc_amount_range;
  *cents = value;
  return std::nullopt;
}

std::optional<QrError> check_fields(const Lines& lines, EpcTransfer* out) {
  auto line = [&lines](std::size_t index) {
    return index < lines.count ? lines.text[index] : std::string_view();
  };
  const int charset = out->charset;
  if (line(4).empty() ? out->version == 1 : false) {
    return line_error(QrRule::epc_bic_required, lines, 4);
  }
  if (!line(4).empty() && !banking::is_valid_bic(line(4))) {
    return line_error(QrRule::epc_bic_format, lines, 4);
  }
  if (line(5).empty()) return line_error(QrRule::epc_name_required, lines, 5);
  if (count_chars(line(5), charset) > 70) return line_error(QrRule::epc_too_long, lines, 5);
  if (!banking::validate_iban(line(6)).ok()) return line_error(QrRule::epc_iban, lines, 6);
  if (!line(7).empty()) {
    std::int64_t cents = 0;
    if (auto rule = parse_amount(line(7), &cents)) return line_error(*rule, lines, 7);
    out->amount = Money(cents, *Currency::from_code("EUR"));
  }
  const std::string_view purpose = line(8);
  if (!purpose.empty()) {
    bool ok = purpose.size() == 4;
    for (const char c : purpose) ok = ok && ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'));
    if (!ok) return line_error(QrRule::epc_purpose_format, lines, 8);
  }
  if (!line(9).empty() && !banking::is_valid_creditor_reference(line(9))) {
    return line_error(QrRule::epc_reference_format, lines, 9);
  }
  if (count_chars(line(10), charset) > 140) return line_error(QrRule::epc_too_long, lines, 10);
  if (!line(9).empty() && !line(10).empty()) {
    return line_error(QrRule::epc_reference_and_text, lines, 10);
  }
  if (count_chars(line(11), charset) > 70) return line_error(QrRule::epc_too_long, lines, 11);
  return std::nullopt;
}

}  // namespace

bool looks_like_epc(std::string_view payload) {
  return payload.substr(0, 4) == "BCD\n" || payload.substr(0, 5) == "BCD\r\n";
}

Result<EpcTransfer, QrError> decode_epc(std::string_view payload) {
  if (payload.empty()) return Err{QrError{QrRule::empty_input, kNoTag, kNoTag, 0}};
  if (payload.size() > limits::epc_payload_bytes_max) {
    return Err{QrError{QrRule::epc_payload_too_long, kNoTag, kNoTag, 0}};
  }
  Lines lines;
  if (auto error = split_lines(payload, &lines)) return Err{*error};
  if (auto error = check_header(lines)) return Err{*error};
  EpcTransfer transfer;
  transfer.version = lines.text[1] == "001" ? 1 : 2;
  transfer.charset = lines.text[2][0] - '0';
  if (transfer.charset != 1) {  // single-byte character sets: characters are bytes
    for (std::size_t i = 0; i < lines.count; ++i) {
      lines.offset[i] = static_cast<std::uint32_t>(lines.text[i].data() - payload.data());
    }
  }
  if (auto error = check_characters(lines, transfer.charset)) return Err{*error};
  if (auto error = check_fields(lines, &transfer)) return Err{*error};
  auto line = [&lines](std::size_t index) {
    return std::string(index < lines.count ? lines.text[index] : std::string_view());
  };
  transfer.bic = line(4);
  transfer.name = line(5);
  transfer.iban = line(6);
  transfer.amount_text = line(7);
  transfer.purpose = line(8);
  transfer.reference = line(9);
  transfer.text = line(10);
  transfer.information = line(11);
  transfer.crlf = lines.crlf;
  transfer.line_count = static_cast<int>(lines.count);
  return transfer;
}

std::string epc_amount_text(const Money& amount) {
  DROP_ASSERT(amount.currency().code() == "EUR");
  std::string decimal = amount.to_decimal();  // "12.30"
  while (!decimal.empty() && decimal.back() == '0') decimal.pop_back();
  if (!decimal.empty() && decimal.back() == '.') decimal.pop_back();
  return "EUR" + decimal;
}

Result<std::string, QrError> encode_epc(const EpcTransfer& transfer) {
  std::string amount_text = transfer.amount_text;
  if (transfer.amount && transfer.amount->currency().code() == "EUR") {
    std::int64_t cents = 0;
    if (parse_amount(amount_text, &cents).has_value() || cents != transfer.amount->amount_minor()) {
      amount_text = epc_amount_text(*transfer.amount);
    }
  }
  const std::string version = transfer.version == 1 ? "001" : transfer.version == 2 ? "002" : "";
  const std::string charset = transfer.charset >= 1 && transfer.charset <= 8
                                  ? std::string(1, char('0' + transfer.charset))
                                  : "";
  const std::string_view fields[kLinesMax] = {"BCD",
                                              version,
                                              charset,
                                              "SCT",
                                              transfer.bic,
                                              transfer.name,
                                              transfer.iban,
                                              amount_text,
                                              transfer.purpose,
                                              transfer.reference,
                                              transfer.text,
                                              transfer.information};
  std::size_t count = kLinesMax;
  while (count > kLinesMin && fields[count - 1].empty()) --count;
  if (transfer.line_count > 0 && static_cast<std::size_t>(transfer.line_count) > count &&
      static_cast<std::size_t>(transfer.line_count) <= kLinesMax) {
    count = static_cast<std::size_t>(transfer.line_count);
  }
  std::string out;
  out.reserve(128);
  for (std::size_t i = 0; i < count; ++i) {
    if (i > 0) out.append(transfer.crlf ? "\r\n" : "\n");
    out.append(fields[i]);
  }
  // A line break inside a field would shift every later line: refuse it.
  for (std::size_t i = 0; i < count; ++i) {
    if (fields[i].find_first_of("\r\n") != std::string_view::npos) {
      return Err{QrError{QrRule::epc_separator, static_cast<std::uint8_t>(i + 1), kNoTag, 0}};
    }
  }
  auto decoded = decode_epc(out);
  if (!decoded.ok()) return Err{decoded.error()};
  return out;
}

}  // namespace drop::qr
