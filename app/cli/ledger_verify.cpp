// drop ledger verify: checks every ledger invariant on DATABASE_URL (drop::ledger::verify over
// a consistent snapshot). Exit 0 and a summary when all hold; exit 1 and a report of every
// violation otherwise; exit 1 with one line when the database cannot be read.
#include <filesystem>
#include <memory>
#include <ostream>
#include <string>

#include "cli/command.hpp"
#include "cli/settings_startup.hpp"
#include "config/database.hpp"
#include "drop/adapters/postgres/pg_ledger_store.hpp"
#include "drop/adapters/postgres/pg_migrate.hpp"
#include "drop/adapters/sqlite/sqlite_ledger_store.hpp"
#include "drop/adapters/sqlite/sqlite_migrate.hpp"
#include "drop/ledger/verify.hpp"

namespace drop::cli {

namespace {

void print_report(const ledger::VerifyReport& report, std::ostream& out) {
  out << (report.ok() ? "ledger OK" : "ledger BROKEN") << ": " << report.accounts << " accounts, "
      << report.transfers << " transfers, " << report.entries << " entries\n";
  for (const ledger::CurrencyTotals& totals : report.currencies) {
    out << "  " << totals.currency.code() << ": debits_posted " << totals.debits_posted
        << " credits_posted " << totals.credits_posted << " debits_pending "
        << totals.debits_pending << " credits_pending " << totals.credits_pending << "\n";
  }
  for (const ledger::Violation& violation : report.violations) {
    out << "  violation: " << violation.text << "\n";
  }
  if (report.truncated) out << "  (more violations not shown)\n";
}

int verify_with(ports::LedgerStore& store, Streams streams) {
  auto report = ports::verify_store(store);
  if (!report) {
    streams.err << "drop ledger verify: " << report.error().message << "\n";
    return 1;
  }
  print_report(*report, report->ok() ? streams.out : streams.err);
  return report->ok() ? 0 : 1;
}

}  // namespace

int run_ledger_verify(Arguments arguments, Streams streams) {
  if (!arguments.empty()) {
    streams.err
        << "drop ledger verify: takes no arguments (the database comes from DATABASE_URL)\n";
    return 2;
  }
  // With AWS_SECRET_ARN, DATABASE_URL may come from Secrets Manager.
  auto startup = app::start_settings(app::process_environment(), nullptr);
  if (!startup) {
    streams.err << "drop ledger verify: " << startup.error().line() << "\n";
    return 1;
  }
  std::string error;
  const auto value = (*startup)->source.lookup("DATABASE_URL");
  const auto database = app::parse_database_url(value.value_or(""), error);
  if (!database) {
    streams.err << "drop ledger verify: " << error << "\n";
    return 1;
  }
  if (database->engine == app::DatabaseUrl::Engine::postgres) {
    auto pool = adapters::postgres::PgPool::open({.url = database->url, .connections_max = 1});
    if (!pool) {
      streams.err << "drop ledger verify: " << pool.error().message << "\n";
      return 1;
    }
    auto status = adapters::postgres::schema_status(**pool);
    if (!status || !status->matches()) {
      streams.err << "drop ledger verify: schema of " << database->describe()
                  << " does not match this program (run drop migrate)\n";
      return 1;
    }
    adapters::postgres::PgLedgerStore store(**pool);
    return verify_with(store, streams);
  }
  if (!std::filesystem::exists(database->url)) {
    streams.err << "drop ledger verify: no database at " << database->describe() << "\n";
    return 1;
  }
  auto opened = adapters::sqlite::SqliteDatabase::open({database->url});
  if (!opened) {
    streams.err << "drop ledger verify: " << opened.error().message << "\n";
    return 1;
  }
  auto status = adapters::sqlite::schema_status(**opened);
  if (!status || !status->matches()) {
    streams.err << "drop ledger verify: schema of " << database->describe()
                << " does not match this program (run drop migrate)\n";
    return 1;
  }
  adapters::sqlite::SqliteLedgerStore store(**opened);
  return verify_with(store, streams);
}

}  // namespace drop::cli
