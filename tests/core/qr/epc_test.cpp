// EPC069-12 (GiroCode) decoder and encoder: the EPC examples behave as labelled (valid ones
// decode, re-encode byte for byte and have the stated byte length; invalid ones fail with the
// rule their status names), plus one test per rule on constructed payloads.
#include "drop/qr/epc.hpp"

#include <catch2/catch.hpp>
#include <map>

#include "core/qr/qr_vectors.hpp"

using drop::qr::decode_epc;
using drop::qr::encode_epc;

namespace {

// Title prefix of each INVALID example -> the rule it breaks.
const std::map<std::string, std::string> kInvalidExamples = {
    {"Belgian Red Cross as printed on Wikipedia", "EPC_CHARSET"},
    {"Italian Wikipedia variant", "EPC_REFERENCE_FORMAT"},
    {"Invalid amount EUR0", "EPC_AMOUNT_RANGE"},
    {"Invalid: both structured reference", "EPC_REFERENCE_AND_TEXT"},
    {"Invalid BIC length 10", "EPC_BIC_FORMAT"},
};

std::string expected_rule(const std::string& title) {
  for (const auto& [prefix, rule] : kInvalidExamples) {
    if (title.rfind(prefix, 0) == 0) return rule;
  }
  return "?";
}

const std::string kBase =
    "BCD\n002\n1\nSCT\nBHBLDEHHXXX\nFranz Mustermann\nDE71110220330123456789\nEUR12.3\nGDDS\n"
    "RF18539007547034";

std::string with_line(std::size_t line, const std::string& value) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (true) {
    const std::size_t end = kBase.find('\n', start);
    lines.push_back(kBase.substr(start, end - start));
    if (end == std::string::npos) break;
    start = end + 1;
  }
  while (lines.size() < line) lines.push_back("");
  lines[line - 1] = value;
  std::string out;
  for (std::size_t i = 0; i < lines.size(); ++i) out += (i ? "\n" : "") + lines[i];
  return out;
}

std::string rule_of(const std::string& payload) {
  const auto decoded = decode_epc(payload);
  return decoded.ok() ? "OK" : drop::qr::rule_name(decoded.error());
}

}  // namespace

TEST_CASE("EPC examples behave as labelled") {
  const auto examples = drop_test::epc_examples();
  REQUIRE(examples.size() == 10);
  std::size_t valid = 0;
  for (const auto& example : examples) {
    INFO(example.title);
    CHECK(example.payload.size() == example.bytes);
    const auto decoded = decode_epc(example.payload);
    if (example.valid) {
      ++valid;
      if (!decoded.ok()) FAIL_CHECK(describe(decoded.error()));
      if (!decoded.ok()) continue;
      const auto encoded = encode_epc(*decoded);
      REQUIRE(encoded.ok());
      CHECK(*encoded == example.payload);
    } else {
      REQUIRE_FALSE(decoded.ok());
      CHECK(drop::qr::rule_name(decoded.error()) == expected_rule(example.title));
    }
  }
  CHECK(valid == 5);
}

TEST_CASE("EPC example 1 decodes into its fields") {
  const auto decoded = decode_epc(kBase);
  REQUIRE(decoded.ok());
  CHECK(decoded->version == 2);
  CHECK(decoded->bic == "BHBLDEHHXXX");
  CHECK(decoded->iban == "DE71110220330123456789");
  REQUIRE(decoded->amount.has_value());
  CHECK(decoded->amount->amount_minor() == 1230);
  CHECK(decoded->amount->currency().code() == "EUR");
  CHECK(decoded->purpose == "GDDS");
  CHECK(decoded->reference == "RF18539007547034");
  CHECK(decoded->text.empty());
}

