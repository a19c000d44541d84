// SqliteCheckpointer: copies WAL frames into the database file on a thread of its own, so the
// writer's commits do not pay for checkpoints.
//
// In WAL mode SQLite checkpoints inside the commit that pushes the WAL past
// wal_autocheckpoint pages: one commit in every few dozen stalls while thousands of pages are
// copied and the file is synced (the p99 of a busy ledger). Here the writer's WAL hook only
// wakes this thread once the WAL holds `kick_frames` frames (5,000 by default); the thread runs
// PASSIVE checkpoints (they never block the writer) on its own connection. The WAL can only start
// over from its beginning when a write begins with every frame copied, which a concurrent
// checkpoint rarely allows under steady load, so the hook keeps a backstop: at
// `backstop_frames` (20,000) the writer checkpoints inline, as SQLite would, which is now cheap
// because nearly every frame has already been copied. Durability is unchanged: a commit is durable
// when its WAL frames are synced (synchronous=FULL), whoever checkpoints later. Thread-safe; the
// owner must destroy it before closing the writer's connection.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "drop/ports/port_error.hpp"
#include "drop/result.hpp"

struct sqlite3;

namespace drop::adapters::sqlite {

class SqliteCheckpointer {
 public:
  // Opens a second connection to `path` and starts the thread; installs the WAL hook on
  // `writer` (replacing SQLite's own wal_autocheckpoint hook). REQUIRES: 0 < kick < backstop.
  static Result<std::unique_ptr<SqliteCheckpointer>, ports::PortError> start(
      sqlite3* writer, const std::string& path, std::int64_t busy_timeout_ms, int kick_frames,
      int backstop_frames);
  ~SqliteCheckpointer();
  SqliteCheckpointer(const SqliteCheckpointer&) = delete;
  SqliteCheckpointer& operator=(const SqliteCheckpointer&) = delete;

  std::uint64_t checkpoints() const;

 private:
  SqliteCheckpointer(sqlite3* writer, sqlite3* own, int kick_frames, int backstop_frames)
      : writer_(writer), own_(own), kick_frames_(kick_frames), backstop_frames_(backstop_frames) {}
  static int on_commit(void* self, sqlite3* db, const char* schema, int frames);
  void run();

  sqlite3* writer_;
  sqlite3* own_;
  const int kick_frames_;
  const int backstop_frames_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  bool kicked_ = false;
  bool stopping_ = false;
  std::uint64_t checkpoints_ = 0;
  std::thread thread_;
};

}  // namespace drop::adapters::sqlite
