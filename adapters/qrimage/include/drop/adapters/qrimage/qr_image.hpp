// QR symbols for payment payloads: the module matrix (for tests and other renderers) and an
// SVG. Byte mode (the payload's bytes unchanged: UTF-8 EMV text, ISO 8859 EPC text), no ECI,
// error correction level M exactly (never boosted; EPC requires M), quiet zone of 4 modules.
// Wraps libqrcodegencpp; no exception escapes. Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "drop/result.hpp"

namespace drop::adapters::qrimage {

enum class QrImageError : std::uint8_t {
  too_long = 1,  // more bytes than a version-40 symbol at level M holds (2331)
};
std::string_view to_string(QrImageError error);

struct QrMatrix {
  int version = 0;                    // 1..40
  int size = 0;                       // modules per side (17 + 4 * version)
  std::vector<std::uint8_t> modules;  // size * size, row-major, 1 = dark

  bool dark(int x, int y) const {
    return modules[static_cast<std::size_t>(y) * static_cast<std::size_t>(size) +
                   static_cast<std::size_t>(x)] != 0;
  }
};

// The symbol for `payload` (its bytes, byte mode, ECC M, smallest version, automatic mask).
Result<QrMatrix, QrImageError> encode_matrix(std::string_view payload);

// An SVG document: a white background, one path of 1x1 dark modules, a quiet zone of
// `quiet_zone_modules` on every side, viewBox in modules.
std::string to_svg(const QrMatrix& matrix, int quiet_zone_modules = 4);

// encode_matrix + to_svg.
Result<std::string, QrImageError> render_svg(std::string_view payload);

}  // namespace drop::adapters::qrimage