TEST_CASE("EPC rules, one broken at a time") {
  CHECK(rule_of(kBase) == "OK");
  CHECK(rule_of("") == "EMPTY_INPUT");
  CHECK(rule_of(with_line(1, "BCE")) == "EPC_SERVICE_TAG");
  CHECK(rule_of(with_line(2, "003")) == "EPC_VERSION");
  CHECK(rule_of(with_line(3, "9")) == "EPC_CHARSET");
  CHECK(rule_of(with_line(4, "SCX")) == "EPC_IDENTIFICATION");
  CHECK(rule_of(with_line(2, "001")) == "OK");
  CHECK(rule_of(with_line(5, "")) == "OK");  // BIC optional in 002
  CHECK(rule_of(with_line(2, "001").replace(16, 12, "")) != "OK");
  CHECK(rule_of(with_line(5, "BHBLDEH")) == "EPC_BIC_FORMAT");
  CHECK(rule_of(with_line(5, "bhbldehhxxx")) == "EPC_BIC_FORMAT");
  CHECK(rule_of(with_line(6, "")) == "EPC_NAME_REQUIRED");
  CHECK(rule_of(with_line(6, std::string(70, 'a'))) == "OK");
  CHECK(rule_of(with_line(6, std::string(71, 'a'))) == "EPC_TOO_LONG");
  CHECK(rule_of(with_line(7, "DE71110220330123456788")) == "EPC_IBAN");
  CHECK(rule_of(with_line(7, "DE7111022033012345678")) == "EPC_IBAN");
  // Fuzzer finding: an ISO 11649 reference passes mod 97 but is not an IBAN.
  CHECK(rule_of("BCD\n002\n2\nSCT\n\n.\nRF00019074M0819") == "EPC_IBAN");
  CHECK(rule_of(with_line(8, "")) == "OK");
  CHECK(rule_of(with_line(8, "EUR0.01")) == "OK");
  CHECK(rule_of(with_line(8, "EUR999999999.99")) == "OK");
  CHECK(rule_of(with_line(8, "EUR0.004")) == "EPC_AMOUNT_FORMAT");
  CHECK(rule_of(with_line(8, "EUR999999999.999")) == "EPC_AMOUNT_FORMAT");
  CHECK(rule_of(with_line(8, "EUR9999999990.99")) == "EPC_AMOUNT_RANGE");
  CHECK(rule_of(with_line(8, "EUR0")) == "EPC_AMOUNT_RANGE");
  CHECK(rule_of(with_line(8, "EUR12,30")) == "EPC_AMOUNT_FORMAT");
  CHECK(rule_of(with_line(8, "USD12.30")) == "EPC_AMOUNT_FORMAT");
  CHECK(rule_of(with_line(8, "EUR12.")) == "EPC_AMOUNT_FORMAT");
  CHECK(rule_of(with_line(9, "GDD")) == "EPC_PURPOSE_FORMAT");
  CHECK(rule_of(with_line(10, "RF18539007547035")) == "EPC_REFERENCE_FORMAT");
  CHECK(rule_of(with_line(10, "").append("\n").append(std::string(140, 'x'))) == "OK");
  CHECK(rule_of(with_line(10, "").append("\n").append(std::string(141, 'x'))) == "EPC_TOO_LONG");
  CHECK(rule_of(kBase + "\nInvoice") == "EPC_REFERENCE_AND_TEXT");
  CHECK(rule_of(kBase + "\n\n" + std::string(70, 'i')) == "OK");
  CHECK(rule_of(kBase + "\n\n" + std::string(71, 'i')) == "EPC_TOO_LONG");
  CHECK(rule_of(kBase + "\n\n\n") == "EPC_LINE_COUNT");            // 13 lines
  CHECK(rule_of("BCD\n002\n1\nSCT\n\nName") == "EPC_LINE_COUNT");  // no IBAN line
  CHECK(rule_of("BCD\r\n002\n1") == "EPC_SEPARATOR");
  CHECK(rule_of(with_line(6, "Fran\xE7ois")) == "EPC_CHARACTER_SET");  // Latin-1 byte in UTF-8
  CHECK(rule_of(with_line(3, "2").replace(kBase.find("Franz"), 5, "Fran\xE7")) == "OK");
  CHECK(rule_of(with_line(6, "Tab\there")) == "EPC_CHARACTER_SET");
  CHECK(rule_of(with_line(11, std::string(140, 'x')).replace(kBase.find("RF18"), 16, "")) == "OK");
}

TEST_CASE("EPC errors name the line and its character offset") {
  // UTF-8: the IBAN line starts after "Franz Mustermänn" (16 characters, 17 bytes).
  std::string payload = "BCD\n002\n1\nSCT\n\nFranz Musterm\xC3\xA4nn\nDE00\n";
  auto decoded = decode_epc(payload);
  REQUIRE_FALSE(decoded.ok());
  CHECK(describe(decoded.error()) == "EPC_IBAN at line 7, offset 32");
  // ISO 8859-1: one byte per character.
  payload = "BCD\n002\n2\nSCT\n\nFranz Musterm\xE4nn\nDE00\n";
  decoded = decode_epc(payload);
  REQUIRE_FALSE(decoded.ok());
  CHECK(describe(decoded.error()) == "EPC_IBAN at line 7, offset 32");
}

TEST_CASE("EPC payloads over 331 bytes are refused, 331 are fine") {
  const std::string payload = "BCD\n002\n1\nSCT\nBHBLDEHHXXX\n" + std::string(70, 'n') +
                              "\nDE71110220330123456789\nEUR999999999.99\nGDDS\n\n";
  const std::size_t room = 331 - payload.size() - 1 - 70;  // text line, then info line
  REQUIRE(room <= 140);
  std::string at_limit = payload + std::string(room, 't') + "\n" + std::string(70, 'i');
  CHECK(at_limit.size() == 331);
  CHECK(rule_of(at_limit) == "OK");
  CHECK(rule_of(at_limit + "i") == "EPC_PAYLOAD_TOO_LONG");
}

TEST_CASE("EPC encoder writes amounts as segno does and keeps CR LF and line counts") {
  drop::qr::EpcTransfer transfer;
  transfer.name = "Franz Mustermann";
  transfer.iban = "DE71110220330123456789";
  transfer.amount = drop::Money(1230, *drop::Currency::from_code("EUR"));
  transfer.text = "Invoice 7";
  const auto encoded = encode_epc(transfer);
  REQUIRE(encoded.ok());
  CHECK(*encoded ==
        "BCD\n002\n1\nSCT\n\nFranz Mustermann\nDE71110220330123456789\nEUR12.3\n\n\n"
        "Invoice 7");
  transfer.crlf = true;
  transfer.amount = drop::Money(500, *drop::Currency::from_code("EUR"));
  transfer.text.clear();
  const auto crlf = encode_epc(transfer);
  REQUIRE(crlf.ok());
  CHECK(*crlf ==
        "BCD\r\n002\r\n1\r\nSCT\r\n\r\nFranz Mustermann\r\nDE71110220330123456789\r\nEUR5");
  const auto decoded = decode_epc(*crlf);
  REQUIRE(decoded.ok());
  CHECK(decoded->crlf);
  CHECK(*encode_epc(*decoded) == *crlf);
  transfer.name = "Line\nbreak";
  CHECK_FALSE(encode_epc(transfer).ok());
}
