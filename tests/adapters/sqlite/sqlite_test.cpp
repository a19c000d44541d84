// SQLite adapter on real database files: migrations (idempotent, newer schema refused), the
// RateLimitStore contract, clear errors for corrupt, non-database and unopenable files, and WAL
// checkpoints off the commit path with a bounded WAL.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <thread>

#include "contract/rate_limit_store_contract.hpp"
#include "drop/adapters/sqlite/sqlite_migrate.hpp"
#include "drop/adapters/sqlite/sqlite_rate_limit_store.hpp"

using namespace drop::adapters::sqlite;

namespace {

// A scratch directory removed at the end of the test.
struct ScratchDir {
  std::filesystem::path path;
  ScratchDir() {
    static int counter = 0;
    path = std::filesystem::temp_directory_path() /
           ("drop-sqlite-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    std::filesystem::remove_all(path);
    std::filesystem::create_directories(path);
  }
  ~ScratchDir() { std::filesystem::remove_all(path); }
  std::string file(const char* name) const { return (path / name).string(); }
};

std::unique_ptr<SqliteDatabase> open_migrated(const std::string& path) {
  auto database = SqliteDatabase::open({path});
  if (!database) FAIL(database.error().message);
  auto applied = migrate(**database);
  if (!applied) FAIL(applied.error().message);
  return std::move(database).value();
}

struct OwningStore final : drop::ports::RateLimitStore {
  ScratchDir dir;
  std::unique_ptr<SqliteDatabase> database = open_migrated(dir.file("drop.db"));
  SqliteRateLimitStore store{*database};
  drop::Result<drop::ratelimit::Decision, drop::ports::PortError> take(
      std::string_view key, const drop::ratelimit::Policy& policy, drop::Timestamp now) override {
    return store.take(key, policy, now);
  }
};

}  // namespace

TEST_CASE("sqlite: migrate is idempotent and refuses a newer schema") {
  ScratchDir dir;
  auto database = open_migrated(dir.file("drop.db"));
  auto status = schema_status(*database);
  REQUIRE(status.ok());
  CHECK(status->matches());
  auto again = migrate(*database);
  REQUIRE(again.ok());
  CHECK(again->empty());
  auto mode = database->with_connection(
      [](SqliteConnection& connection) { return connection.query("PRAGMA journal_mode"); });
  CHECK(mode->front().text(0) == "wal");
  auto synchronous = database->with_connection(
      [](SqliteConnection& connection) { return connection.query("PRAGMA synchronous"); });
  CHECK(synchronous->front().int64(0) == 2);  // FULL

  REQUIRE(database
              ->with_connection([](SqliteConnection& connection) {
                return connection.exec_script("PRAGMA user_version = 9999");
              })
              .ok());
  auto refused = migrate(*database);
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.error().kind == drop::ports::PortError::Kind::invalid);
}

TEST_CASE("sqlite: a second process-like opener of a migrated file sees the same schema") {
  ScratchDir dir;
  auto first = open_migrated(dir.file("drop.db"));
  auto second = SqliteDatabase::open({dir.file("drop.db")});
  REQUIRE(second.ok());
  auto applied = migrate(**second);
  REQUIRE(applied.ok());
  CHECK(applied->empty());
}

TEST_CASE("sqlite rate limit store: contract") {
  drop_test::run_rate_limit_store_contract([] { return std::make_unique<OwningStore>(); });
}

TEST_CASE("sqlite: a file that is not a database is a clear error, never a crash") {
  ScratchDir dir;
  {
    std::ofstream junk(dir.file("junk.db"), std::ios::binary);
    junk << std::string(8192, 'x');
  }
  auto opened = SqliteDatabase::open({dir.file("junk.db")});
  REQUIRE_FALSE(opened.ok());
  CHECK(opened.error().kind == drop::ports::PortError::Kind::corrupt);
  CHECK(opened.error().message.find("junk.db") != std::string::npos);
}

TEST_CASE("sqlite: a corrupted database file is reported as corrupt") {
  ScratchDir dir;
  const std::string path = dir.file("drop.db");
  {
    auto database = open_migrated(path);
    REQUIRE(database
                ->with_connection([](SqliteConnection& connection) {
                  return connection.exec_script("PRAGMA wal_checkpoint(TRUNCATE)");
                })
                .ok());
  }
  {
    // Overwrite the middle of the file (table pages) with garbage, keeping the header.
    std::fstream file(path, std::ios::in | std::ios::out | std::ios::binary);
    file.seekp(4096 + 100);
    const std::string garbage(6000, '\xA5');
    file.write(garbage.data(), static_cast<std::streamsize>(garbage.size()));
  }
  auto opened = SqliteDatabase::open({path});
  REQUIRE_FALSE(opened.ok());
  CHECK(opened.error().kind == drop::ports::PortError::Kind::corrupt);
}

