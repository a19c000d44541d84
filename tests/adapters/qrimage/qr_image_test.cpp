// QR images: every valid EMV vector (lenient-decodable, UTF-8 included) and every valid EPC
// example (UTF-8 and ISO 8859-1 bytes) is rendered with libqrcodegencpp, rasterised at 4 px per
// module with a 4-module quiet zone, and decoded with libzxing: the bytes read back equal the
// payload exactly, at error-correction level M. Also checks the SVG's shape.
#define ZX_USE_UTF8 1
#include "drop/adapters/qrimage/qr_image.hpp"

#include <ZXing/DecodeHints.h>
#include <ZXing/ReadBarcode.h>

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "core/qr/qr_vectors.hpp"

using drop::adapters::qrimage::encode_matrix;
using drop::adapters::qrimage::QrMatrix;

namespace {

constexpr int kPixelsPerModule = 4;
constexpr int kQuietZone = 4;

struct Decoded {
  bool valid = false;
  std::string bytes;
  std::string text;
  std::string ec_level;
};

// Grayscale image of the matrix (0 = black, 255 = white), decoded by zxing.
Decoded scan(const QrMatrix& matrix) {
  const int side = (matrix.size + 2 * kQuietZone) * kPixelsPerModule;
  std::vector<std::uint8_t> pixels(static_cast<std::size_t>(side * side), 255);
  for (int y = 0; y < matrix.size; ++y) {
    for (int x = 0; x < matrix.size; ++x) {
      if (!matrix.dark(x, y)) continue;
      for (int dy = 0; dy < kPixelsPerModule; ++dy) {
        for (int dx = 0; dx < kPixelsPerModule; ++dx) {
          const int px = (x + kQuietZone) * kPixelsPerModule + dx;
          const int py = (y + kQuietZone) * kPixelsPerModule + dy;
          pixels[static_cast<std::size_t>(py * side + px)] = 0;
        }
      }
    }
  }
  const ZXing::ImageView image(pixels.data(), side, side, ZXing::ImageFormat::Lum);
  const ZXing::Result result =
      ZXing::ReadBarcode(image, ZXing::DecodeHints().setFormats(ZXing::BarcodeFormat::QRCode));
  Decoded decoded;
  decoded.valid = result.isValid();
  decoded.bytes.assign(result.bytes().begin(), result.bytes().end());
  decoded.text = result.text();
  decoded.ec_level = result.ecLevel();
  return decoded;
}

void check_round_trip(const std::string& payload, bool utf8_text) {
  INFO(payload);
  const auto matrix = encode_matrix(payload);
  REQUIRE(matrix.ok());
  const Decoded decoded = scan(*matrix);
  REQUIRE(decoded.valid);
  CHECK(decoded.bytes == payload);
  CHECK(decoded.ec_level == "M");
  if (utf8_text) CHECK(decoded.text == payload);
}

}  // namespace

TEST_CASE("every valid EMV vector survives render + zxing scan byte-exactly") {
  const auto vectors = drop_test::emv_valid_vectors();
  REQUIRE(vectors.size() == 57);
  for (const auto& vector : vectors) check_round_trip(vector.payload, true);
  for (const auto& vector : drop_test::emv_edge_vectors()) check_round_trip(vector.payload, true);
}

TEST_CASE("every valid EPC example survives render + zxing scan byte-exactly") {
  std::size_t valid = 0;
  for (const auto& example : drop_test::epc_examples()) {
    if (!example.valid) continue;
    ++valid;
    const auto matrix = encode_matrix(example.payload);
    REQUIRE(matrix.ok());
    CHECK(matrix->version <= 13);  // EPC: at most version 13 at level M
    check_round_trip(example.payload, example.encoding == "utf-8");
  }
  CHECK(valid == 5);
}

TEST_CASE("the SVG has a quiet zone of 4 and one unit square per dark module") {
  const std::string payload = "BCD\n002\n1\nSCT\n\nN\nDE71110220330123456789";
  const auto matrix = encode_matrix(payload);
  REQUIRE(matrix.ok());
  const std::string svg = drop::adapters::qrimage::to_svg(*matrix);
  const int side = matrix->size + 8;
  CHECK(svg.find("viewBox=\"0 0 " + std::to_string(side) + " " + std::to_string(side) + "\"") !=
        std::string::npos);
  std::size_t squares = 0;
  for (std::size_t at = svg.find("h1v1h-1z"); at != std::string::npos;
       at = svg.find("h1v1h-1z", at + 1)) {
    ++squares;
  }
  std::size_t dark = 0;
  for (const auto module : matrix->modules) dark += module;
  CHECK(squares == dark);
  // The top-left finder pattern starts at the quiet-zone corner.
  CHECK(svg.find("M4,4h1v1h-1z") != std::string::npos);
  CHECK(svg.find("M3,") == std::string::npos);
}

TEST_CASE("payloads over QR capacity are refused without an exception") {
  CHECK(encode_matrix(std::string(2331, 'x')).ok());
  CHECK(encode_matrix(std::string(2332, 'x')).error() ==
        drop::adapters::qrimage::QrImageError::too_long);
}
