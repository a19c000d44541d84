// libFuzzer target for both QR decoders (EMV MPM in the strict and lenient profiles, EPC069-12).
// Any input may be refused, but nothing may crash or trip a sanitizer, and an input that
// decodes must re-encode to itself byte for byte (from the decoded objects and from the tree
// form, and through the CLI's decoded-QR JSON: decode -> JSON -> encode); strict acceptance
// implies lenient acceptance. A broken invariant aborts.
// Built and run by tests/fuzz/run_fuzz.sh (clang, -fsanitize=fuzzer,address,undefined).
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "cli/qr_json.hpp"
#include "drop/qr/drop_scheme.hpp"
#include "drop/qr/emv.hpp"
#include "drop/qr/epc.hpp"

namespace {

[[noreturn]] void fail(const char* what, std::string_view input, const std::string& output) {
  std::fprintf(stderr, "qr_fuzz: %s\ninput  (%zu bytes): %.*s\noutput (%zu bytes): %s\n", what,
               input.size(), static_cast<int>(input.size()), input.data(), output.size(),
               output.c_str());
  std::abort();
}

bool check_emv(std::string_view input, const drop::qr::EmvProfile& profile) {
  const auto decoded = drop::qr::decode_emv(input, profile);
  if (!decoded.ok()) {
    const std::string message = drop::qr::describe(decoded.error());
    if (message.empty()) fail("empty error message", input, message);
    return false;
  }
  const std::string again = drop::qr::encode_emv(*decoded);
  if (again != input) fail("EMV decode + encode changed the payload", input, again);
  const auto fields = drop::qr::to_fields(*decoded);
  const auto from_fields = drop::qr::encode_emv(fields);
  if (!from_fields.ok())
    fail("EMV tree form does not encode", input, describe(from_fields.error()));
  if (*from_fields != input) fail("EMV tree form encodes differently", input, *from_fields);
  (void)drop::qr::read_drop_qr(*decoded);
  const auto via_json = drop::cli::encode_qr_json(drop::cli::emv_to_json(*decoded, ""));
  if (!via_json.ok()) fail("EMV JSON does not encode", input, via_json.error());
  if (*via_json != input) fail("EMV JSON encodes differently", input, *via_json);
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const bool strict = check_emv(input, drop::qr::EmvProfile::strict_profile());
  const bool lenient = check_emv(input, drop::qr::EmvProfile::lenient_profile());
  if (strict && !lenient) fail("strict accepts what lenient refuses", input, "");

  const auto epc = drop::qr::decode_epc(input);
  if (epc.ok()) {
    const auto again = drop::qr::encode_epc(*epc);
    if (!again.ok()) fail("EPC decoded but does not encode", input, describe(again.error()));
    if (*again != input) fail("EPC decode + encode changed the payload", input, *again);
    const auto json = drop::cli::epc_to_json(*epc);
    if (!json.ok()) fail("EPC decoded but has no JSON", input, json.error());
    const auto via_json = drop::cli::encode_qr_json(*json);
    if (!via_json.ok()) fail("EPC JSON does not encode", input, via_json.error());
    if (*via_json != input) fail("EPC JSON encodes differently", input, *via_json);
  } else if (drop::qr::describe(epc.error()).empty()) {
    fail("empty EPC error message", input, "");
  }
  return 0;
}
