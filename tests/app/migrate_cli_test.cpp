// `drop migrate` through the real program: the SQLite default, a second run that changes nothing,
// PostgreSQL from DATABASE_URL, and one-line errors (bad URL, unreachable server) that never
// print the password.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>

#include "support/postgres.hpp"
#include "support/program.hpp"

using drop_test::run_program;

TEST_CASE("drop migrate: SQLite file from DATABASE_URL, idempotent") {
  const auto dir =
      std::filesystem::temp_directory_path() / ("drop-migrate-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  const std::string url = "DATABASE_URL=sqlite:" + (dir / "sub" / "drop.db").string();
  auto first = run_program({"migrate"}, "", {url});
  CHECK(first.exit_code == 0);
  CHECK(first.out.find("applied migration") != std::string::npos);
  CHECK(std::filesystem::exists(dir / "sub" / "drop.db"));
  auto second = run_program({"migrate"}, "", {url});
  CHECK(second.exit_code == 0);
  CHECK(second.out.find("up to date") != std::string::npos);
  std::filesystem::remove_all(dir);
}

TEST_CASE("drop migrate: PostgreSQL, twice") {
  drop_test::TestDatabase database;
  auto first = run_program({"migrate"}, "", {"DATABASE_URL=" + database.url()});
  CHECK(first.exit_code == 0);
  CHECK(first.out.find("applied migration") != std::string::npos);
  auto second = run_program({"migrate"}, "", {"DATABASE_URL=" + database.url()});
  CHECK(second.exit_code == 0);
  CHECK(second.out.find("up to date") != std::string::npos);
}

TEST_CASE("drop migrate: errors are one line and never show the password") {
  auto bad = run_program({"migrate"}, "", {"DATABASE_URL=mysql://root:pw@host/db"});
  CHECK(bad.exit_code == 1);
  CHECK(bad.err.find("DATABASE_URL") != std::string::npos);
  CHECK(bad.err.find("pw") == std::string::npos);
  auto unreachable =
      run_program({"migrate"}, "",
                  {"DATABASE_URL=postgresql://drop:topsecret@127.0.0.1:1/drop?connect_timeout=2"});
  CHECK(unreachable.exit_code == 1);
  CHECK(std::count(unreachable.err.begin(), unreachable.err.end(), '\n') == 1);
  CHECK(unreachable.err.find("topsecret") == std::string::npos);
  auto usage = run_program({"migrate", "extra"});
  CHECK(usage.exit_code == 2);
}
