// Norges Bank's exchange-rate CSV export (data.norges-bank.no, locale "no"):
//
//   file    = [BOM] header newline row*
//   header  = name *(";" name)            ; must name BASE_CUR, QUOTE_CUR, UNIT_MULT,
//                                         ; TIME_PERIOD, OBS_VALUE (other columns ignored)
//   row     = field *(";" field)          ; as many fields as the header; no quoting
//   newline = "\n" | "\r\n"               ; blank lines are ignored
//   BASE_CUR    = alpha-3                 ; the currency priced
//   QUOTE_CUR   = "NOK"                   ; the price is in NOK
//   UNIT_MULT   = digit                   ; the price is for 10^UNIT_MULT units (SEK: 2 = 100)
//   TIME_PERIOD = YYYY | YYYY-MM | YYYY-MM-DD
//   OBS_VALUE   = digit+ ["," digit+]     ; decimal comma
//
// Every row is checked; the table holds the rows of the latest period (a period ends on its last
// day: "2022" on 2022-12-31), which is the table's as-of date.
#include <algorithm>
#include <optional>
#include <utility>
#include <vector>

#include "drop/fx/rate_formats.hpp"
#include "drop/limits.hpp"

namespace drop::fx {
namespace {

constexpr std::size_t csv_fields_max = 64;
constexpr int unit_multiplier_max = 6;

struct Columns {
  std::size_t count = 0;
  std::size_t base = csv_fields_max;
  std::size_t quote = csv_fields_max;
  std::size_t multiplier = csv_fields_max;
  std::size_t period = csv_fields_max;
  std::size_t value = csv_fields_max;
};

struct Row {
  int line = 0;
  std::string_view code;
  Decimal rate;  // NOK per 1 unit
  Date period_end;
};

std::vector<std::string_view> split(std::string_view line) {
  std::vector<std::string_view> fields;
  while (fields.size() <= csv_fields_max) {
    const std::size_t semicolon = line.find(';');
    fields.push_back(line.substr(0, semicolon));
    if (semicolon == std::string_view::npos) break;
    line.remove_prefix(semicolon + 1);
  }
  return fields;
}

Result<Columns, RateFileError> read_header(std::string_view line) {
  const std::vector<std::string_view> names = split(line);
  if (names.size() > csv_fields_max) return Err{RateFileError{1, "", "too many columns"}};
  Columns columns;
  columns.count = names.size();
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (names[i] == "BASE_CUR") columns.base = i;
    if (names[i] == "QUOTE_CUR") columns.quote = i;
    if (names[i] == "UNIT_MULT") columns.multiplier = i;
    if (names[i] == "TIME_PERIOD") columns.period = i;
    if (names[i] == "OBS_VALUE") columns.value = i;
  }
  const std::pair<std::size_t, const char*> required[] = {{columns.base, "BASE_CUR"},
                                                          {columns.quote, "QUOTE_CUR"},
                                                          {columns.multiplier, "UNIT_MULT"},
                                                          {columns.period, "TIME_PERIOD"},
                                                          {columns.value, "OBS_VALUE"}};
  for (const auto& [index, name] : required) {
    if (index == csv_fields_max) return Err{RateFileError{1, name, "column missing in header"}};
  }
  return columns;
}

// The last day of "YYYY", "YYYY-MM" or "YYYY-MM-DD".
std::optional<Date> period_end(std::string_view period) {
  if (period.size() == 10) {
    const auto date = parse_date(period);
    return date ? std::optional<Date>(*date) : std::nullopt;
  }
  std::string text(period);
  if (period.size() == 4)
    text += "-12-31";
  else if (period.size() == 7)
    text += "-01";
  else
    return std::nullopt;
  const auto date = parse_date(text);
  if (!date) return std::nullopt;
  if (period.size() == 4) return *date;
  // Last day of the month: the day before the first of the next month.
  Date next = *date;
  next.month = next.month == 12 ? 1 : next.month + 1;
  if (next.month == 1) ++next.year;
  return date_from_days_since_epoch(days_since_epoch(next) - 1);
}

Result<Row, RateFileError> read_row(int line, std::string_view text, const Columns& columns) {
  const std::vector<std::string_view> fields = split(text);
  if (fields.size() != columns.count) {
    return Err{RateFileError{
        line, "", "expected " + std::to_string(columns.count) + " fields separated by ';'"}};
  }
  Row row;
  row.line = line;
  row.code = fields[columns.base];
  if (row.code.size() != 3) return Err{RateFileError{line, "BASE_CUR", "not an alpha-3 code"}};
  if (fields[columns.quote] != "NOK") return Err{RateFileError{line, "QUOTE_CUR", "not NOK"}};
  const std::string_view multiplier = fields[columns.multiplier];
  if (multiplier.size() != 1 || multiplier[0] < '0' || multiplier[0] - '0' > unit_multiplier_max) {
    return Err{RateFileError{line, "UNIT_MULT", "not a digit 0..6"}};
  }
  const auto period = period_end(fields[columns.period]);
  if (!period) return Err{RateFileError{line, "TIME_PERIOD", "not YYYY, YYYY-MM or YYYY-MM-DD"}};
  row.period_end = *period;
  const auto value = Decimal::parse(fields[columns.value], ',');
  if (!value) return Err{RateFileError{line, "OBS_VALUE", std::string(to_string(value.error()))}};
  row.rate = Decimal{value->coefficient, value->scale + (multiplier[0] - '0')};
  if (row.rate.scale > limits::rate_coefficient_digits_max) {
    return Err{RateFileError{line, "OBS_VALUE", "too many digits"}};
  }
  return row;
}

Result<ParsedRates, RateFileError> build_table(const std::vector<Row>& rows) {
  if (rows.empty()) return Err{RateFileError{0, "OBS_VALUE", "no rates"}};
  Date latest = rows.front().period_end;
  for (const Row& row : rows) latest = std::max(latest, row.period_end);
  ParsedRates parsed{
      RateTable(*Currency::from_code("NOK"), Quoting::base_per_unit, latest, "Norges Bank"), {}};
  for (const Row& row : rows) {
    if (row.period_end != latest) continue;
    const auto currency = Currency::from_code(row.code);
    if (!currency) {
      parsed.skipped.emplace_back(row.code);
      continue;
    }
    const auto added = parsed.table.add(*currency, row.rate);
    if (!added) {
      const char* field = added.error() == RateTableError::zero_rate ? "OBS_VALUE" : "BASE_CUR";
      return Err{RateFileError{row.line, field, std::string(to_string(added.error()))}};
    }
  }
  if (parsed.table.currencies().empty())
    return Err{RateFileError{0, "BASE_CUR", "no quotable rates"}};
  return parsed;
}

}  // namespace

Result<ParsedRates, RateFileError> parse_norges_bank_csv(std::string_view content) {
  if (content.size() > limits::rate_file_bytes_max) {
    return Err{RateFileError{0, "", "file larger than the limit"}};
  }
  if (content.substr(0, 3) == "\xEF\xBB\xBF") content.remove_prefix(3);
  std::optional<Columns> columns;
  std::vector<Row> rows;
  int line_number = 0;
  while (!content.empty()) {
    ++line_number;
    const std::size_t newline = content.find('\n');
    std::string_view line = content.substr(0, newline);
    content.remove_prefix(newline == std::string_view::npos ? content.size() : newline + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) continue;
    if (!columns) {
      const auto header = read_header(line);
      if (!header) return Err{header.error()};
      columns = *header;
      continue;
    }
    const auto row = read_row(line_number, line, *columns);
    if (!row) return Err{row.error()};
    rows.push_back(*row);
  }
  if (!columns) return Err{RateFileError{0, "", "empty file"}};
  return build_table(rows);
}

}  // namespace drop::fx
