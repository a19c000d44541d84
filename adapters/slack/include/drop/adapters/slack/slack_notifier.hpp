// SlackNotifier: the Notifier port over a Slack incoming webhook (SLACK_WEBHOOK_URL).
//
// notify() only appends to a bounded queue (when full, the OLDEST alert is dropped and counted)
// and wakes one background thread, so a request never waits for Slack. The thread sends one
// message at a time, paced to about one per `interval_ms` (a one-token bucket on the injected
// Clock); a 429 waits Retry-After seconds (capped) before the same message is tried again; 5xx
// and transport failures are retried with doubling backoff up to `attempts_max` attempts; a
// refusal (4xx such as invalid_payload or channel_is_archived) is never retried. shutdown()
// stops accepting, keeps delivering until the queue is empty or its deadline passes, and counts
// what is left as dropped. Failures go to `on_failure` (the app logs them); never thrown.
//
// Time: pacing and backoff read `clock` and wait through `sleep_ms`, both injected, so tests
// run with a fake clock and no real sleeping. Without `sleep_ms` the notifier waits on its own
// condition variable (woken early by shutdown).
// Thread-safety: notify(), stats() and shutdown() may be called from any thread.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

#include "drop/adapters/http_client/http_client.hpp"
#include "drop/limits.hpp"
#include "drop/ports/clock.hpp"
#include "drop/ports/notifier.hpp"

namespace drop::adapters::slack {

struct SlackOptions {
  std::string webhook_url;  // https (or loopback http for fakes); never logged
  std::size_t queue_max = limits::alert_queue_max;
  std::int64_t interval_ms = 1000;
  int attempts_max = 5;
  std::int64_t backoff_initial_ms = 1000;
  std::int64_t backoff_max_ms = 30'000;
  std::int64_t retry_after_max_s = 120;
  std::uint32_t timeout_ms = 5000;
  bool background = true;  // false (tests): nothing is sent until run_pending()
};

struct SlackStats {
  std::uint64_t delivered = 0;
  std::uint64_t dropped_overflow = 0;  // the queue was full: the oldest alert went
  std::uint64_t refused = 0;           // Slack refused the message (not retried)
  std::uint64_t gave_up = 0;           // attempts exhausted (5xx, transport, 429)
  std::uint64_t dropped_shutdown = 0;  // still queued when the shutdown deadline passed
  std::uint64_t rate_limited = 0;      // 429 answers seen
};

class SlackNotifier final : public ports::Notifier {
 public:
  using Sleep = std::function<void(std::int64_t milliseconds)>;
  using OnFailure = std::function<void(const std::string& message)>;

  SlackNotifier(SlackOptions options, http_client::HttpClient& http, const ports::Clock& clock,
                Sleep sleep_ms = {}, OnFailure on_failure = {});
  ~SlackNotifier() override;  // shutdown(0) if not done
  SlackNotifier(const SlackNotifier&) = delete;
  SlackNotifier& operator=(const SlackNotifier&) = delete;

  void notify(ports::Alert alert) noexcept override;

  // Delivers everything queued on the calling thread (tests with background = false).
  void run_pending();
  // Stops accepting alerts and flushes until the queue is empty or `deadline_ms` have passed
  // on the clock; then joins the thread. Idempotent.
  void shutdown(std::int64_t deadline_ms);

  SlackStats stats() const;

 private:
  void loop();
  void deliver(const std::string& body);
  // Waits until `until_ms` on the clock; false when a shutdown deadline comes first.
  bool wait_until(std::int64_t until_ms);
  std::int64_t now_ms() const { return clock_.now().unix_us / 1000; }
  bool past_deadline() const;

  const SlackOptions options_;
  http_client::HttpClient& http_;
  const ports::Clock& clock_;
  Sleep sleep_ms_;
  OnFailure on_failure_;

  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::string> queue_;  // message bodies
  SlackStats stats_;
  bool stopping_ = false;
  bool joined_ = false;
  std::int64_t deadline_at_ms_ = 0;  // valid while stopping_
  std::int64_t next_send_at_ms_ = 0;
  std::thread thread_;
};

}  // namespace drop::adapters::slack
