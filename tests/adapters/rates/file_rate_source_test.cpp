// The rates adapter: FileRateSource reads ECB XML and Norges Bank CSV files (the shared samples),
// and reports a missing file (unavailable), an oversized file (invalid) and a malformed one
// (corrupt, naming the path, line and field) without a table. The embedded ECB snapshot parses
// and lists the currencies Drop quotes. Files are written to a per-process temporary directory.
#include "drop/adapters/rates/file_rate_source.hpp"

#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <string>

#include "drop/adapters/rates/embedded_rate_source.hpp"
#include "drop/fx/rate_formats.hpp"
#include "drop/limits.hpp"
#include "support/vectors.hpp"

using drop::Currency;
using drop::adapters::rates::EmbeddedRateSource;
using drop::adapters::rates::FileRateSource;
using drop::ports::PortError;

namespace {
std::filesystem::path scratch_directory() {
  return std::filesystem::temp_directory_path() / ("drop_rates_test_" + std::to_string(::getpid()));
}

std::string scratch_file(const std::string& name, const std::string& content) {
  const auto directory = scratch_directory();
  std::filesystem::create_directories(directory);
  const auto path = directory / name;
  std::ofstream(path, std::ios::binary) << content;
  return path.string();
}
}  // namespace

TEST_CASE("rates adapter: reads the ECB sample file") {
  FileRateSource source(drop_test::vector_path("qr_fx/ecb_eurofxref_sample.xml"));
  const auto table = source.load();
  REQUIRE(table.ok());
  CHECK(table->source_name() == "ECB");
  CHECK(drop::format_date(table->as_of()) == "2021-02-25");
  CHECK(table->rate(*Currency::from_code("NOK"))->to_string() == "10.2275");
}

TEST_CASE("rates adapter: reads the Norges Bank CSV sample file") {
  FileRateSource source(drop_test::vector_path("qr_fx/norges_bank_exr_sample.csv"));
  const auto table = source.load();
  REQUIRE(table.ok());
  CHECK(table->source_name() == "Norges Bank");
  CHECK(table->rate(*Currency::from_code("SEK"))->to_string() == "0.9503");
}

TEST_CASE("rates adapter: a missing file is unavailable") {
  FileRateSource source("/nonexistent/drop/rates.xml");
  const auto table = source.load();
  REQUIRE_FALSE(table.ok());
  CHECK(table.error().kind == PortError::Kind::unavailable);
  CHECK(table.error().message.find("/nonexistent/drop/rates.xml") != std::string::npos);
}

TEST_CASE("rates adapter: a file over the size limit is refused unread") {
  const std::string oversized(drop::limits::rate_file_bytes_max + 1, '<');
  FileRateSource source(scratch_file("oversized.xml", oversized));
  const auto table = source.load();
  std::filesystem::remove_all(scratch_directory());
  REQUIRE_FALSE(table.ok());
  CHECK(table.error().kind == PortError::Kind::invalid);
}

TEST_CASE("rates adapter: a malformed file is corrupt, naming line and field") {
  std::string content = drop_test::read_vector("qr_fx/ecb_eurofxref_sample.xml");
  const std::size_t at = content.find("rate='129.73'");
  REQUIRE(at != std::string::npos);
  content.replace(at, 13, "rate='129,73'");
  const std::string path = scratch_file("malformed.xml", content);
  FileRateSource source(path);
  const auto table = source.load();
  std::filesystem::remove_all(scratch_directory());
  REQUIRE_FALSE(table.ok());
  CHECK(table.error().kind == PortError::Kind::corrupt);
  CHECK(table.error().message == path + ": line 10: field 'rate': not a decimal");
}

TEST_CASE("rates adapter: the embedded snapshot parses and is dated") {
  const auto parsed = drop::fx::parse_ecb_xml(drop::adapters::rates::embedded_ecb_snapshot());
  REQUIRE(parsed.ok());
  CHECK(parsed->skipped.empty());
  EmbeddedRateSource source;
  const auto table = source.load();
  REQUIRE(table.ok());
  CHECK(table->source_name() == "ECB");
  CHECK(drop::format_date(table->as_of()) == "2026-11-27");
  CHECK(table->currencies().size() == 29);
  for (const char* code : {"NOK", "USD", "GBP", "SEK", "DKK", "PLN", "JPY", "ISK", "INR"}) {
    INFO(code);
    CHECK(table->contains(*Currency::from_code(code)));
  }
}
