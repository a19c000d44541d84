// EMV MPM codec on constructed payloads: the CRC check value, UTF-8 lengths, 3-decimal
// currencies, input-level rules (empty, whitespace, newline, NUL, invalid UTF-8, too long),
// error messages with tag and offset, the canonical builder, and Drop's own scheme.
#include "drop/qr/emv.hpp"

#include <catch2/catch.hpp>
#include <cstring>
#include <string>

#include "drop/qr/drop_scheme.hpp"

using drop::Currency;
using drop::Money;
using drop::qr::decode_emv;
using drop::qr::EmvBuilder;
using drop::qr::EmvField;
using drop::qr::EmvProfile;

namespace {

const EmvProfile kStrict = EmvProfile::strict_profile();
const EmvProfile kLenient = EmvProfile::lenient_profile();
const std::string kPix =
    "00020126580014br.gov.bcb.pix0136123e4567-e12b-12d1-a456-4266554400005204000053039865802BR5913"
    "Fulano de Tal6008BRASILIA62070503***63041D3D";

std::string rule_of(const std::string& payload, const EmvProfile& profile = kStrict) {
  const auto decoded = decode_emv(payload, profile);
  return decoded.ok() ? "OK" : rule_name(decoded.error());
}

// Replaces the CRC of a payload that ends in "6304XXXX" with the right one.
std::string with_crc(std::string payload) {
  payload.resize(payload.size() - 4);
  char hex[5];
  std::snprintf(hex, sizeof hex, "%04X", drop::qr::crc16_ccitt_false(payload));
  return payload + hex;
}

}  // namespace

TEST_CASE("CRC-16/CCITT-FALSE check value") {
  CHECK(drop::qr::crc16_ccitt_false("123456789") == 0x29B1);
  CHECK(drop::qr::crc16_ccitt_false("") == 0xFFFF);
}

TEST_CASE("decoded fields of the BCB PIX example") {
  const auto decoded = decode_emv(kPix, kStrict);
  REQUIRE(decoded.ok());
  CHECK(decoded->value_of(26, 0) == "br.gov.bcb.pix");
  CHECK(decoded->value_of(59) == "Fulano de Tal");
  CHECK(decoded->value_of(62, 5) == "***");
  CHECK(decoded->currency()->code() == "BRL");
  CHECK_FALSE(decoded->amount().has_value());
  CHECK(decoded->is_canonical_order());
  CHECK(decoded->top_level().size() == 9);
}

TEST_CASE("lengths count characters, the CRC covers UTF-8 bytes") {
  // EMVCo's example: template 64 is 20 characters / 32 bytes.
  const std::string payload = with_crc(
      "000201010212"
      "29300012D156000000000510A93FO3230Q"
      "520441115802CN5914BEST TRANSPORT"
      "6007BEIJING"
      "64200002ZH0104最佳运输0202北京"
      "540523.72"
      "5303156"
      "63040000");
  const auto decoded = decode_emv(payload, kStrict);
  REQUIRE(decoded.ok());
  CHECK(decoded->value_of(64, 1) == "最佳运输");
  CHECK(decoded->amount()->amount_minor() == 2372);
  CHECK(encode_emv(*decoded) == payload);
  // A byte-counting length breaks the structure.
  std::string bytes = payload;
  bytes.replace(bytes.find("6420"), 4, "6432");
  CHECK(rule_of(with_crc(bytes)) != "OK");
}

TEST_CASE("amounts follow the currency exponent, 3 decimals included") {
  const auto kwd = [](const std::string& amount) {
    return with_crc("00020101021226170013no.getdrop.kw52040000530341454" +
                    std::string(amount.size() < 10 ? "0" : "") + std::to_string(amount.size()) +
                    amount + "5802KW5904Shop6006Kuwait63040000");
  };
  auto decoded = decode_emv(kwd("12.345"), kStrict);
  REQUIRE(decoded.ok());
  CHECK(decoded->amount() == Money(12345, *Currency::from_code("KWD")));
  CHECK(decode_emv(kwd("98."), kStrict)->amount()->amount_minor() == 98000);
  CHECK(decode_emv(kwd(".5"), kStrict)->amount()->amount_minor() == 500);
  CHECK(rule_of(kwd("1.2345")) == "FORMAT_54");
  CHECK(rule_of(kwd("1.2345"), kLenient) == "FORMAT_54");
  CHECK(rule_of(kwd("0.000")) == "FORMAT_54");
  CHECK(rule_of(kwd("0.000"), kLenient) == "OK");
  CHECK(rule_of(kwd("1..2")) == "FORMAT_54");
  CHECK(rule_of(kwd(".")) == "FORMAT_54");
}

