#include "drop/fx/pricing.hpp"

#include "drop/fx/int128.hpp"

namespace drop::fx {
namespace {

bool policy_is_valid(const PricingPolicy& policy) {
  return policy.spread_bps >= 0 && policy.spread_bps <= limits::fx_bps_max && policy.fee_bps >= 0 &&
         policy.fee_bps <= limits::fx_bps_max && policy.fee_fixed_minor >= 0 &&
         policy.fee_fixed_minor <= limits::fx_amount_minor_max && policy.amount_max_minor > 0 &&
         policy.amount_max_minor <= limits::fx_amount_minor_max &&
         (!policy.rates_max_age_days || *policy.rates_max_age_days >= 0);
}

Int128 ceil_divide(Int128 numerator, Int128 denominator) {  // both > 0 or numerator == 0
  return (numerator + denominator - 1) / denominator;
}

// The smallest source whose send-mode target reaches `target_minor` (see pricing.hpp).
// Let R = c * 10^shift be the rate in target minor units per source minor unit. floor(net * R)
// >= target  <=>  net >= ceil(target / R) =: net_min, since target is an integer. And
// s - fixed - ceil(s * b / 10000) >= net_min  <=>  s * (10000 - b) >= 10000 * (net_min + fixed),
// because s - (net_min + fixed) is an integer. Both sides are monotonic, so the closed form is
// the minimum; pricing_test checks it against a brute-force search.
Result<std::int64_t, QuoteRefusal> receive_source_minor(std::int64_t target_minor,
                                                        const PricingPolicy& policy, Decimal rate,
                                                        int exponent_difference) {
  const int shift = exponent_difference - rate.scale;
  Int128 net_min = 0;
  if (shift >= 0) {
    // c * 10^shift >= 10^(shift) > target once shift exceeds the amount's digits.
    net_min = shift > 20 ? 1 : ceil_divide(target_minor, rate.coefficient * pow10_128(shift));
  } else {
    Int128 scaled_target = 0;
    if (-shift > int128_pow10_max ||
        __builtin_mul_overflow(Int128{target_minor}, pow10_128(-shift), &scaled_target)) {
      return Err{QuoteRefusal::amount_too_large};
    }
    net_min = ceil_divide(scaled_target, rate.coefficient);
  }
  if (net_min > policy.amount_max_minor) return Err{QuoteRefusal::amount_too_large};
  const Int128 needed = net_min + policy.fee_fixed_minor;
  const Int128 source = ceil_divide(needed * 10000, 10000 - policy.fee_bps);
  if (source > policy.amount_max_minor) return Err{QuoteRefusal::amount_too_large};
  return static_cast<std::int64_t>(source);
}

}  // namespace

std::string_view to_string(QuoteRefusal refusal) {
  switch (refusal) {
    case QuoteRefusal::invalid_policy:
      return "invalid_policy";
    case QuoteRefusal::unsupported_currency:
      return "unsupported_currency";
    case QuoteRefusal::stale_rates:
      return "stale_rates";
    case QuoteRefusal::amount_too_small:
      return "amount_too_small";
    case QuoteRefusal::fee_exceeds_amount:
      return "fee_exceeds_amount";
    case QuoteRefusal::amount_too_large:
      return "amount_too_large";
  }
  return "unknown";
}

Decimal customer_rate(const Ratio& mid, int spread_bps) {
  DROP_ASSERT(spread_bps >= 0);
  DROP_ASSERT(spread_bps <= limits::fx_bps_max);
  return truncate_significant(Ratio{mid.numerator * (10000 - spread_bps), mid.denominator * 10000},
                              customer_rate_digits);
}

Decimal mid_rate_for_display(const Ratio& mid) {
  return truncate_significant(mid, limits::fx_mid_rate_display_digits);
}

std::int64_t fee_minor(std::int64_t source_minor, std::int64_t fee_fixed_minor, int fee_bps) {
  DROP_ASSERT(source_minor >= 0);
  DROP_ASSERT(source_minor <= limits::fx_amount_minor_max);
  DROP_ASSERT(fee_fixed_minor >= 0);
  DROP_ASSERT(fee_fixed_minor <= limits::fx_amount_minor_max);
  DROP_ASSERT(fee_bps >= 0);
  const Int128 percentage = ceil_divide(Int128{source_minor} * fee_bps, 10000);
  return fee_fixed_minor + static_cast<std::int64_t>(percentage);
}

Result<std::int64_t, QuoteRefusal> send_target_minor(std::int64_t source_minor,
                                                     std::int64_t fee_fixed_minor, int fee_bps,
                                                     Decimal rate, int exponent_difference) {
  const std::int64_t fee = fee_minor(source_minor, fee_fixed_minor, fee_bps);
  if (source_minor - fee <= 0) return Err{QuoteRefusal::fee_exceeds_amount};
  // net < 10^15 and the coefficient < 10^8: the product is below 10^23.
  const Int128 product = Int128{source_minor - fee} * rate.coefficient;
  const int shift = exponent_difference - rate.scale;
  Int128 target = 0;
  if (shift >= 0) {
    if (shift > int128_pow10_max || __builtin_mul_overflow(product, pow10_128(shift), &target)) {
      return Err{QuoteRefusal::amount_too_large};
    }
  } else {
    target = -shift > int128_pow10_max ? 0 : product / pow10_128(-shift);
  }
  if (target == 0) return Err{QuoteRefusal::amount_too_small};
  if (target > limits::fx_amount_minor_max) return Err{QuoteRefusal::amount_too_large};
  return static_cast<std::int64_t>(target);
}

Result<Pricing, QuoteRefusal> price(const RateTable& table, const QuoteRequest& request,
                                    const PricingPolicy& policy, Timestamp now) {
  if (!policy_is_valid(policy)) return Err{QuoteRefusal::invalid_policy};
  const std::optional<Ratio> mid = table.mid(request.source_currency, request.target_currency);
  if (!mid) return Err{QuoteRefusal::unsupported_currency};
  if (policy.rates_max_age_days &&
      days_since_epoch(date_of(now)) - days_since_epoch(table.as_of()) >
          *policy.rates_max_age_days) {
    return Err{QuoteRefusal::stale_rates};
  }
  if (request.amount_minor <= 0) return Err{QuoteRefusal::amount_too_small};
  if (request.amount_minor > policy.amount_max_minor) return Err{QuoteRefusal::amount_too_large};

  const Decimal rate = customer_rate(*mid, policy.spread_bps);
  const int exponent_difference =
      request.target_currency.exponent() - request.source_currency.exponent();
  std::int64_t source_minor = request.amount_minor;
  std::int64_t target_minor = 0;
  if (request.mode == QuoteMode::send) {
    const auto target = send_target_minor(source_minor, policy.fee_fixed_minor, policy.fee_bps,
                                          rate, exponent_difference);
    if (!target) return Err{target.error()};
    target_minor = *target;
  } else {
    const auto source =
        receive_source_minor(request.amount_minor, policy, rate, exponent_difference);
    if (!source) return Err{source.error()};
    source_minor = *source;
    target_minor = request.amount_minor;
    // The closed form must deliver: the send-mode computation reaches the requested target.
    const auto delivered = send_target_minor(source_minor, policy.fee_fixed_minor, policy.fee_bps,
                                             rate, exponent_difference);
    if (!delivered) return Err{delivered.error()};
    DROP_ASSERT(*delivered >= target_minor);
  }
  const std::int64_t fee = fee_minor(source_minor, policy.fee_fixed_minor, policy.fee_bps);
  return Pricing{Money(source_minor, request.source_currency),
                 Money(target_minor, request.target_currency), Money(fee, request.source_currency),
                 rate, *mid};
}

}  // namespace drop::fx
