#include "drop/adapters/slack/slack_notifier.hpp"

#include <algorithm>
#include <chrono>

#include "drop/adapters/slack/slack_message.hpp"

namespace drop::adapters::slack {

namespace {

// Slack's plain-text answer, reduced to a short token ("channel_is_archived") for the log.
std::string answer_token(const std::string& body) {
  std::string token;
  for (char c : body) {
    if (token.size() >= 64) break;
    if ((c >= 'a' && c <= 'z') || c == '_' || (c >= '0' && c <= '9')) token.push_back(c);
  }
  return token;
}

}  // namespace

SlackNotifier::SlackNotifier(SlackOptions options, http_client::HttpClient& http,
                             const ports::Clock& clock, Sleep sleep_ms, OnFailure on_failure)
    : options_(std::move(options)),
      http_(http),
      clock_(clock),
      sleep_ms_(std::move(sleep_ms)),
      on_failure_(std::move(on_failure)) {
  if (options_.background) thread_ = std::thread([this] { loop(); });
}

SlackNotifier::~SlackNotifier() { shutdown(0); }

void SlackNotifier::notify(ports::Alert alert) noexcept {
  try {
    std::string body = message_body(alert);
    {
      std::lock_guard lock(mutex_);
      if (stopping_) {
        ++stats_.dropped_shutdown;
        return;
      }
      if (queue_.size() >= options_.queue_max) {
        queue_.pop_front();
        ++stats_.dropped_overflow;
      }
      queue_.push_back(std::move(body));
    }
    wake_.notify_all();
  } catch (...) {  // out of memory: an alert is never worth failing the caller
  }
}

void SlackNotifier::loop() {
  std::unique_lock lock(mutex_);
  while (true) {
    wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
    if (queue_.empty() || (stopping_ && past_deadline())) break;
    std::string body = std::move(queue_.front());
    queue_.pop_front();
    lock.unlock();
    deliver(body);
    lock.lock();
  }
  stats_.dropped_shutdown += queue_.size();
  queue_.clear();
}

void SlackNotifier::run_pending() {
  while (true) {
    std::string body;
    {
      std::lock_guard lock(mutex_);
      if (queue_.empty() || (stopping_ && past_deadline())) return;
      body = std::move(queue_.front());
      queue_.pop_front();
    }
    deliver(body);
  }
}

void SlackNotifier::shutdown(std::int64_t deadline_ms) {
  {
    std::lock_guard lock(mutex_);
    if (joined_) return;
    joined_ = true;
    stopping_ = true;
    deadline_at_ms_ = now_ms() + deadline_ms;
  }
  wake_.notify_all();
  if (thread_.joinable()) {
    thread_.join();
  } else {
    run_pending();
  }
  std::lock_guard lock(mutex_);
  stats_.dropped_shutdown += queue_.size();
  queue_.clear();
}

SlackStats SlackNotifier::stats() const {
  std::lock_guard lock(mutex_);
  return stats_;
}

bool SlackNotifier::past_deadline() const { return now_ms() >= deadline_at_ms_; }

bool SlackNotifier::wait_until(std::int64_t until_ms) {
  while (true) {
    const std::int64_t now = now_ms();
    if (now >= until_ms) return true;
    std::unique_lock lock(mutex_);
    const auto beyond_deadline = [&] { return stopping_ && until_ms > deadline_at_ms_; };
    if (beyond_deadline()) return false;
    if (sleep_ms_) {
      lock.unlock();
      sleep_ms_(until_ms - now);
    } else {
      wake_.wait_for(lock, std::chrono::milliseconds(until_ms - now), beyond_deadline);
    }
  }
}

void SlackNotifier::deliver(const std::string& body) {
  std::int64_t backoff_ms = options_.backoff_initial_ms;
  std::string last_failure;
  for (int attempt = 1; attempt <= options_.attempts_max; ++attempt) {
    if (!wait_until(next_send_at_ms_)) {
      std::lock_guard lock(mutex_);
      ++stats_.dropped_shutdown;
      return;
    }
    http_client::HttpRequest request;
    request.method = "POST";
    request.url = options_.webhook_url;
    request.headers = {{"Content-Type", "application/json"}};
    request.body = body;
    request.timeout_ms = options_.timeout_ms;
    auto response = http_.send(request);
    const std::int64_t now = now_ms();
    next_send_at_ms_ = now + options_.interval_ms;
    if (!response) {
      last_failure = "transport " + std::string(http_client::to_string(response.error().kind));
    } else {
      const SlackAnswer answer = classify(*response);
      if (answer == SlackAnswer::delivered) {
        std::lock_guard lock(mutex_);
        ++stats_.delivered;
        return;
      }
      last_failure = std::to_string(response->status) + " " + answer_token(response->body);
      if (answer == SlackAnswer::refused) {
        {
          std::lock_guard lock(mutex_);
          ++stats_.refused;
        }
        if (on_failure_) on_failure_("slack refused an alert (not retried): " + last_failure);
        return;
      }
      if (answer == SlackAnswer::rate_limited) {
        const std::int64_t wait_s = std::clamp<std::int64_t>(retry_after_s(*response).value_or(1),
                                                             1, options_.retry_after_max_s);
        next_send_at_ms_ = std::max(next_send_at_ms_, now + wait_s * 1000);
        std::lock_guard lock(mutex_);
        ++stats_.rate_limited;
        continue;
      }
    }
    next_send_at_ms_ = std::max(next_send_at_ms_, now + backoff_ms);
    backoff_ms = std::min(backoff_ms * 2, options_.backoff_max_ms);
  }
  {
    std::lock_guard lock(mutex_);
    ++stats_.gave_up;
  }
  if (on_failure_) on_failure_("slack alert given up after retries: " + last_failure);
}

}  // namespace drop::adapters::slack