TEST_CASE("input-level rules") {
  CHECK(rule_of("") == "EMPTY_INPUT");
  CHECK(rule_of(kPix + "\n", kLenient) == "NEWLINE_SUFFIX");
  CHECK(rule_of(kPix + "\r\n", kLenient) == "NEWLINE_SUFFIX");
  CHECK(rule_of(" " + kPix, kLenient) == "WHITESPACE_AROUND");
  std::string nul = kPix;
  nul[20] = '\0';
  CHECK(rule_of(nul, kLenient) == "NUL_BYTE");
  std::string bad = kPix;
  bad[60] = '\xC3';
  CHECK(rule_of(bad, kLenient) == "INVALID_UTF8");
  CHECK(rule_of("000201" + std::string(3000, '0'), kLenient) == "PAYLOAD_TOO_LONG");
  CHECK(rule_of(kPix.substr(0, kPix.size() - 4) + "1d3d", kLenient) == "OK");
  CHECK(rule_of(kPix.substr(0, kPix.size() - 4) + "1d3d", kStrict) == "CRC_LOWERCASE");
  CHECK(rule_of(kPix.substr(0, kPix.size() - 4) + "1D3E", kLenient) == "CRC_MISMATCH");
}

TEST_CASE("errors name rule, tag and character offset") {
  std::string payload = kPix;
  payload.replace(payload.find("5913Fulano de Tal"), 17, "5926ABCDEFGHIJKLMNOPQRSTUVWXYZ");
  const auto decoded = decode_emv(with_crc(payload), kStrict);
  REQUIRE_FALSE(decoded.ok());
  CHECK(describe(decoded.error()) == "TOO_LONG_59 at tag 59, offset 89");
  std::string sub = kPix;
  sub.replace(sub.find("62070503***"), 11, "62070503é**");
  const auto nested = decode_emv(with_crc(sub), kStrict);
  REQUIRE(nested.ok());  // 62 may carry any Unicode
  const auto missing = decode_emv(with_crc("000201"
                                           "63040000"),
                                  kLenient);
  CHECK(describe(missing.error()) == "MAI_MISSING at payload, offset 0");
}

TEST_CASE("the canonical builder orders tags and computes the CRC") {
  EmvBuilder builder;
  builder.set("59", "Fulano de Tal");
  builder.set("60", "BRASILIA");
  builder.set_template("62", {EmvField::primitive("05", "***")});
  builder.set("58", "BR");
  builder.set("53", "986");
  builder.set("52", "0000");
  builder.set_template("26", {EmvField::primitive("00", "br.gov.bcb.pix"),
                              EmvField::primitive("01", "123e4567-e12b-12d1-a456-426655440000")});
  const auto encoded = builder.encode();
  REQUIRE(encoded.ok());
  CHECK(*encoded == kPix);
  EmvBuilder bad;
  bad.set("5X", "x");
  CHECK(rule_name(bad.encode().error()) == "NON_NUMERIC_ID");
  EmvBuilder long_value;
  long_value.set("59", std::string(100, 'x'));
  CHECK(rule_name(long_value.encode().error()) == "TOO_LONG_59");
}

TEST_CASE("encode from the tree form recomputes the CRC after an edit") {
  auto decoded = decode_emv(kPix, kStrict);
  REQUIRE(decoded.ok());
  auto fields = to_fields(*decoded);
  for (auto& field : fields) {
    if (field.id == "59") field.value = "Beltrano";
  }
  const auto encoded = encode_emv(fields);
  REQUIRE(encoded.ok());
  CHECK(rule_of(*encoded) == "OK");
  CHECK(decode_emv(*encoded, kStrict)->value_of(59) == "Beltrano");
  std::swap(fields[fields.size() - 1], fields[fields.size() - 2]);
  CHECK(rule_name(encode_emv(fields).error()) == "CRC_NOT_LAST");
}

