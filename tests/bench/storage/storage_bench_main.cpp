// drop_bench_storage: durable transfers per second through the group-commit writer, the way the
// server posts them: `callers` threads, each posting one transfer at a time and waiting for it.
// Prints throughput, p50/p99 latency per call, batch sizes and (PostgreSQL) bytes per transfer.
// Figures are printed, never asserted. Run by scripts/bench_storage.sh.
//
// usage: drop_bench_storage <postgres url | sqlite:<path>> <callers> <accounts> <seconds> <hot 0|1>
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "drop/adapters/batching/batching_ledger_store.hpp"
#include "drop/adapters/postgres/pg_ledger_store.hpp"
#include "drop/adapters/postgres/pg_migrate.hpp"
#include "drop/adapters/sqlite/sqlite_ledger_store.hpp"
#include "drop/adapters/sqlite/sqlite_migrate.hpp"
#include "drop/limits.hpp"

using namespace drop::ledger;
using Clock = std::chrono::steady_clock;

namespace {

const drop::Currency nok = *drop::Currency::from_code("NOK");

drop::Timestamp wall_now() {
  return drop::Timestamp{std::chrono::duration_cast<std::chrono::microseconds>(
                             std::chrono::system_clock::now().time_since_epoch())
                             .count()};
}

bool setup(drop::ports::LedgerStore& store, std::uint64_t accounts) {
  std::vector<Account> batch{{.id = 1, .currency = nok, .kind = AccountKind::settlement}};
  for (std::uint64_t id = 2; id <= accounts + 1; ++id) {
    batch.push_back({.id = id,
                     .currency = nok,
                     .kind = AccountKind::wallet,
                     .flags = account_flags::debits_must_not_exceed_credits});
    if (batch.size() == drop::limits::ledger_batch_transfers_max || id == accounts + 1) {
      if (!store.create_accounts(batch, wall_now())) return false;
      batch.clear();
    }
  }
  std::vector<Transfer> deposits;
  for (std::uint64_t id = 2; id <= accounts + 1; ++id) {
    deposits.push_back({.id = id,
                        .debit_account_id = 1,
                        .credit_account_id = id,
                        .amount_minor = 1'000'000'000,
                        .currency = nok,
                        .code = 1});
    if (deposits.size() == drop::limits::ledger_batch_transfers_max || id == accounts + 1) {
      auto created = store.create_transfers(deposits, wall_now());
      if (!created) {
        std::fprintf(stderr, "deposits failed: %s\n", created.error().message.c_str());
        return false;
      }
      deposits.clear();
    }
  }
  return true;
}

struct CallerFigures {
  std::vector<std::int64_t> latencies_us;
  std::uint64_t errors = 0;
};

}  // namespace

