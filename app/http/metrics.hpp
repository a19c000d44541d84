// Metrics: counters and histograms for GET /metrics in the Prometheus text format 0.0.4.
//
//   drop_http_requests_total{method,route,status}        counter
//   drop_http_request_duration_seconds{method,route}      histogram
//   drop_http_rate_limited_total                          counter (429s)
//   drop_worker_rejected_total                            counter (503: worker queue full)
//   gauges registered with add_gauge() (DB pool in use, worker queue depth, ...)
//
// Series are preallocated per route (index in the route table) and per known status, so
// recording is a few relaxed atomic increments with no lock and no allocation.
// Thread-safety: record/observe from any thread; add_gauge before serving.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace drop::http {

class Metrics {
 public:
  // `routes`: "METHOD pattern" label pairs in route-table order; one more series collects
  // unmatched requests (route="unmatched").
  struct RouteLabel {
    std::string method;
    std::string pattern;
  };
  explicit Metrics(std::vector<RouteLabel> routes);

  // route_index: position in the table, or routes.size() for unmatched.
  void record_request(std::size_t route_index, int status, std::int64_t latency_us);
  void record_rate_limited() { rate_limited_.fetch_add(1, std::memory_order_relaxed); }
  void record_worker_rejected() { worker_rejected_.fetch_add(1, std::memory_order_relaxed); }
  // A gauge read at scrape time. REQUIRES: called before the server starts.
  void add_gauge(std::string name, std::string help, std::function<double()> read);

  std::string render() const;

 private:
  static constexpr std::array<int, 18> statuses = {200, 201, 204, 302, 304, 400, 401, 403, 404,
                                                   405, 409, 413, 415, 422, 429, 500, 503, 0};
  static constexpr std::array<double, 12> latency_buckets_s = {
      0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5};
  struct RouteSeries {
    std::array<std::atomic<std::uint64_t>, statuses.size()> by_status{};
    std::array<std::atomic<std::uint64_t>, latency_buckets_s.size()> buckets{};
    std::atomic<std::uint64_t> count{0};
    std::atomic<std::uint64_t> sum_us{0};
  };
  struct Gauge {
    std::string name, help;
    std::function<double()> read;
  };
  static std::size_t status_slot(int status);

  std::vector<RouteLabel> labels_;
  std::vector<std::unique_ptr<RouteSeries>> series_;
  std::atomic<std::uint64_t> rate_limited_{0};
  std::atomic<std::uint64_t> worker_rejected_{0};
  std::vector<Gauge> gauges_;
};

}  // namespace drop::http