TEST_CASE("Drop's scheme: dynamic and static codes decode back as payable") {
  drop::qr::DropPaymentRequest request;
  request.payee_id = "usr_4f2a9c";
  request.request_id = "qr_8d1e77";
  request.amount = Money(15000, *Currency::from_code("NOK"));
  request.reference = "Pizza friday";
  request.merchant_name = "Kari Nordmann";
  const auto dynamic = drop::qr::build_drop_qr(request);
  REQUIRE(dynamic.ok());
  CHECK(dynamic->find("010212") == 6);
  CHECK(dynamic->find("0010no.getdrop0110usr_4f2a9c0209qr_8d1e77") != std::string::npos);
  CHECK(dynamic->find("5406150.00") != std::string::npos);
  const auto decoded = decode_emv(*dynamic, kStrict);
  REQUIRE(decoded.ok());
  const auto qr = drop::qr::read_drop_qr(*decoded);
  REQUIRE(qr.has_value());
  CHECK(qr->dynamic);
  CHECK(qr->payee_id == "usr_4f2a9c");
  CHECK(qr->request_id == "qr_8d1e77");
  CHECK(qr->reference == "Pizza friday");
  CHECK(qr->amount == Money(15000, *Currency::from_code("NOK")));

  request.amount.reset();
  request.reference.clear();
  const auto static_code = drop::qr::build_drop_qr(request);
  REQUIRE(static_code.ok());
  CHECK(static_code->find("010211") == 6);
  CHECK(static_code->find("54") != 54);
  const auto qr_static = drop::qr::read_drop_qr(*decode_emv(*static_code, kStrict));
  REQUIRE(qr_static.has_value());
  CHECK_FALSE(qr_static->dynamic);
  CHECK_FALSE(qr_static->amount.has_value());

  request.amount = Money(100, *Currency::from_code("EUR"));
  CHECK(rule_name(drop::qr::build_drop_qr(request).error()) == "FORMAT_54");
  request.amount.reset();
  request.merchant_name = std::string(26, 'x');
  CHECK(rule_name(drop::qr::build_drop_qr(request).error()) == "TOO_LONG_59");
  // Another scheme's code is not payable.
  CHECK_FALSE(drop::qr::read_drop_qr(*decode_emv(kPix, kStrict)).has_value());
}

TEST_CASE("content rules the vectors do not cover, one broken at a time") {
  // Each row: a replacement in the BCB PIX example (CRC recomputed) and the strict rule.
  struct Case {
    const char* from;
    const char* to;
    const char* strict_rule;
    const char* lenient_rule;
  };
  const Case cases[] = {
      {"5802BR", "5802BR550203", "TIP03_WITHOUT_57", "TIP03_WITHOUT_57"},
      {"5802BR", "5802BR55020357045.50", "OK", "OK"},
      {"5802BR", "5802BR550203570599.99", "OK", "OK"},
      {"5802BR", "5802BR5502035706100.00", "FORMAT_57", "FORMAT_57"},
      {"5802BR", "5802BR55020256040.00", "FORMAT_56", "FORMAT_56"},
      {"5802BR", "5802BR5502025605-1.00", "FORMAT_56", "FORMAT_56"},
      {"5802BR", "5802BR55020256041.00", "OK", "OK"},
      {"6008BRASILIA", "6008BRASILIA611112345678901", "TOO_LONG_61", "OK"},
      {"62070503***", "62300526ABCDEFGHIJKLMNOPQRSTUVWXYZ", "TOO_LONG_62", "OK"},
      {"62070503***", "621405030010503***", "DUPLICATE_ID", "DUPLICATE_ID"},
      {"62070503***", "62079903***", "OK", "OK"},  // 62.99 payment-system template, kept raw
      {"62070503***", "62070903AME", "OK", "OK"},
      {"62070503***", "62080904AMEM", "TOO_LONG_62", "OK"},
      {"62070503***", "62080503***", "TEMPLATE_SUBLENGTH", "TEMPLATE_SUBLENGTH"},
      {"0014br.gov.bcb.pix", "0014br.gov.bcb.p\x7Fx", "NON_ANS_CHARS_26", "OK"},
      {"62070503***", "62070503***64140002PT0104Joao", "OK", "OK"},
      {"62070503***", "62070503***64060002PT", "LANG_TEMPLATE_MANDATORY",
       "LANG_TEMPLATE_MANDATORY"},
      {"62070503***", "62070503***80040000", "OK", "OK"},
      {"62070503***", "62070503***8003abc", "UNRESERVED_PRIMITIVE", "OK"},
      {"62070503***", "62070503***6503abc", "RFU_ID_PRESENT", "OK"},
      {"26580014", "01021126580014", "OK", "OK"},
      {"26580014", "01021026580014", "POI_VALUE", "POI_VALUE"},
      {"5303986", "5303999", "OK", "OK"},  // unknown currency: decodes, no Money
      {"5303986", "", "MISSING_53", "MISSING_53"},
      {"5204000053", "53", "MISSING_52", "OK"},
      {"5802BR", "", "MISSING_58", "OK"},
  };
  for (const Case& c : cases) {
    std::string payload = kPix;
    payload.replace(payload.find(c.from), std::strlen(c.from), c.to);
    payload = with_crc(payload);
    INFO(c.to << " -> " << payload);
    CHECK(rule_of(payload, kStrict) == c.strict_rule);
    CHECK(rule_of(payload, kLenient) == c.lenient_rule);
    const auto decoded = decode_emv(payload, kLenient);
    if (decoded.ok()) CHECK(encode_emv(*decoded) == payload);
  }
}
