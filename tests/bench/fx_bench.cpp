// FX quote throughput, single thread: price() in send and receive mode (mid-rate lookup, the
// 8-digit customer rate, fee, target or minimal source), across currency pairs with exponents 0,
// 2 and 3, and make_quote() (the same plus the Quote value with its id).
#include <array>
#include <cstdint>

#include "bench.hpp"
#include "drop/fx/quote.hpp"

namespace {

using namespace drop;
using namespace drop::fx;

RateTable table() {
  RateTable rates(*Currency::from_code("EUR"), Quoting::units_per_base, Date{2026, 11, 27}, "ECB");
  const std::pair<const char*, const char*> listed[] = {
      {"NOK", "11.7360"}, {"USD", "1.1583"},  {"JPY", "180.62"},   {"SEK", "10.9475"},
      {"KWD", "0.3542"},  {"GBP", "0.87640"}, {"IDR", "19354.21"}, {"ISK", "147.80"}};
  for (const auto& [code, rate] : listed) {
    DROP_ASSERT(rates.add(*Currency::from_code(code), *Decimal::parse(rate)).ok());
  }
  return rates;
}

}  // namespace

int main() {
  const RateTable rates = table();
  const Timestamp now = Timestamp::from_unix_seconds(1'795'780'800);
  const Currency nok = *Currency::from_code("NOK");
  const std::array<Currency, 6> targets = {
      *Currency::from_code("EUR"), *Currency::from_code("USD"), *Currency::from_code("JPY"),
      *Currency::from_code("KWD"), *Currency::from_code("IDR"), *Currency::from_code("SEK")};
  PricingPolicy policy;
  policy.fee_fixed_minor = 1000;
  policy.fee_bps = 25;
  constexpr int batch = 10000;

  for (const QuoteMode mode : {QuoteMode::send, QuoteMode::receive}) {
    const char* name = mode == QuoteMode::send ? "fx: price() send mode, NOK -> 6 currencies"
                                               : "fx: price() receive mode, NOK -> 6 currencies";
    std::int64_t amount = 100000;
    drop_bench::measure(name, batch, [&] {
      for (int i = 0; i < batch; ++i) {
        amount = amount >= 100'000'000 ? 100000 : amount + 7919;
        const QuoteRequest request{nok, targets[static_cast<std::size_t>(i) % targets.size()], mode,
                                   amount};
        drop_bench::keep(price(rates, request, policy, now));
      }
    });
  }
  std::int64_t amount = 100000;
  drop_bench::measure("fx: make_quote() send mode, with id", batch, [&] {
    for (int i = 0; i < batch; ++i) {
      amount = amount >= 100'000'000 ? 100000 : amount + 7919;
      const QuoteRequest request{nok, targets[static_cast<std::size_t>(i) % targets.size()],
                                 QuoteMode::send, amount};
      drop_bench::keep(make_quote(rates, request, policy, now, 60, "quo_00112233445566778899aabb"));
    }
  });
}
