// A fresh PostgreSQL database per test, on the throwaway server that scripts/test.sh starts
// (DROP_TEST_DATABASE_URL). Without that server the test FAILS: PostgreSQL tests are never
// skipped silently.
#pragma once

#include <unistd.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <cstdlib>
#include <memory>
#include <string>

#include "drop/adapters/postgres/pg_pool.hpp"

namespace drop_test {

inline std::string admin_database_url() {
  const char* url = std::getenv("DROP_TEST_DATABASE_URL");
  if (url == nullptr || *url == '\0') {
    FAIL(
        "DROP_TEST_DATABASE_URL is not set: run the tests through scripts/test.sh, which starts "
        "a throwaway PostgreSQL");
  }
  return url;
}

// Replaces the database name (the path) of a postgresql:// URL.
inline std::string with_database(const std::string& url, const std::string& name) {
  const auto scheme_end = url.find("://");
  const auto slash = url.find('/', scheme_end + 3);
  const auto query = url.find('?', scheme_end + 3);
  std::string base = url.substr(0, slash == std::string::npos ? query : slash);
  std::string rest = query == std::string::npos ? "" : url.substr(query);
  return base + "/" + name + rest;
}

// Creates a uniquely named empty database; drops it when destroyed.
class TestDatabase {
 public:
  TestDatabase() {
    static std::atomic<int> counter{0};
    name_ = "drop_test_" + std::to_string(::getpid()) + "_" + std::to_string(counter++);
    admin_ = open_pool(admin_database_url(), 1);
    REQUIRE((*admin_).acquire().value()->exec("DROP DATABASE IF EXISTS " + name_).ok());
    REQUIRE((*admin_).acquire().value()->exec("CREATE DATABASE " + name_).ok());
    url_ = with_database(admin_database_url(), name_);
  }
  ~TestDatabase() {
    auto lease = admin_->acquire();
    if (lease) (void)(*lease)->exec("DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)");
  }
  const std::string& url() const { return url_; }
  const std::string& name() const { return name_; }

  static std::unique_ptr<drop::adapters::postgres::PgPool> open_pool(const std::string& url,
                                                                     std::size_t connections) {
    drop::adapters::postgres::PgPoolOptions options;
    options.url = url;
    options.connections_max = connections;
    auto pool = drop::adapters::postgres::PgPool::open(options);
    if (!pool) FAIL("cannot open PostgreSQL pool: " << pool.error().message);
    return std::move(pool).value();
  }

 private:
  std::string name_;
  std::string url_;
  std::unique_ptr<drop::adapters::postgres::PgPool> admin_;
};

}  // namespace drop_test
