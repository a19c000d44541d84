// FX pricing: the rule of API.md "FX pricing", exactly.
//
//   mid    = rate_T / rate_S                                   (exact Ratio, ECB quoting)
//   rate   = mid * (10000 - spread_bps) / 10000, truncated toward zero to 8 significant digits
//   fee    = fee_fixed + ceil(source * fee_bps / 10000)         (source minor units)
//   send   : target = floor((source - fee) * rate * 10^(exp_T - exp_S))
//   receive: source = the smallest amount whose send-mode target is >= the requested target;
//            the quote delivers exactly the requested target.
//
// Everything is integer arithmetic (int64 amounts, 128-bit intermediates); nothing is rounded
// except where the rule says so. Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "drop/fx/decimal.hpp"
#include "drop/fx/rate_table.hpp"
#include "drop/fx/ratio.hpp"
#include "drop/limits.hpp"
#include "drop/money/money.hpp"
#include "drop/result.hpp"
#include "drop/time/timestamp.hpp"

namespace drop::fx {

// Significant digits of the customer rate (API.md).
inline constexpr int customer_rate_digits = 8;

// Why a quote is refused. Checked in this order: the policy, the currencies, the rates' age, the
// amount's range, then the rule itself (fee, zero target, a target beyond the limits).
// The HTTP layer maps them to API codes (see docs/fx.md).
enum class QuoteRefusal : std::uint8_t {
  invalid_policy = 1,        // spread or fee outside its range (a configuration error)
  unsupported_currency = 2,  // source or target not in the rate table
  stale_rates = 3,           // the table is older than policy.rates_max_age_days
  amount_too_small = 4,      // amount <= 0, or the target would be 0
  fee_exceeds_amount = 5,    // send mode: source - fee <= 0
  amount_too_large = 6,      // source (or target) above the configured maximum
};
// "amount_too_small", ... (the names used on the command line and in logs).
std::string_view to_string(QuoteRefusal refusal);

struct PricingPolicy {
  int spread_bps = 50;               // 0 .. limits::fx_bps_max
  std::int64_t fee_fixed_minor = 0;  // 0 .. limits::fx_amount_minor_max, source minor units
  int fee_bps = 0;                   // 0 .. limits::fx_bps_max
  // Largest source amount (and target amount) a quote may carry, in minor units.
  std::int64_t amount_max_minor = limits::fx_amount_minor_max;
  // Refuse tables whose as-of date is more than this many days before `now`; nullopt: never.
  std::optional<int> rates_max_age_days;
};

enum class QuoteMode : std::uint8_t { send = 1, receive = 2 };

struct QuoteRequest {
  Currency source_currency;
  Currency target_currency;
  QuoteMode mode = QuoteMode::send;
  std::int64_t amount_minor = 0;  // the source (send) or the target (receive)
};

struct Pricing {
  Money source;
  Money target;
  Money fee;
  Decimal rate;  // the customer rate, normalized (no trailing zeros)
  Ratio mid;     // exact
};

// The customer rate for a mid rate and a spread (the rule above), normalized.
// REQUIRES: 0 <= spread_bps <= limits::fx_bps_max; mid within RateTable's bounds.
Decimal customer_rate(const Ratio& mid, int spread_bps);

// The mid rate for display: truncated toward zero to limits::fx_mid_rate_display_digits
// significant digits, normalized. Exact whenever the ratio has that few digits.
Decimal mid_rate_for_display(const Ratio& mid);

// Prices a request. Refusals in the order of QuoteRefusal. `now` only dates the staleness check.
Result<Pricing, QuoteRefusal> price(const RateTable& table, const QuoteRequest& request,
                                    const PricingPolicy& policy, Timestamp now);

// Send mode on an already computed rate: the target in target minor units, or a refusal
// (fee_exceeds_amount, amount_too_small, amount_too_large). Exposed for tests and the receive
// search. REQUIRES: 0 <= fee_bps <= limits::fx_bps_max, 0 <= fee_fixed_minor.
Result<std::int64_t, QuoteRefusal> send_target_minor(std::int64_t source_minor,
                                                     std::int64_t fee_fixed_minor, int fee_bps,
                                                     Decimal rate, int exponent_difference);

// The fee on a source amount: fee_fixed + ceil(source * fee_bps / 10000).
std::int64_t fee_minor(std::int64_t source_minor, std::int64_t fee_fixed_minor, int fee_bps);

}  // namespace drop::fx
