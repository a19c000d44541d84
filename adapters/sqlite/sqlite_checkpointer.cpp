#include "sqlite_checkpointer.hpp"

#include <sqlite3.h>

#include <chrono>

#include "drop/assert.hpp"

namespace drop::adapters::sqlite {

Result<std::unique_ptr<SqliteCheckpointer>, ports::PortError> SqliteCheckpointer::start(
    sqlite3* writer, const std::string& path, std::int64_t busy_timeout_ms, int kick_frames,
    int backstop_frames) {
  DROP_ASSERT(kick_frames > 0 && kick_frames < backstop_frames);
  sqlite3* own = nullptr;
  const int opened =
      sqlite3_open_v2(path.c_str(), &own, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr);
  if (opened != SQLITE_OK) {
    std::string message = "SQLite checkpoint connection to " + path + ": " +
                          (own != nullptr ? sqlite3_errmsg(own) : sqlite3_errstr(opened));
    if (own != nullptr) sqlite3_close_v2(own);
    return Err{ports::PortError{ports::PortError::Kind::unavailable, std::move(message)}};
  }
  sqlite3_busy_timeout(own, static_cast<int>(busy_timeout_ms));
  // The copied pages are synced before the checkpoint counts as done.
  if (sqlite3_exec(own, "PRAGMA synchronous=FULL", nullptr, nullptr, nullptr) != SQLITE_OK) {
    std::string message = "SQLite checkpoint connection to " + path + ": " + sqlite3_errmsg(own);
    sqlite3_close_v2(own);
    return Err{ports::PortError{ports::PortError::Kind::unavailable, std::move(message)}};
  }
  std::unique_ptr<SqliteCheckpointer> checkpointer(
      new SqliteCheckpointer(writer, own, kick_frames, backstop_frames));
  checkpointer->thread_ = std::thread([raw = checkpointer.get()] { raw->run(); });
  sqlite3_wal_hook(writer, &SqliteCheckpointer::on_commit, checkpointer.get());
  return checkpointer;
}

SqliteCheckpointer::~SqliteCheckpointer() {
  sqlite3_wal_hook(writer_, nullptr, nullptr);
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
  sqlite3_close_v2(own_);
}

// Runs on the writer's thread after each commit, with the WAL's size in frames.
int SqliteCheckpointer::on_commit(void* self, sqlite3* db, const char* schema, int frames) {
  auto* checkpointer = static_cast<SqliteCheckpointer*>(self);
  if (frames >= checkpointer->backstop_frames_) {
    // Inline, as SQLite's own hook does; the WAL starts over at the next write.
    (void)sqlite3_wal_checkpoint_v2(db, schema, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
  } else if (frames >= checkpointer->kick_frames_) {
    std::lock_guard lock(checkpointer->mutex_);
    if (!checkpointer->kicked_) {
      checkpointer->kicked_ = true;
      checkpointer->wake_.notify_one();
    }
  }
  return SQLITE_OK;
}

void SqliteCheckpointer::run() {
  std::unique_lock lock(mutex_);
  while (true) {
    // Also every few seconds without a kick: an idle database ends up fully checkpointed.
    wake_.wait_for(lock, std::chrono::seconds(5), [this] { return stopping_ || kicked_; });
    if (stopping_) return;
    kicked_ = false;
    lock.unlock();
    // SQLITE_BUSY (another checkpoint is running) and I/O errors are left to the next round
    // and to the writer's backstop; the writer reports I/O errors on its own commits.
    (void)sqlite3_wal_checkpoint_v2(own_, "main", SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
    lock.lock();
    checkpoints_ += 1;
  }
}

std::uint64_t SqliteCheckpointer::checkpoints() const {
  std::lock_guard lock(mutex_);
  return checkpoints_;
}

}  // namespace drop::adapters::sqlite