TEST_CASE("sqlite: an unopenable path is reported as unavailable") {
  auto opened = SqliteDatabase::open({"/nonexistent-dir/drop.db"});
  REQUIRE_FALSE(opened.ok());
  CHECK(opened.error().kind == drop::ports::PortError::Kind::unavailable);
}

namespace {

// Writes `transactions` transactions of four 4,000-byte rows (about five WAL frames each).
void write_blobs(SqliteDatabase& database, int transactions) {
  REQUIRE(
      database
          .write_transaction<int>([](SqliteConnection& connection)
                                      -> drop::Result<int, drop::ports::PortError> {
            auto made = connection.exec_script(
                "CREATE TABLE IF NOT EXISTS blobs (id INTEGER PRIMARY KEY, data BLOB NOT NULL)");
            if (!made) return drop::Err{made.error()};
            return 0;
          })
          .ok());
  for (int i = 0; i < transactions; ++i) {
    auto written = database.write_transaction<int>(
        [](SqliteConnection& connection) -> drop::Result<int, drop::ports::PortError> {
          for (int row = 0; row < 4; ++row) {
            auto inserted = connection.query("INSERT INTO blobs (data) VALUES (zeroblob(4000))");
            if (!inserted) return drop::Err{inserted.error()};
          }
          return 0;
        });
    REQUIRE(written.ok());
  }
}

std::uintmax_t size_or_zero(const std::string& path) {
  std::error_code error;
  const auto size = std::filesystem::file_size(path, error);
  return error ? 0 : size;
}

}  // namespace

// The writer's commits no longer checkpoint: the background thread copies the WAL's pages into
// the database file once the WAL passes the kick size (SQLite's own hook, replaced, would wait
// for 1,000 frames; 40 transactions write about 200).
TEST_CASE("sqlite: the checkpoint thread copies the WAL into the database file") {
  ScratchDir dir;
  const std::string path = dir.file("drop.db");
  auto opened = SqliteDatabase::open(
      {.path = path, .checkpoint_kick_frames = 50, .checkpoint_backstop_frames = 100000});
  REQUIRE(opened.ok());
  SqliteDatabase& database = **opened;
  write_blobs(database, 40);
  // 160 rows of 4,000 bytes: at least 640,000 bytes in the file once checkpointed.
  for (int waited_ms = 0; waited_ms < 20000; waited_ms += 10) {
    if (database.background_checkpoints() > 0 && size_or_zero(path) >= 640000) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  CHECK(database.background_checkpoints() > 0);
  CHECK(size_or_zero(path) >= 640000);
  auto rows = database.with_connection(
      [](SqliteConnection& connection) { return connection.query("SELECT count(*) FROM blobs"); });
  REQUIRE(rows.ok());
  CHECK(rows->front().int64(0) == 160);
}

// However far the checkpoint thread lags, the WAL does not grow without bound: at the backstop
// the writer checkpoints inline and the WAL starts over from its beginning.
TEST_CASE("sqlite: the WAL stays bounded by the writer's backstop") {
  ScratchDir dir;
  const std::string path = dir.file("drop.db");
  auto opened = SqliteDatabase::open(
      {.path = path, .checkpoint_kick_frames = 99, .checkpoint_backstop_frames = 100});
  REQUIRE(opened.ok());
  SqliteDatabase& database = **opened;
  std::uintmax_t largest_wal = 0;
  for (int round = 0; round < 20; ++round) {
    write_blobs(database, 10);  // about 50 frames
    largest_wal = std::max(largest_wal, size_or_zero(path + "-wal"));
  }
  // 1,000 frames were written in all (without the backstop the WAL grows to all of them). It
  // holds about the backstop's 100, a few commits more when the checkpoint thread's own
  // checkpoint was running at the backstop (the writer's then waits for the next commit); the
  // bound leaves room for a slow machine. 4,096-byte pages plus a 24-byte header per frame.
  CHECK(largest_wal > 0);
  CHECK(largest_wal < 500 * (4096 + 24));
  auto rows = database.with_connection(
      [](SqliteConnection& connection) { return connection.query("SELECT count(*) FROM blobs"); });
  REQUIRE(rows.ok());
  CHECK(rows->front().int64(0) == 800);
}