int main(int argc, char** argv) {
  if (argc != 6) {
    std::fprintf(stderr,
                 "usage: drop_bench_storage <url> <callers> <accounts> <seconds> <hot 0|1>\n");
    return 2;
  }
  const std::string url = argv[1];
  const int callers = std::atoi(argv[2]);
  const std::uint64_t accounts = std::strtoull(argv[3], nullptr, 10);
  const int seconds = std::atoi(argv[4]);
  const bool hot = std::atoi(argv[5]) != 0;

  std::unique_ptr<drop::adapters::postgres::PgPool> pool;
  std::unique_ptr<drop::adapters::sqlite::SqliteDatabase> sqlite;
  std::unique_ptr<drop::ports::LedgerStore> inner;
  if (url.starts_with("sqlite:")) {
    auto opened = drop::adapters::sqlite::SqliteDatabase::open({url.substr(7)});
    if (!opened || !drop::adapters::sqlite::migrate(**opened)) return 1;
    sqlite = std::move(opened).value();
    inner = std::make_unique<drop::adapters::sqlite::SqliteLedgerStore>(*sqlite);
  } else {
    drop::adapters::postgres::PgPoolOptions options;
    options.url = url;
    options.connections_max = 8;
    auto opened = drop::adapters::postgres::PgPool::open(options);
    if (!opened) {
      std::fprintf(stderr, "%s\n", opened.error().message.c_str());
      return 1;
    }
    pool = std::move(opened).value();
    if (!drop::adapters::postgres::migrate(*pool)) return 1;
    inner = std::make_unique<drop::adapters::postgres::PgLedgerStore>(*pool);
  }
  if (!setup(*inner, accounts)) {
    std::fprintf(stderr, "setup failed\n");
    return 1;
  }
  drop::adapters::batching::BatchingLedgerStore store(*inner);

  std::atomic<bool> stop{false};
  std::vector<CallerFigures> figures(static_cast<std::size_t>(callers));
  std::vector<std::thread> threads;
  const auto start = Clock::now();
  for (int c = 0; c < callers; ++c) {
    threads.emplace_back([&, c] {
      std::uint64_t random = 0x9E3779B97F4A7C15ULL * static_cast<std::uint64_t>(c + 1);
      TransferId next = 10'000'000'000ULL + static_cast<TransferId>(c) * 1'000'000'000ULL;
      CallerFigures& mine = figures[static_cast<std::size_t>(c)];
      while (!stop.load(std::memory_order_relaxed)) {
        random ^= random << 13;
        random ^= random >> 7;
        random ^= random << 17;
        const AccountId from = 3 + random % (accounts - 1);
        const AccountId to = hot ? 2 : 2 + (random >> 20) % accounts;
        const std::vector<Transfer> one{
            {.id = next++,
             .debit_account_id = from,
             .credit_account_id = to == from ? 2 : to,
             .amount_minor = 1 + static_cast<std::int64_t>(random % 500),
             .currency = nok,
             .code = 2}};
        const auto sent = Clock::now();
        auto results = store.create_transfers(one, wall_now());
        mine.latencies_us.push_back(
            std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - sent).count());
        if (!results || (*results)[0] != CreateTransferResult::ok) ++mine.errors;
      }
    });
  }
  std::this_thread::sleep_for(std::chrono::seconds(seconds));
  stop = true;
  for (auto& thread : threads) thread.join();
  const double elapsed_s = std::chrono::duration<double>(Clock::now() - start).count();

  std::vector<std::int64_t> all;
  std::uint64_t errors = 0;
  for (const auto& caller : figures) {
    all.insert(all.end(), caller.latencies_us.begin(), caller.latencies_us.end());
    errors += caller.errors;
  }
  std::sort(all.begin(), all.end());
  const auto percentile = [&](double p) {
    return all.empty()
               ? 0
               : all[std::min(all.size() - 1,
                              static_cast<std::size_t>(p * static_cast<double>(all.size())))];
  };
  const auto stats = store.stats();
  std::printf(
      "| %s | %d callers | %llu accounts | %s | %.0f transfers/s | p50 %.2f ms | p99 %.2f ms | "
      "avg batch %.1f | largest %llu | per batch: apply %.2f ms, gather %.2f ms | gather timeouts "
      "%llu | errors %llu |\n",
      sqlite ? "sqlite (synchronous=FULL)" : "postgres", callers,
      static_cast<unsigned long long>(accounts), hot ? "hot credit account" : "uniform",
      static_cast<double>(all.size()) / elapsed_s, static_cast<double>(percentile(0.50)) / 1000.0,
      static_cast<double>(percentile(0.99)) / 1000.0,
      stats.batches ? static_cast<double>(stats.transfers) / static_cast<double>(stats.batches)
                    : 0.0,
      static_cast<unsigned long long>(stats.largest_batch),
      stats.batches
          ? static_cast<double>(stats.apply_us) / 1000.0 / static_cast<double>(stats.batches)
          : 0.0,
      stats.batches
          ? static_cast<double>(stats.gather_us) / 1000.0 / static_cast<double>(stats.batches)
          : 0.0,
      static_cast<unsigned long long>(stats.gather_timeouts),
      static_cast<unsigned long long>(errors));
  if (pool) {
    auto lease = pool->acquire();
    auto size = (*lease)->exec(
        "SELECT (pg_total_relation_size('transfers') + "
        "pg_total_relation_size('ledger_entries'))::bigint,"
        " (SELECT count(*) FROM transfers)");
    if (size && size->int64(0, 1) > 0) {
      std::printf(
          "| postgres bytes per transfer (transfers + ledger_entries, with indexes) | %.0f |\n",
          static_cast<double>(size->int64(0, 0)) / static_cast<double>(size->int64(0, 1)));
    }
  }
  return 0;
}
