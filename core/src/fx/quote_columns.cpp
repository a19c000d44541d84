#include "drop/fx/quote_columns.hpp"

#include "drop/fx/pricing.hpp"

namespace drop::fx {

namespace {

// "0.0852079072937" -> 852079072937 / 10^13. Grammar: digit+ ["." digit+], at most 18
// significant digits and 30 decimals (a display mid rate has 12 significant digits).
std::optional<Ratio> parse_ratio(std::string_view text) {
  Int128 coefficient = 0;
  int scale = 0;
  int significant = 0;
  bool dot = false;
  bool digits = false;
  for (char c : text) {
    if (c == '.' && !dot && digits) {
      dot = true;
      digits = false;
      continue;
    }
    if (c < '0' || c > '9') return std::nullopt;
    digits = true;
    coefficient = coefficient * 10 + (c - '0');
    if (coefficient != 0) ++significant;
    if (dot) ++scale;
  }
  if (!digits || significant > 18 || scale > 30) return std::nullopt;
  return Ratio{coefficient, pow10_128(scale)};
}

}  // namespace

QuoteColumns to_columns(const Quote& quote) {
  QuoteColumns columns;
  columns.id = quote.id;
  columns.user_id = quote.owner_id;
  columns.source_amount = quote.source.amount_minor();
  columns.source_currency = std::string(quote.source.currency().code());
  columns.target_amount = quote.target.amount_minor();
  columns.target_currency = std::string(quote.target.currency().code());
  columns.fee_amount = quote.fee.amount_minor();
  columns.rate = quote.rate.to_string();
  columns.mid_rate = mid_rate_for_display(quote.mid).to_string();
  columns.spread_bps = quote.spread_bps;
  columns.rate_as_of = format_date(quote.rate_as_of);
  columns.created_at_us = quote.created_at.unix_us;
  columns.expires_at_us = quote.expires_at.unix_us;
  // An expired status is derived from the time; only "used" is stored.
  if (quote.status == QuoteStatus::used) columns.used_at_us = quote.created_at.unix_us;
  return columns;
}

Result<Quote, std::string> from_columns(const QuoteColumns& columns) {
  auto source = Currency::from_code(columns.source_currency);
  auto target = Currency::from_code(columns.target_currency);
  if (!source || !target) return Err{std::string("quotes: bad currency")};
  auto rate = Decimal::parse(columns.rate);
  auto mid = parse_ratio(columns.mid_rate);
  if (!rate || !mid) return Err{std::string("quotes: bad rate or mid_rate")};
  auto as_of = parse_date(columns.rate_as_of);
  if (!as_of) return Err{std::string("quotes: bad rate_as_of")};
  if (columns.spread_bps < 0 || columns.spread_bps > 10000) {
    return Err{std::string("quotes: spread_bps out of range")};
  }
  Quote quote{columns.id,
              Money(columns.source_amount, *source),
              Money(columns.target_amount, *target),
              Money(columns.fee_amount, *source),
              *rate,
              *mid,
              static_cast<int>(columns.spread_bps),
              *as_of,
              std::string{},
              Timestamp{columns.created_at_us},
              Timestamp{columns.expires_at_us},
              columns.used_at_us ? QuoteStatus::used : QuoteStatus::open,
              columns.user_id};
  return quote;
}

}  // namespace drop::fx
