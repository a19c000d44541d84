// EmbeddedRateSource: the ECB reference-rate snapshot compiled into the program, used when no
// rates source is configured (DROP_RATES_SOURCE unset, `drop fx quote` without --rates). Its
// as-of date shows in every quote priced from it, so a stale default is visible.
// Thread-safety: load() may be called from any thread.
#pragma once

#include <string_view>

#include "drop/ports/rate_source.hpp"

namespace drop::adapters::rates {

// The snapshot's text, in the eurofxref-daily.xml format.
std::string_view embedded_ecb_snapshot();

class EmbeddedRateSource final : public ports::RateSource {
 public:
  // The snapshot's table; never fails for the shipped snapshot (a test parses it), but reports
  // internal if it were ever malformed.
  Result<fx::RateTable, ports::PortError> load() override;
};

}  // namespace drop::adapters::rates
