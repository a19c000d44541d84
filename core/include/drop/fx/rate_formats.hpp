// Parsers of the reference-rate files Drop reads: the ECB daily eurofxref XML and Norges Bank's
// CSV export. Pure text processing over the whole file content (the adapters read the bytes).
// A malformed file is an error naming the line and the field; a parser never returns part of a
// table. Currencies that are not active ISO 4217 codes with a minor unit (the ECB's HRK after
// 2023, for instance) are well-formed but cannot be quoted: they are skipped and named in
// `skipped`. The grammars are written at the top of ecb_xml.cpp and norges_bank_csv.cpp.
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "drop/fx/rate_table.hpp"
#include "drop/result.hpp"

namespace drop::fx {

struct RateFileError {
  int line = 0;        // 1-based line of the offending text (0: the file as a whole)
  std::string field;   // "time", "rate", "OBS_VALUE", ... (empty when not about one field)
  std::string reason;  // what is wrong, in a few words

  // "line 9: field 'rate': not a decimal"
  std::string to_string() const;
};

struct ParsedRates {
  RateTable table;
  std::vector<std::string> skipped;  // codes listed in the file that cannot carry money
};

// The ECB daily reference rates (eurofxref-daily.xml): base EUR, units_per_base, source "ECB".
Result<ParsedRates, RateFileError> parse_ecb_xml(std::string_view content);

// Norges Bank's exchange-rate CSV (semicolons, decimal commas, UNIT_MULT): base NOK,
// base_per_unit, source "Norges Bank". Uses the latest TIME_PERIOD in the file.
Result<ParsedRates, RateFileError> parse_norges_bank_csv(std::string_view content);

// Either format, recognised by its first bytes ("<" for XML, a header row for CSV).
Result<ParsedRates, RateFileError> parse_rate_file(std::string_view content);

}  // namespace drop::fx
