#include "drop/adapters/rates/embedded_rate_source.hpp"

#include "drop/fx/rate_formats.hpp"

namespace drop::adapters::rates {

Result<fx::RateTable, ports::PortError> EmbeddedRateSource::load() {
  auto parsed = fx::parse_ecb_xml(embedded_ecb_snapshot());
  if (!parsed) {
    return Err{ports::PortError{ports::PortError::Kind::internal,
                                "embedded rates snapshot: " + parsed.error().to_string()}};
  }
  return std::move(parsed).value().table;
}

}  // namespace drop::adapters::rates
