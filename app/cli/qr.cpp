// drop qr decode | encode | svg: the payment-QR codec on the command line.
#include <iostream>
#include <iterator>
#include <string>

#include "cli/command.hpp"
#include "cli/qr_json.hpp"
#include "drop/adapters/qrimage/qr_image.hpp"
#include "drop/qr/emv.hpp"
#include "drop/qr/epc.hpp"

namespace drop::cli {

namespace {

constexpr std::size_t kJsonBytesMax = 64 * 1024;

// The payload argument, with an optional leading --strict; nullopt on a usage error.
std::optional<std::string_view> payload_argument(Arguments arguments, bool* strict) {
  if (!arguments.empty() && arguments[0] == "--strict") {
    *strict = true;
    arguments = arguments.subspan(1);
  }
  if (arguments.size() != 1) return std::nullopt;
  return arguments[0];
}

// Decodes either format; on success the JSON, else the one-line reason.
Result<std::string, std::string> decode_to_json(std::string_view payload, bool strict) {
  if (qr::looks_like_epc(payload)) {
    const auto transfer = qr::decode_epc(payload);
    if (!transfer.ok()) return Err{qr::describe(transfer.error())};
    return epc_to_json(*transfer);
  }
  const auto strict_result = qr::decode_emv(payload, qr::EmvProfile::strict_profile());
  if (strict_result.ok()) return emv_to_json(*strict_result, "");
  if (strict) return Err{qr::describe(strict_result.error())};
  const auto lenient = qr::decode_emv(payload, qr::EmvProfile::lenient_profile());
  if (!lenient.ok()) return Err{qr::describe(lenient.error())};
  return emv_to_json(*lenient, qr::describe(strict_result.error()));
}

}  // namespace

int run_qr_decode(Arguments arguments, Streams streams) {
  bool strict = false;
  const auto payload = payload_argument(arguments, &strict);
  if (!payload) {
    streams.err << "usage: drop qr decode [--strict] <payload>\n";
    return 2;
  }
  const auto decoded = decode_to_json(*payload, strict);
  if (!decoded.ok()) {
    streams.err << "drop qr decode: invalid QR payload: " << decoded.error() << "\n";
    return 1;
  }
  streams.out << *decoded << "\n";
  return 0;
}

int run_qr_encode(Arguments arguments, Streams streams) {
  if (!arguments.empty()) {
    streams.err << "usage: drop qr encode < decoded.json\n";
    return 2;
  }
  std::string json;
  char chunk[4096];
  while (streams.in.read(chunk, sizeof chunk) || streams.in.gcount() > 0) {
    json.append(chunk, static_cast<std::size_t>(streams.in.gcount()));
    if (json.size() > kJsonBytesMax) {
      streams.err << "drop qr encode: input over " << kJsonBytesMax << " bytes\n";
      return 1;
    }
  }
  const auto payload = encode_qr_json(json);
  if (!payload.ok()) {
    streams.err << "drop qr encode: " << payload.error() << "\n";
    return 1;
  }
  streams.out << *payload;  // exactly the payload: no newline (EPC payloads end without one)
  return 0;
}

int run_qr_svg(Arguments arguments, Streams streams) {
  bool strict = false;
  const auto payload = payload_argument(arguments, &strict);
  if (!payload) {
    streams.err << "usage: drop qr svg [--strict] <payload>\n";
    return 2;
  }
  const auto decoded = decode_to_json(*payload, strict);
  if (!decoded.ok()) {
    streams.err << "drop qr svg: invalid QR payload: " << decoded.error() << "\n";
    return 1;
  }
  const auto svg = adapters::qrimage::render_svg(*payload);
  if (!svg.ok()) {
    streams.err << "drop qr svg: " << adapters::qrimage::to_string(svg.error()) << "\n";
    return 1;
  }
  streams.out << *svg;
  return 0;
}

}  // namespace drop::cli
