// Payment-QR codec throughput, single thread: EMV decode (lenient, strict) and encode (from the
// decoded objects and from the tree form) of a typical 147-character PIX payload with an
// amount, and EPC decode/encode of the EPC v2.1 example 1 (96 bytes).
#include <time.h>

#include <cstdio>
#include <string>

#include "bench.hpp"
#include "drop/qr/emv.hpp"
#include "drop/qr/epc.hpp"

namespace {

double thread_cpu_seconds() {
  timespec now{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
  return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) * 1e-9;
}

// drop_bench::measure (wall clock), plus the same run per second of this thread's CPU time:
// the machines here are shared, so the CPU figure is the steadier one.
template <typename Body>
void measure(const char* name, std::uint64_t operations_per_call, Body&& body) {
  const double cpu_start = thread_cpu_seconds();
  const drop_bench::Figure figure = drop_bench::measure(name, operations_per_call, body);
  const double cpu_s = thread_cpu_seconds() - cpu_start;
  const double operations = figure.operations_per_second * figure.seconds;
  std::printf("| %-60s | %14.0f ops/s |\n", "  (per CPU second of the thread)", operations / cpu_s);
}

}  // namespace

int main() {
  using drop::qr::EmvField;
  drop::qr::EmvBuilder builder;
  builder.set_template("26", {EmvField::primitive("00", "br.gov.bcb.pix"),
                              EmvField::primitive("01", "123e4567-e12b-12d1-a456-426655440000")});
  builder.set("52", "0000");
  builder.set_amount(drop::Money(12345, *drop::Currency::from_code("BRL")));
  builder.set("58", "BR");
  builder.set("59", "Fulano de Tal");
  builder.set("60", "BRASILIA");
  builder.set_template("62", {EmvField::primitive("05", "***")});
  const std::string payload = *builder.encode();
  std::printf("| payload: %zu characters |\n", payload.size());

  const auto lenient = drop::qr::EmvProfile::lenient_profile();
  const auto strict = drop::qr::EmvProfile::strict_profile();
  constexpr int kBatch = 1000;
  measure("qr: EMV decode, lenient (147 chars)", kBatch, [&] {
    for (int i = 0; i < kBatch; ++i) drop_bench::keep(drop::qr::decode_emv(payload, lenient));
  });
  measure("qr: EMV decode, strict (147 chars)", kBatch, [&] {
    for (int i = 0; i < kBatch; ++i) drop_bench::keep(drop::qr::decode_emv(payload, strict));
  });
  const auto decoded = *drop::qr::decode_emv(payload, strict);
  measure("qr: EMV encode from decoded payload", kBatch, [&] {
    for (int i = 0; i < kBatch; ++i) drop_bench::keep(drop::qr::encode_emv(decoded));
  });
  const auto fields = drop::qr::to_fields(decoded);
  measure("qr: EMV encode from tree form (fields)", kBatch, [&] {
    for (int i = 0; i < kBatch; ++i) drop_bench::keep(drop::qr::encode_emv(fields));
  });
  measure("qr: EMV build canonical (EmvBuilder::encode)", kBatch, [&] {
    for (int i = 0; i < kBatch; ++i) drop_bench::keep(builder.encode());
  });

  const std::string epc =
      "BCD\n002\n1\nSCT\nBHBLDEHHXXX\nFranz Musterm\xC3\xA4nn\nDE71110220330123456789\nEUR12.3\n"
      "GDDS\nRF18539007547034";
  measure("qr: EPC decode (96 bytes)", kBatch, [&] {
    for (int i = 0; i < kBatch; ++i) drop_bench::keep(drop::qr::decode_epc(epc));
  });
  const auto transfer = *drop::qr::decode_epc(epc);
  measure("qr: EPC encode (96 bytes, re-validated)", kBatch, [&] {
    for (int i = 0; i < kBatch; ++i) drop_bench::keep(drop::qr::encode_epc(transfer));
  });
}
