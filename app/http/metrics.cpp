#include "http/metrics.hpp"

#include <fmt/format.h>

namespace drop::http {

Metrics::Metrics(std::vector<RouteLabel> routes) : labels_(std::move(routes)) {
  labels_.push_back({"", "unmatched"});
  for (std::size_t i = 0; i < labels_.size(); ++i) {
    series_.push_back(std::make_unique<RouteSeries>());
  }
}

std::size_t Metrics::status_slot(int status) {
  for (std::size_t i = 0; i + 1 < statuses.size(); ++i) {
    if (statuses[i] == status) return i;
  }
  return statuses.size() - 1;
}

void Metrics::record_request(std::size_t route_index, int status, std::int64_t latency_us) {
  if (route_index >= series_.size()) route_index = series_.size() - 1;
  RouteSeries& series = *series_[route_index];
  series.by_status[status_slot(status)].fetch_add(1, std::memory_order_relaxed);
  const double seconds = static_cast<double>(latency_us) / 1e6;
  for (std::size_t i = 0; i < latency_buckets_s.size(); ++i) {
    if (seconds <= latency_buckets_s[i]) {
      series.buckets[i].fetch_add(1, std::memory_order_relaxed);
      break;  // cumulative counts are summed at render time
    }
  }
  series.count.fetch_add(1, std::memory_order_relaxed);
  series.sum_us.fetch_add(static_cast<std::uint64_t>(latency_us < 0 ? 0 : latency_us),
                          std::memory_order_relaxed);
}

void Metrics::add_gauge(std::string name, std::string help, std::function<double()> read) {
  gauges_.push_back({std::move(name), std::move(help), std::move(read)});
}

std::string Metrics::render() const {
  std::string out;
  auto line = [&](std::string text) { out += text += '\n'; };
  line("# HELP drop_http_requests_total HTTP requests by method, route pattern and status.");
  line("# TYPE drop_http_requests_total counter");
  for (std::size_t r = 0; r < series_.size(); ++r) {
    for (std::size_t s = 0; s < statuses.size(); ++s) {
      const auto count = series_[r]->by_status[s].load(std::memory_order_relaxed);
      if (count == 0) continue;
      const std::string status = statuses[s] == 0 ? "other" : std::to_string(statuses[s]);
      line(fmt::format("drop_http_requests_total{{method=\"{}\",route=\"{}\",status=\"{}\"}} {}",
                       labels_[r].method, labels_[r].pattern, status, count));
    }
  }
  line("# HELP drop_http_request_duration_seconds Time from a complete request to its response.");
  line("# TYPE drop_http_request_duration_seconds histogram");
  for (std::size_t r = 0; r < series_.size(); ++r) {
    const RouteSeries& series = *series_[r];
    const auto count = series.count.load(std::memory_order_relaxed);
    if (count == 0) continue;
    const std::string labels =
        fmt::format("method=\"{}\",route=\"{}\"", labels_[r].method, labels_[r].pattern);
    std::uint64_t cumulative = 0;
    for (std::size_t b = 0; b < latency_buckets_s.size(); ++b) {
      cumulative += series.buckets[b].load(std::memory_order_relaxed);
      line(fmt::format("drop_http_request_duration_seconds_bucket{{{},le=\"{}\"}} {}", labels,
                       latency_buckets_s[b], cumulative));
    }
    line(fmt::format("drop_http_request_duration_seconds_bucket{{{},le=\"+Inf\"}} {}", labels,
                     count));
    line(fmt::format("drop_http_request_duration_seconds_sum{{{}}} {}", labels,
                     static_cast<double>(series.sum_us.load(std::memory_order_relaxed)) / 1e6));
    line(fmt::format("drop_http_request_duration_seconds_count{{{}}} {}", labels, count));
  }
  line("# HELP drop_http_rate_limited_total Requests refused with 429 rate_limited.");
  line("# TYPE drop_http_rate_limited_total counter");
  line(fmt::format("drop_http_rate_limited_total {}", rate_limited_.load()));
  line(
      "# HELP drop_worker_rejected_total Requests refused with 503 because the worker queue was "
      "full.");
  line("# TYPE drop_worker_rejected_total counter");
  line(fmt::format("drop_worker_rejected_total {}", worker_rejected_.load()));
  for (const Gauge& gauge : gauges_) {
    line(fmt::format("# HELP {} {}", gauge.name, gauge.help));
    line(fmt::format("# TYPE {} gauge", gauge.name));
    line(fmt::format("{} {}", gauge.name, gauge.read()));
  }
  return out;
}

}  // namespace drop::http
