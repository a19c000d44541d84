// FileRateSource: reference rates from a file on disk, ECB eurofxref XML or Norges Bank CSV
// (recognised by content). The file is read whole on every load(), at most
// limits::rate_file_bytes_max bytes. Thread-safety: load() may be called from any thread.
#pragma once

#include <string>

#include "drop/ports/rate_source.hpp"

namespace drop::adapters::rates {

class FileRateSource final : public ports::RateSource {
 public:
  explicit FileRateSource(std::string path) : path_(std::move(path)) {}

  // The file's table. Fails with unavailable when the file cannot be opened or read, invalid
  // when it is larger than the limit, corrupt when malformed (the message names the path, the
  // line and the field).
  Result<fx::RateTable, ports::PortError> load() override;

 private:
  std::string path_;
};

}  // namespace drop::adapters::rates
