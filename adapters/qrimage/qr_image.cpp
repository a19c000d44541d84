#include "drop/adapters/qrimage/qr_image.hpp"

#include <fmt/format.h>

#include <qrcodegen/qrcodegen.hpp>

#include "drop/limits.hpp"

namespace drop::adapters::qrimage {

std::string_view to_string(QrImageError error) {
  switch (error) {
    case QrImageError::too_long:
      return "too_long";
  }
  return "unknown";
}

Result<QrMatrix, QrImageError> encode_matrix(std::string_view payload) {
  if (payload.size() > limits::qr_payload_bytes_max) return Err{QrImageError::too_long};
  const std::vector<std::uint8_t> bytes(payload.begin(), payload.end());
  try {
    const std::vector<qrcodegen::QrSegment> segments{qrcodegen::QrSegment::makeBytes(bytes)};
    const qrcodegen::QrCode code = qrcodegen::QrCode::encodeSegments(
        segments, qrcodegen::QrCode::Ecc::MEDIUM, qrcodegen::QrCode::MIN_VERSION,
        qrcodegen::QrCode::MAX_VERSION, -1, /*boostEcl=*/false);
    QrMatrix matrix;
    matrix.version = code.getVersion();
    matrix.size = code.getSize();
    const auto side = static_cast<std::size_t>(matrix.size);
    matrix.modules.resize(side * side);
    for (int y = 0; y < matrix.size; ++y) {
      for (int x = 0; x < matrix.size; ++x) {
        matrix.modules[static_cast<std::size_t>(y) * side + static_cast<std::size_t>(x)] =
            code.getModule(x, y) ? 1 : 0;
      }
    }
    return matrix;
  } catch (const qrcodegen::data_too_long&) {
    return Err{QrImageError::too_long};
  } catch (const std::exception&) {
    return Err{QrImageError::too_long};
  }
}

std::string to_svg(const QrMatrix& matrix, int quiet_zone_modules) {
  const int side = matrix.size + 2 * quiet_zone_modules;
  std::string svg = fmt::format(
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" viewBox=\"0 0 {0} {0}\" "
      "shape-rendering=\"crispEdges\">\n"
      "<rect width=\"100%\" height=\"100%\" fill=\"#FFFFFF\"/>\n<path d=\"",
      side);
  svg.reserve(svg.size() + matrix.modules.size() * 8 + 64);
  bool first = true;
  for (int y = 0; y < matrix.size; ++y) {
    for (int x = 0; x < matrix.size; ++x) {
      if (!matrix.dark(x, y)) continue;
      if (!first) svg.push_back(' ');
      first = false;
      fmt::format_to(std::back_inserter(svg), "M{},{}h1v1h-1z", x + quiet_zone_modules,
                     y + quiet_zone_modules);
    }
  }
  svg.append("\" fill=\"#000000\"/>\n</svg>\n");
  return svg;
}

Result<std::string, QrImageError> render_svg(std::string_view payload) {
  auto matrix = encode_matrix(payload);
  if (!matrix.ok()) return Err{matrix.error()};
  return to_svg(*matrix);
}

}  // namespace drop::adapters::qrimage
