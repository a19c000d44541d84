// The ECB daily reference rates file (eurofxref-daily.xml), as published:
//
//   file      = [prolog] envelope
//   envelope  = <gesmes:Envelope ...> ... <Cube> day </Cube> </gesmes:Envelope>
//   day       = <Cube time='YYYY-MM-DD'> rate* </Cube>
//   rate      = <Cube currency='AAA' rate='decimal'/>
//   decimal   = digit+ ["." digit+]          (units of the currency per 1 EUR)
//   attribute = name "=" ("'" value "'" | '"' value '"')
//
// Elements other than Cube (gesmes:subject, gesmes:Sender, ...) are skipped, as are comments and
// processing instructions. Exactly one day; every rate inside it; at least one rate.
#include <optional>
#include <utility>
#include <vector>

#include "drop/fx/rate_formats.hpp"
#include "drop/limits.hpp"

namespace drop::fx {
namespace {

struct Tag {
  int line = 0;
  std::string_view name;        // "Cube", "gesmes:Envelope"
  std::string_view attributes;  // the text after the name
  bool closing = false;         // </Cube>
  bool self_closing = false;    // <Cube .../>
};

RateFileError error_at(int line, std::string field, std::string reason) {
  return RateFileError{line, std::move(field), std::move(reason)};
}

// The value of attribute `name` in a tag's attribute text; nullopt when absent.
// Fails when the attribute is present but its value is unquoted or unterminated.
Result<std::optional<std::string_view>, RateFileError> attribute(const Tag& tag,
                                                                 std::string_view name) {
  std::string_view rest = tag.attributes;
  while (true) {
    const std::size_t at = rest.find(name);
    if (at == std::string_view::npos) return std::optional<std::string_view>();
    const bool starts_word = at == 0 || rest[at - 1] == ' ' || rest[at - 1] == '\t' ||
                             rest[at - 1] == '\n' || rest[at - 1] == '\r';
    std::size_t position = at + name.size();
    while (position < rest.size() && rest[position] == ' ') ++position;
    if (!starts_word || position >= rest.size() || rest[position] != '=') {
      rest.remove_prefix(at + name.size());
      continue;
    }
    ++position;
    while (position < rest.size() && rest[position] == ' ') ++position;
    if (position >= rest.size() || (rest[position] != '\'' && rest[position] != '"')) {
      return Err{error_at(tag.line, std::string(name), "value is not quoted")};
    }
    const char quote = rest[position];
    const std::size_t end = rest.find(quote, position + 1);
    if (end == std::string_view::npos) {
      return Err{error_at(tag.line, std::string(name), "unterminated value")};
    }
    return std::optional<std::string_view>(rest.substr(position + 1, end - position - 1));
  }
}

// Walks the tags of an XML text, counting lines.
class TagScanner {
 public:
  explicit TagScanner(std::string_view text) : text_(text) {}

  // The next tag; nullopt at the end of the text; an error for an unterminated construct.
  Result<std::optional<Tag>, RateFileError> next() {
    while (true) {
      const std::size_t open = text_.find('<', position_);
      if (open == std::string_view::npos) return std::optional<Tag>();
      advance_to(open);
      std::string_view terminator = ">";
      if (text_.substr(open, 4) == "<!--") terminator = "-->";
      if (text_.substr(open, 2) == "<?") terminator = "?>";
      const std::size_t close = text_.find(terminator, open);
      if (close == std::string_view::npos) {
        return Err{error_at(line_, "", "unterminated tag")};
      }
      const int tag_line = line_;
      advance_to(close + terminator.size());
      if (terminator != ">" || text_[open + 1] == '!') continue;
      std::string_view body = text_.substr(open + 1, close - open - 1);
      Tag tag;
      tag.line = tag_line;
      if (!body.empty() && body.front() == '/') {
        tag.closing = true;
        body.remove_prefix(1);
      }
      if (!body.empty() && body.back() == '/') {
        tag.self_closing = true;
        body.remove_suffix(1);
      }
      const std::size_t name_end = body.find_first_of(" \t\r\n");
      tag.name = body.substr(0, name_end);
      tag.attributes =
          name_end == std::string_view::npos ? std::string_view() : body.substr(name_end);
      return std::optional<Tag>(tag);
    }
  }

