// Uses drop_core through its installed headers only; exits 0 when the results are right.
#include <cstdio>
#include <string>

#include "drop/money/money.hpp"
#include "drop/version.hpp"

int main() {
  auto nok = drop::Currency::from_code("NOK");
  if (!nok) return 1;
  auto price = drop::Money::parse("123.45", *nok);
  if (!price || price->amount_minor() != 12345) return 1;
  auto doubled = price->multiply(2);
  if (!doubled || doubled->to_decimal() != "246.90") return 1;
  std::printf("dropcore %s: %s NOK\n", std::string(drop::version()).c_str(),
              doubled->to_decimal().c_str());
  return 0;
}
