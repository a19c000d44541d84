// Money parse/format throughput (context for the ledger and FX figures).
#include "bench.hpp"
#include "drop/money/money.hpp"

int main() {
  const auto nok = *drop::Currency::from_code("NOK");
  drop_bench::measure("money: parse \"12345.67\" NOK", 1000, [&] {
    for (int i = 0; i < 1000; ++i) drop_bench::keep(drop::Money::parse("12345.67", nok));
  });
  drop_bench::measure("money: format 1234567 NOK", 1000, [&] {
    for (int i = 0; i < 1000; ++i) drop_bench::keep(drop::Money(1234567 + i, nok).to_decimal());
  });
}
