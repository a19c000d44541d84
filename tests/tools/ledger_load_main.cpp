// drop_test_ledger_load: posts a deterministic transfer load to a PostgreSQL ledger the way a
// server instance would (pool + PgLedgerStore + group commit), for the multi-process and fault
// tests. Transfer i is a pure function of its id, so two processes posting the same ids send
// identical transfers (idempotent retries across instances).
//
// usage: drop_test_ledger_load <database url> <first id> <count> <threads> <order: up|down>
// Prints one line per transfer: "<id> <result>" (result: a CreateTransferResult name, or
// "error:<kind>" when the batch failed with a PortError). Exit 0 unless the arguments are bad.
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "drop/adapters/batching/batching_ledger_store.hpp"
#include "drop/adapters/postgres/pg_ledger_store.hpp"
#include "ledger_load.hpp"

int main(int argc, char** argv) {
  if (argc != 6) {
    std::fprintf(stderr,
                 "usage: drop_test_ledger_load <url> <first id> <count> <threads> <up|down>\n");
    return 2;
  }
  const std::uint64_t first_id = std::strtoull(argv[2], nullptr, 10);
  const std::uint64_t count = std::strtoull(argv[3], nullptr, 10);
  const int threads = std::atoi(argv[4]);
  const bool down = std::string(argv[5]) == "down";
  drop::adapters::postgres::PgPoolOptions options;
  options.url = argv[1];
  options.connections_max = 8;
  auto pool = drop::adapters::postgres::PgPool::open(options);
  if (!pool) {
    std::fprintf(stderr, "drop_test_ledger_load: %s\n", pool.error().message.c_str());
    return 1;
  }
  drop::adapters::postgres::PgLedgerStore postgres(**pool);
  drop::adapters::batching::BatchingLedgerStore store(postgres);
  std::mutex output;
  std::vector<std::thread> workers;
  for (int t = 0; t < threads; ++t) {
    workers.emplace_back([&, t] {
      // Thread t takes every threads-th group of three ids, in the process's order.
      for (std::uint64_t group = static_cast<std::uint64_t>(t); group * 3 < count;
           group += static_cast<std::uint64_t>(threads)) {
        const std::uint64_t start = down ? count - std::min(count, (group + 1) * 3) : group * 3;
        const std::uint64_t end = down ? count - group * 3 : std::min(count, start + 3);
        std::vector<drop::ledger::Transfer> batch;
        for (std::uint64_t i = start; i < end; ++i)
          batch.push_back(drop_test::load_transfer(first_id + i));
        auto results = store.create_transfers(batch, drop_test::load_now());
        std::lock_guard lock(output);
        for (std::size_t i = 0; i < batch.size(); ++i) {
          if (results) {
            std::printf("%llu %s\n", static_cast<unsigned long long>(batch[i].id),
                        std::string(drop::ledger::to_string((*results)[i])).c_str());
          } else {
            std::printf("%llu error:%s\n", static_cast<unsigned long long>(batch[i].id),
                        std::string(drop::ports::to_string(results.error().kind)).c_str());
          }
        }
      }
    });
  }
  for (auto& worker : workers) worker.join();
  return 0;
}
