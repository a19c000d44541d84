// drop migrate: applies the missing schema migrations to DATABASE_URL (idempotent).
#include <filesystem>
#include <ostream>
#include <string>

#include "cli/command.hpp"
#include "cli/settings_startup.hpp"
#include "config/database.hpp"
#include "drop/adapters/postgres/pg_migrate.hpp"
#include "drop/adapters/sqlite/sqlite_migrate.hpp"

namespace drop::cli {

namespace {

std::string join(const std::vector<int>& versions) {
  std::string text;
  for (int version : versions) text += (text.empty() ? "" : ", ") + std::to_string(version);
  return text;
}

template <typename Status>
int report(const std::vector<int>& applied, const Status& status, const app::DatabaseUrl& database,
           Streams streams) {
  if (applied.empty()) {
    streams.out << "schema of " << database.describe() << " is up to date (version "
                << status.database_version << ")\n";
  } else {
    streams.out << "applied migration" << (applied.size() > 1 ? "s " : " ") << join(applied)
                << " to " << database.describe() << " (schema now at version "
                << status.database_version << ")\n";
  }
  return 0;
}

}  // namespace

int run_migrate(Arguments arguments, Streams streams) {
  if (!arguments.empty()) {
    streams.err << "drop migrate: takes no arguments (the database comes from DATABASE_URL)\n";
    return 2;
  }
  // With AWS_SECRET_ARN, DATABASE_URL may come from Secrets Manager.
  auto startup = app::start_settings(app::process_environment(), nullptr);
  if (!startup) {
    streams.err << "drop migrate: " << startup.error().line() << "\n";
    return 1;
  }
  std::string error;
  const auto value = (*startup)->source.lookup("DATABASE_URL");
  const auto database = app::parse_database_url(value.value_or(""), error);
  if (!database) {
    streams.err << "drop migrate: " << error << "\n";
    return 1;
  }
  if (database->engine == app::DatabaseUrl::Engine::postgres) {
    auto pool = adapters::postgres::PgPool::open({.url = database->url, .connections_max = 1});
    if (!pool) {
      streams.err << "drop migrate: " << pool.error().message << "\n";
      return 1;
    }
    auto applied = adapters::postgres::migrate(**pool);
    if (!applied) {
      streams.err << "drop migrate: " << applied.error().message << "\n";
      return 1;
    }
    return report(*applied, *adapters::postgres::schema_status(**pool), *database, streams);
  }
  const std::filesystem::path parent = std::filesystem::path(database->url).parent_path();
  std::error_code ignored;
  if (!parent.empty()) std::filesystem::create_directories(parent, ignored);
  auto opened = adapters::sqlite::SqliteDatabase::open({database->url});
  if (!opened) {
    streams.err << "drop migrate: " << opened.error().message << "\n";
    return 1;
  }
  auto applied = adapters::sqlite::migrate(**opened);
  if (!applied) {
    streams.err << "drop migrate: " << applied.error().message << "\n";
    return 1;
  }
  return report(*applied, *adapters::sqlite::schema_status(**opened), *database, streams);
}

}  // namespace drop::cli
