// `drop fx quote`: prices one quote from a rates file (or the embedded ECB snapshot) and prints
// it as the API's Quote JSON. The quote is not stored: this command shows what the API would
// promise for the same rates, amounts and policy.
//
//   drop fx quote [--rates <file>] --from <AAA> --to <AAA> (--send <minor> | --receive <minor>)
//                 [--spread-bps N] [--fee-fixed <minor>] [--fee-bps N] [--max-age-days N]
//
// Defaults as API.md: spread 50 bps, no fees. Rates files are never refused for their age unless
// --max-age-days is given (the shared test vectors date from 2021). This file reads the real
// clock and the operating system's entropy (for created_at and the quote id); core does not.
#include <array>
#include <charconv>
#include <chrono>
#include <cstddef>
#include <memory>
#include <optional>
#include <ostream>
#include <random>
#include <string>

#include "api/quote_json.hpp"
#include "cli/command.hpp"
#include "drop/adapters/rates/embedded_rate_source.hpp"
#include "drop/adapters/rates/file_rate_source.hpp"
#include "drop/fx/quote.hpp"
#include "drop/limits.hpp"
#include "json/json.hpp"

namespace drop::cli {
namespace {

constexpr std::string_view usage_line =
    "usage: drop fx quote [--rates <file>] --from <AAA> --to <AAA> (--send <minor> | --receive "
    "<minor>) [--spread-bps N] [--fee-fixed <minor>] [--fee-bps N] [--max-age-days N]";

struct Options {
  std::optional<std::string> rates_path;
  std::string_view from;
  std::string_view to;
  std::optional<std::int64_t> send_minor;
  std::optional<std::int64_t> receive_minor;
  fx::PricingPolicy policy;
};

// A non-negative decimal integer no larger than `maximum`, all of `text`.
std::optional<std::int64_t> parse_count(std::string_view text, std::int64_t maximum) {
  std::int64_t value = 0;
  if (text.empty() || text[0] < '0' || text[0] > '9') return std::nullopt;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || value > maximum) {
    return std::nullopt;
  }
  return value;
}

// Parses the options; on a usage error writes one line to `err` and returns nullopt.
std::optional<Options> parse_options(Arguments arguments, std::ostream& err) {
  Options options;
  const auto fail = [&](std::string_view what) -> std::optional<Options> {
    err << "drop fx quote: " << what << "\n" << usage_line << "\n";
    return std::nullopt;
  };
  constexpr std::int64_t any_amount = INT64_MAX;
  for (std::size_t i = 0; i < arguments.size(); i += 2) {
    const std::string_view name = arguments[i];
    if (i + 1 >= arguments.size()) return fail(std::string(name) + " needs a value");
    const std::string_view value = arguments[i + 1];
    const auto count = [&](std::int64_t maximum) { return parse_count(value, maximum); };
    if (name == "--rates") {
      options.rates_path = std::string(value);
    } else if (name == "--from") {
      options.from = value;
    } else if (name == "--to") {
      options.to = value;
    } else if (name == "--send" && count(any_amount)) {
      options.send_minor = count(any_amount);
    } else if (name == "--receive" && count(any_amount)) {
      options.receive_minor = count(any_amount);
    } else if (name == "--spread-bps" && count(limits::fx_bps_max)) {
      options.policy.spread_bps = static_cast<int>(*count(limits::fx_bps_max));
    } else if (name == "--fee-bps" && count(limits::fx_bps_max)) {
      options.policy.fee_bps = static_cast<int>(*count(limits::fx_bps_max));
    } else if (name == "--fee-fixed" && count(limits::fx_amount_minor_max)) {
      options.policy.fee_fixed_minor = *count(limits::fx_amount_minor_max);
    } else if (name == "--max-age-days" && count(36500)) {
      options.policy.rates_max_age_days = static_cast<int>(*count(36500));
    } else {
      return fail("bad option or value: " + std::string(name) + " " + std::string(value));
    }
  }
  if (options.from.empty() || options.to.empty()) return fail("--from and --to are required");
  if (options.send_minor.has_value() == options.receive_minor.has_value()) {
    return fail("give exactly one of --send and --receive");
  }
  return options;
}

std::string new_quote_id() {
  std::random_device device;
  std::array<std::byte, fx::quote_id_entropy_bytes> entropy{};
  for (std::byte& byte : entropy) byte = static_cast<std::byte>(device() & 0xff);
  return fx::quote_id_from_entropy(entropy);
}

Timestamp wall_clock_now() {
  const auto since_epoch = std::chrono::system_clock::now().time_since_epoch();
  return Timestamp{std::chrono::duration_cast<std::chrono::microseconds>(since_epoch).count()};
}

}  // namespace

int run_fx_quote(Arguments arguments, Streams streams) {
  const std::optional<Options> options = parse_options(arguments, streams.err);
  if (!options) return 2;

  std::unique_ptr<ports::RateSource> source;
  if (options->rates_path) {
    source = std::make_unique<adapters::rates::FileRateSource>(*options->rates_path);
  } else {
    source = std::make_unique<adapters::rates::EmbeddedRateSource>();
  }
  const auto table = source->load();
  if (!table) {
    streams.err << "drop fx quote: rates: " << table.error().message << "\n";
    return 1;
  }
  const auto from = Currency::from_code(options->from);
  const auto to = Currency::from_code(options->to);
  if (!from || !to) {
    streams.err << "drop fx quote: refused: unsupported_currency\n";
    return 1;
  }
  const fx::QuoteRequest request{
      *from, *to, options->send_minor ? fx::QuoteMode::send : fx::QuoteMode::receive,
      options->send_minor ? *options->send_minor : *options->receive_minor};
  const Timestamp now = wall_clock_now();
  const auto quote = fx::make_quote(*table, request, options->policy, now,
                                    limits::quote_ttl_s_default, new_quote_id());
  if (!quote) {
    streams.err << "drop fx quote: refused: " << fx::to_string(quote.error()) << "\n";
    return 1;
  }
  streams.out << api::quote_json(*quote, now) << "\n";
  return 0;
}

}  // namespace drop::cli
