// WorkerPool: a fixed set of threads running the blocking part of requests (database work), so
// the I/O threads never block. The queue is bounded: when it is full, try_submit() refuses and
// the server answers 503 unavailable instead of queueing without limit.
// Thread-safety: try_submit from any thread; stop() once, from the owner.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace drop::http {

class WorkerPool {
 public:
  // REQUIRES: threads >= 1, queue_max >= 1.
  WorkerPool(std::size_t threads, std::size_t queue_max);
  ~WorkerPool();
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  // Queues `task`; false (task not queued) when the queue is full or the pool is stopping.
  bool try_submit(std::function<void()> task);
  // Runs every queued task, then joins the threads. Idempotent.
  void stop();

  std::size_t queued() const;
  std::size_t busy() const;

 private:
  void work();

  const std::size_t queue_max_;
  mutable std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<std::function<void()>> queue_;
  std::size_t busy_ = 0;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace drop::http
