// RateSource port: where reference rates come from (a file, the embedded snapshot, later an
// https URL through the outbound HTTP client). Each load returns a whole RateTable or a
// PortError, never part of a table. Implementations must be thread-safe.
#pragma once

#include "drop/fx/rate_table.hpp"
#include "drop/ports/port_error.hpp"
#include "drop/result.hpp"

namespace drop::ports {

class RateSource {
 public:
  virtual ~RateSource() = default;
  // The current table (as-of date and source name inside). Fails with unavailable when the
  // source cannot be read, corrupt when its content is malformed (the message names the line
  // and field), invalid when it is too large.
  virtual Result<fx::RateTable, PortError> load() = 0;
};

}  // namespace drop::ports
