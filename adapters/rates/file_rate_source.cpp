#include "drop/adapters/rates/file_rate_source.hpp"

#include <fstream>
#include <string>

#include "drop/fx/rate_formats.hpp"
#include "drop/limits.hpp"

namespace drop::adapters::rates {

using ports::PortError;

Result<fx::RateTable, PortError> FileRateSource::load() {
  std::ifstream in(path_, std::ios::binary);
  if (!in) return Err{PortError{PortError::Kind::unavailable, path_ + ": cannot open"}};
  // Read one byte more than the limit to tell "exactly at the limit" from "over it".
  std::string content(limits::rate_file_bytes_max + 1, '\0');
  in.read(content.data(), static_cast<std::streamsize>(content.size()));
  if (in.bad()) return Err{PortError{PortError::Kind::unavailable, path_ + ": read failed"}};
  content.resize(static_cast<std::size_t>(in.gcount()));
  if (content.size() > limits::rate_file_bytes_max) {
    return Err{PortError{
        PortError::Kind::invalid,
        path_ + ": larger than " + std::to_string(limits::rate_file_bytes_max) + " bytes"}};
  }
  auto parsed = fx::parse_rate_file(content);
  if (!parsed) {
    return Err{PortError{PortError::Kind::corrupt, path_ + ": " + parsed.error().to_string()}};
  }
  return std::move(parsed).value().table;
}

}  // namespace drop::adapters::rates
