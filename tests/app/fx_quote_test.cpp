// `drop fx quote`, driven as a user would: runs the built program (DROP_PROGRAM) through the
// shell for every case of the shared quote_cases.csv and compares the printed JSON (or the exit
// status and the one stderr line of a refusal) with the case; then the defaults, the embedded
// snapshot, the JSON shape, usage errors and bad rates files; and seeded random quotes against
// the core's price() on the same rates.
#include <rapidjson/document.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>

#include "drop/fx/pricing.hpp"
#include "drop/fx/rate_formats.hpp"
#include "drop/time/timestamp.hpp"
#include "support/fx_cases.hpp"
#include "support/vectors.hpp"

namespace {

struct Run {
  int status = -1;
  std::string out;
  std::string err;
};

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

// Runs `drop fx quote <arguments>` (arguments are shell words, already quoted where needed).
Run fx_quote(const std::string& arguments) {
  const std::string err_path =
      (std::filesystem::temp_directory_path() / ("drop_fx_quote_err_" + std::to_string(::getpid())))
          .string();
  const std::string command =
      std::string("'") + DROP_PROGRAM + "' fx quote " + arguments + " 2>'" + err_path + "'";
  Run run;
  FILE* pipe = ::popen(command.c_str(), "r");
  REQUIRE(pipe != nullptr);
  char buffer[4096];
  for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0;)
    run.out.append(buffer, n);
  const int status = ::pclose(pipe);
  run.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  run.err = slurp(err_path);
  std::filesystem::remove(err_path);
  return run;
}

std::string ecb_sample() {
  return "'" + drop_test::vector_path("qr_fx/ecb_eurofxref_sample.xml") + "'";
}

rapidjson::Document parse_json(const std::string& text) {
  rapidjson::Document document;
  document.Parse(text.c_str());
  REQUIRE_FALSE(document.HasParseError());
  REQUIRE(document.IsObject());
  return document;
}

std::string money_amount(const rapidjson::Value& money) {
  REQUIRE(money.IsObject());
  REQUIRE(money["amount"].IsInt64());
  return std::to_string(money["amount"].GetInt64());
}

int count_lines(const std::string& text) {
  int lines = 0;
  for (const char c : text) lines += c == '\n';
  return lines;
}

}  // namespace

TEST_CASE("drop fx quote: every shared quote case, through the program") {
  const auto cases = drop_test::fx_quote_cases();
  REQUIRE(cases.size() == 12);
  for (const auto& c : cases) {
    INFO("quote_cases.csv line " << c.line);
    const Run run =
        fx_quote("--rates " + ecb_sample() + " --from " + c.source_currency + " --to " +
                 c.target_currency + " --" + c.mode + " " + std::to_string(c.amount) +
                 " --spread-bps " + std::to_string(c.spread_bps) + " --fee-fixed " +
                 std::to_string(c.fee_fixed) + " --fee-bps " + std::to_string(c.fee_bps));
    INFO(run.out << run.err);
    if (!c.error.empty()) {
      CHECK(run.status == 1);
      CHECK(run.out.empty());
      CHECK(run.err == "drop fx quote: refused: " + c.error + "\n");
      continue;
    }
    REQUIRE(run.status == 0);
    CHECK(run.err.empty());
    const auto quote = parse_json(run.out);
    CHECK(quote["rate"].GetString() == c.rate);
    CHECK(money_amount(quote["fee"]) == c.fee);
    CHECK(money_amount(quote["source"]) == c.source);
    CHECK(money_amount(quote["target"]) == c.target);
    CHECK(quote["source"]["currency"].GetString() == c.source_currency);
    CHECK(quote["fee"]["currency"].GetString() == c.source_currency);
    CHECK(quote["target"]["currency"].GetString() == c.target_currency);
    CHECK(quote["spread_bps"].GetInt() == c.spread_bps);
    CHECK(std::string(quote["rate_as_of"].GetString()) == "2021-02-25");
  }
}