 private:
  void advance_to(std::size_t position) {
    for (; position_ < position; ++position_) {
      if (text_[position_] == '\n') ++line_;
    }
  }
  std::string_view text_;
  std::size_t position_ = 0;
  int line_ = 1;
};

enum class CubeKind { container, day, rate };

constexpr std::size_t cube_depth_max = 8;
constexpr std::size_t element_depth_max = 16;

struct EcbState {
  std::vector<CubeKind> open_cubes;
  std::optional<ParsedRates> parsed;  // created at the day's Cube
};

bool is_alpha3(std::string_view code) {
  if (code.size() != 3) return false;
  for (const char c : code) {
    if (c < 'A' || c > 'Z') return false;
  }
  return true;
}

Result<void, RateFileError> read_day(const Tag& tag, std::string_view time, EcbState& state) {
  if (state.parsed) return Err{error_at(tag.line, "time", "more than one day in the file")};
  if (!state.open_cubes.empty() && state.open_cubes.back() != CubeKind::container) {
    return Err{error_at(tag.line, "time", "day Cube inside another day or rate")};
  }
  const auto date = parse_date(time);
  if (!date) return Err{error_at(tag.line, "time", "not a date YYYY-MM-DD")};
  const Currency euro = *Currency::from_code("EUR");
  state.parsed.emplace(ParsedRates{RateTable(euro, Quoting::units_per_base, *date, "ECB"), {}});
  return {};
}

Result<void, RateFileError> read_rate(const Tag& tag, std::string_view code, EcbState& state) {
  if (!state.parsed || state.open_cubes.empty() || state.open_cubes.back() != CubeKind::day) {
    return Err{error_at(tag.line, "currency", "rate outside the day's Cube")};
  }
  const auto rate_text = attribute(tag, "rate");
  if (!rate_text) return Err{rate_text.error()};
  if (!*rate_text) return Err{error_at(tag.line, "rate", "missing")};
  if (!is_alpha3(code)) return Err{error_at(tag.line, "currency", "not an alpha-3 code")};
  const auto rate = Decimal::parse(**rate_text);
  if (!rate) return Err{error_at(tag.line, "rate", std::string(to_string(rate.error())))};
  const auto currency = Currency::from_code(code);
  if (!currency) {
    state.parsed->skipped.emplace_back(code);
    return {};
  }
  const auto added = state.parsed->table.add(*currency, *rate);
  if (!added) {
    const std::string field = added.error() == RateTableError::zero_rate ? "rate" : "currency";
    return Err{error_at(tag.line, field, std::string(to_string(added.error())))};
  }
  return {};
}

Result<void, RateFileError> read_cube(const Tag& tag, EcbState& state) {
  if (tag.closing) {
    if (state.open_cubes.empty()) return Err{error_at(tag.line, "", "unmatched </Cube>")};
    state.open_cubes.pop_back();
    return {};
  }
  const auto time = attribute(tag, "time");
  if (!time) return Err{time.error()};
  const auto code = attribute(tag, "currency");
  if (!code) return Err{code.error()};
  CubeKind kind = CubeKind::container;
  if (*time) {
    auto day = read_day(tag, **time, state);
    if (!day) return day;
    kind = CubeKind::day;
  } else if (*code) {
    auto rate = read_rate(tag, **code, state);
    if (!rate) return rate;
    kind = CubeKind::rate;
  }
  if (tag.self_closing) return {};
  if (state.open_cubes.size() >= cube_depth_max) {
    return Err{error_at(tag.line, "", "Cube elements nested too deep")};
  }
  state.open_cubes.push_back(kind);
  return {};
}

// Every element must close, so that a file cut short after a complete Cube is still refused.
Result<void, RateFileError> track_depth(const Tag& tag, std::size_t& depth) {
  if (tag.self_closing) return {};
  if (!tag.closing) {
    if (++depth > element_depth_max) return Err{error_at(tag.line, "", "elements nested too deep")};
    return {};
  }
  if (depth == 0) return Err{error_at(tag.line, "", "closing tag without an opening one")};
  --depth;
  return {};
}

}  // namespace

Result<ParsedRates, RateFileError> parse_ecb_xml(std::string_view content) {
  if (content.size() > limits::rate_file_bytes_max) {
    return Err{error_at(0, "", "file larger than the limit")};
  }
  EcbState state;
  std::size_t element_depth = 0;
  TagScanner scanner(content);
  while (true) {
    const auto tag = scanner.next();
    if (!tag) return Err{tag.error()};
    if (!*tag) break;
    if (const auto depth = track_depth(**tag, element_depth); !depth) return Err{depth.error()};
    if ((*tag)->name != "Cube") continue;
    const auto read = read_cube(**tag, state);
    if (!read) return Err{read.error()};
  }
  if (!state.parsed) return Err{error_at(0, "time", "no Cube with a time attribute")};
  if (element_depth != 0) return Err{error_at(0, "", "unclosed element (truncated file?)")};
  if (!state.open_cubes.empty()) return Err{error_at(0, "", "unclosed Cube (truncated file?)")};
  if (state.parsed->table.currencies().empty()) {
    return Err{error_at(0, "rate", "no quotable rates")};
  }
  return std::move(*state.parsed);
}

}  // namespace drop::fx
