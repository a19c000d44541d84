// EMV MPM decoder and encoder against the public vectors (../shared/vectors/qr_fx): every valid
// vector decodes (lenient) and re-encodes byte for byte, both from the decoded objects and from
// the tree form; every invalid vector fails in strict with exactly its labelled rule (and in
// lenient either with that rule or, for a rule lenient relaxes, decodes); every edge vector
// decodes in lenient and fails in strict with its rule.
#include <catch2/catch.hpp>
#include <set>

#include "core/qr/qr_vectors.hpp"
#include "drop/qr/emv.hpp"

using drop::qr::decode_emv;
using drop::qr::EmvProfile;

namespace {

const EmvProfile kStrict = EmvProfile::strict_profile();
const EmvProfile kLenient = EmvProfile::lenient_profile();

// Rules the lenient profile relaxes (real schemes break them).
const std::set<std::string> kLenientRelaxes = {"PFI_VALUE",
                                               "RFU_ID_PRESENT",
                                               "MISSING_52",
                                               "MISSING_58",
                                               "MISSING_59",
                                               "MISSING_60",
                                               "FORMAT_54",
                                               "TOO_LONG_59",
                                               "TOO_LONG_60",
                                               "TOO_LONG_61",
                                               "CRC_LOWERCASE",
                                               "NON_ANS_CHARS_59",
                                               "UNRESERVED_PRIMITIVE",
                                               "EXPIRATION_TIMESTAMP_REQUIRED"};

}  // namespace

TEST_CASE("every valid EMV vector decodes (lenient) and re-encodes byte-exactly") {
  const auto vectors = drop_test::emv_valid_vectors();
  REQUIRE(vectors.size() == 57);
  for (const auto& vector : vectors) {
    INFO("line " << vector.line << ": " << vector.payload);
    const auto decoded = decode_emv(vector.payload, kLenient);
    if (!decoded.ok()) FAIL_CHECK(describe(decoded.error()));
    if (!decoded.ok()) continue;
    CHECK(encode_emv(*decoded) == vector.payload);
    const auto fields = to_fields(*decoded);
    const auto encoded = encode_emv(fields);
    REQUIRE(encoded.ok());
    CHECK(*encoded == vector.payload);
  }
}

TEST_CASE("valid EMV vectors of schemes that follow every rule also pass strict") {
  // PIX, PayNow, SGQR and the EMVCo example pass every strict rule (README notes).
  std::size_t strict_ok = 0;
  for (const auto& vector : drop_test::emv_valid_vectors()) {
    const auto decoded = decode_emv(vector.payload, kStrict);
    if (decoded.ok()) ++strict_ok;
    const bool pix = vector.payload.find("br.gov.bcb.pix") != std::string::npos ||
                     vector.payload.find("BR.GOV.BCB.PIX") != std::string::npos;
    const bool singapore = vector.payload.find("SG.") != std::string::npos;
    if (pix || singapore) {
      INFO("line " << vector.line << ": " << vector.payload);
      CHECK(decoded.ok());
    }
  }
  // 15 PIX, 4 PayNow, SGQR, EMVCo, 10 of 11 KHQR (README "strict-EMV notes").
  CHECK(strict_ok == 31);
}

TEST_CASE("every invalid EMV vector fails strict with exactly its labelled rule") {
  const auto vectors = drop_test::emv_invalid_vectors();
  REQUIRE(vectors.size() == 45);
  std::size_t lenient_accepted = 0;
  for (const auto& vector : vectors) {
    INFO("line " << vector.line << " expects " << vector.label << ": " << vector.payload);
    const auto strict = decode_emv(vector.payload, kStrict);
    REQUIRE_FALSE(strict.ok());
    CHECK(rule_name(strict.error()) == vector.label);
    const auto lenient = decode_emv(vector.payload, kLenient);
    if (lenient.ok()) {
      ++lenient_accepted;
      CHECK(kLenientRelaxes.count(vector.label) == 1);
      CHECK(encode_emv(*lenient) == vector.payload);
    } else {
      CHECK(rule_name(lenient.error()) == vector.label);
    }
  }
  // CRC_LOWERCASE, TOO_LONG_60 (2), FORMAT_54 zero, TOO_LONG_59, MISSING_59, NON_ANS_CHARS_59,
  // RFU_ID_PRESENT (70), PFI_VALUE '02', KHQR timestamp: 9 vectors lenient decodes.
  CHECK(lenient_accepted == 9);
}

TEST_CASE("every edge EMV vector decodes in lenient and fails in strict with its rule") {
  const auto vectors = drop_test::emv_edge_vectors();
  REQUIRE(vectors.size() == 7);
  for (const auto& vector : vectors) {
    INFO("line " << vector.line << " rule " << vector.label << ": " << vector.payload);
    const auto lenient = decode_emv(vector.payload, kLenient);
    if (!lenient.ok()) FAIL_CHECK(describe(lenient.error()));
    if (!lenient.ok()) continue;
    CHECK(encode_emv(*lenient) == vector.payload);
    const auto strict = decode_emv(vector.payload, kStrict);
    if (vector.label.rfind("info:", 0) == 0) {
      // Non-canonical order is valid EMV: strict decodes it and reports the order.
      REQUIRE(strict.ok());
      CHECK_FALSE(strict->is_canonical_order());
    } else {
      REQUIRE_FALSE(strict.ok());
      CHECK(rule_name(strict.error()) == vector.label);
    }
  }
}