TEST_CASE("drop fx quote: the JSON has the API quote shape with defaults of 50 bps and no fees") {
  const Run run = fx_quote("--rates " + ecb_sample() + " --from NOK --to EUR --send 100000");
  REQUIRE(run.status == 0);
  CHECK(count_lines(run.out) == 1);
  const auto quote = parse_json(run.out);
  CHECK(std::string(quote["id"].GetString()).rfind("quo_", 0) == 0);
  CHECK(std::string(quote["id"].GetString()).size() == 28);
  CHECK(std::string(quote["rate"].GetString()) == "0.097286726");
  CHECK(std::string(quote["mid_rate"].GetString()) == "0.0977756049865");
  CHECK(quote["spread_bps"].GetInt() == 50);
  CHECK(money_amount(quote["fee"]) == "0");
  CHECK(money_amount(quote["target"]) == "9728");
  CHECK(std::string(quote["status"].GetString()) == "open");
  const auto created = drop::parse_rfc3339(quote["created_at"].GetString());
  const auto expires = drop::parse_rfc3339(quote["expires_at"].GetString());
  REQUIRE(created.ok());
  REQUIRE(expires.ok());
  CHECK(expires->unix_us - created->unix_us == 60'000'000);
  for (const char* key : {"id", "source", "target", "fee", "rate", "mid_rate", "spread_bps",
                          "rate_as_of", "created_at", "expires_at", "status"}) {
    CHECK(quote.HasMember(key));
  }
  // Two runs, two ids.
  const auto other =
      parse_json(fx_quote("--rates " + ecb_sample() + " --from NOK --to EUR --send 100000").out);
  CHECK(std::string(other["id"].GetString()) != quote["id"].GetString());
}

TEST_CASE("drop fx quote: without --rates the embedded snapshot prices, showing its date") {
  const Run run = fx_quote("--from NOK --to EUR --receive 10000");
  REQUIRE(run.status == 0);
  const auto quote = parse_json(run.out);
  CHECK(std::string(quote["rate_as_of"].GetString()) == "2026-11-27");
  CHECK(money_amount(quote["target"]) == "10000");
}

TEST_CASE("drop fx quote: Norges Bank CSV rates") {
  const Run run =
      fx_quote("--rates '" + drop_test::vector_path("qr_fx/norges_bank_exr_sample.csv") +
               "' --from SEK --to NOK --send 10000 --spread-bps 0");
  REQUIRE(run.status == 0);
  const auto quote = parse_json(run.out);
  CHECK(std::string(quote["rate"].GetString()) == "0.9503");
  CHECK(money_amount(quote["target"]) == "9503");
  CHECK(std::string(quote["rate_as_of"].GetString()) == "2022-12-31");
}

TEST_CASE("drop fx quote: refusals exit 1 with one line naming the reason") {
  const auto refused = [](const std::string& arguments, const std::string& reason) {
    const Run run = fx_quote(arguments);
    INFO(arguments << "\n" << run.out << run.err);
    CHECK(run.status == 1);
    CHECK(run.out.empty());
    CHECK(run.err == "drop fx quote: refused: " + reason + "\n");
  };
  const std::string rates = "--rates " + ecb_sample();
  refused(rates + " --from NOK --to KWD --send 1000", "unsupported_currency");
  refused(rates + " --from NOK --to XYZ --send 1000", "unsupported_currency");
  refused(rates + " --from NOK --to EUR --send 0", "amount_too_small");
  refused(rates + " --from NOK --to EUR --receive 0", "amount_too_small");
  refused(rates + " --from NOK --to EUR --send 100000 --max-age-days 4", "stale_rates");
  refused(rates + " --from NOK --to EUR --send 1000000000000000000", "amount_too_large");
}

TEST_CASE("drop fx quote: usage errors exit 2") {
  const std::string rates = "--rates " + ecb_sample();
  for (const std::string& arguments :
       {rates + " --from NOK --send 1000", rates + " --from NOK --to EUR",
        rates + " --from NOK --to EUR --send 1 --receive 1",
        rates + " --from NOK --to EUR --send 12x", rates + " --from NOK --to EUR --send -5",
        rates + " --from NOK --to EUR --send 1 --spread-bps 10000",
        rates + " --from NOK --to EUR --send 1 --fee-bps",
        rates + " --from NOK --to EUR --send 1 --bogus 1",
        rates + " --from NOK --to EUR --send 99999999999999999999"}) {
    INFO(arguments);
    const Run run = fx_quote(arguments);
    CHECK(run.status == 2);
    CHECK(run.out.empty());
    CHECK_FALSE(run.err.empty());
  }
}

TEST_CASE("drop fx quote: unreadable or malformed rates exit 1 with one line") {
  const Run missing = fx_quote("--rates /nonexistent/rates.xml --from NOK --to EUR --send 1000");
  CHECK(missing.status == 1);
  CHECK(missing.err == "drop fx quote: rates: /nonexistent/rates.xml: cannot open\n");

  const auto path = std::filesystem::temp_directory_path() /
                    ("drop_fx_bad_" + std::to_string(::getpid()) + ".xml");
  std::string content = drop_test::read_vector("qr_fx/ecb_eurofxref_sample.xml");
  content.replace(content.find("rate='10.2275'"), 14, "rate='10.22.75'");
  std::ofstream(path, std::ios::binary) << content;
  const Run malformed = fx_quote("--rates '" + path.string() + "' --from NOK --to EUR --send 1000");
  std::filesystem::remove(path);
  CHECK(malformed.status == 1);
  CHECK(count_lines(malformed.err) == 1);
  CHECK(malformed.err ==
        "drop fx quote: rates: " + path.string() + ": line 21: field 'rate': not a decimal\n");
}

TEST_CASE("drop fx quote: agrees with the core on 60 seeded random quotes") {
  auto parsed = drop::fx::parse_ecb_xml(drop_test::read_vector("qr_fx/ecb_eurofxref_sample.xml"));
  REQUIRE(parsed.ok());
  const drop::fx::RateTable& table = parsed->table;
  std::vector<drop::Currency> currencies(table.currencies());
  currencies.push_back(table.base());
  std::mt19937_64 random(60);
  for (int i = 0; i < 60; ++i) {
    const drop::Currency source = currencies[random() % currencies.size()];
    const drop::Currency target = currencies[random() % currencies.size()];
    const bool send = random() % 2 == 0;
    drop::fx::PricingPolicy policy;
    policy.spread_bps = static_cast<int>(random() % 300);
    policy.fee_fixed_minor = static_cast<std::int64_t>(random() % 3) * 250;
    policy.fee_bps = static_cast<int>(random() % 100);
    const std::int64_t amount = 1 + static_cast<std::int64_t>(random() % 10'000'000);
    const std::string arguments =
        "--rates " + ecb_sample() + " --from " + std::string(source.code()) + " --to " +
        std::string(target.code()) + (send ? " --send " : " --receive ") + std::to_string(amount) +
        " --spread-bps " + std::to_string(policy.spread_bps) + " --fee-fixed " +
        std::to_string(policy.fee_fixed_minor) + " --fee-bps " + std::to_string(policy.fee_bps);
    INFO(arguments);
    const Run run = fx_quote(arguments);
    const auto expected = drop::fx::price(
        table,
        {source, target, send ? drop::fx::QuoteMode::send : drop::fx::QuoteMode::receive, amount},
        policy, drop::Timestamp{});
    if (!expected) {
      CHECK(run.status == 1);
      CHECK(run.err ==
            "drop fx quote: refused: " + std::string(drop::fx::to_string(expected.error())) + "\n");
      continue;
    }
    REQUIRE(run.status == 0);
    const auto quote = parse_json(run.out);
    CHECK(std::string(quote["rate"].GetString()) == expected->rate.to_string());
    CHECK(std::string(quote["mid_rate"].GetString()) ==
          drop::fx::mid_rate_for_display(expected->mid).to_string());
    CHECK(money_amount(quote["source"]) == std::to_string(expected->source.amount_minor()));
    CHECK(money_amount(quote["target"]) == std::to_string(expected->target.amount_minor()));
    CHECK(money_amount(quote["fee"]) == std::to_string(expected->fee.amount_minor()));
  }
}
