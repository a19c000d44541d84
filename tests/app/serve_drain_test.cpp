// SIGTERM on the real `drop serve` while concurrent slow requests are in flight (the
// development-only /api/dev/sleep route holds a worker): every request already sent is
// answered 200, a health check pipelined behind a slow request on the same connection sees 503
// while draining, new connections are refused, and the process exits 0.
#include <atomic>
#include <catch2/catch.hpp>
#include <thread>

#include "serve_support.hpp"

using namespace drop_test;

TEST_CASE("serve: SIGTERM drains in-flight requests and exits 0") {
  ServerProcess server({"JWT_SECRET=" + test_jwt_secret, "DROP_WORKER_THREADS=8"});
  REQUIRE(server.port() != 0);
  REQUIRE(http_request(server.port(), "GET", "/api/health").status == 200);

  constexpr int client_count = 12;
  std::vector<int> statuses(client_count, 0);
  std::atomic<int> sent{0};
  std::vector<std::thread> clients;
  for (int i = 0; i < client_count; ++i) {
    clients.emplace_back([&, i] {
      HttpConnection connection(server.port());
      if (!connection.connected()) return;
      // Two requests back to back on one connection: the second is read only after the first
      // is answered, i.e. while draining.
      const std::string first = HttpConnection::format(
          "GET", "/api/dev/sleep?ms=" + std::to_string(300 + 50 * i), {}, "");
      const std::string second = HttpConnection::format("GET", "/api/dev/sleep?ms=100", {}, "");
      connection.send_raw(first + second);
      ++sent;
      const auto one = connection.read_response();
      const auto two = connection.read_response();
      statuses[static_cast<std::size_t>(i)] =
          (one.status == 200 && two.status == 200) ? 200 : one.status * 1000 + two.status;
    });
  }
  HttpConnection watcher(server.port());
  REQUIRE(watcher.send_raw(HttpConnection::format("GET", "/api/dev/sleep?ms=600", {}, "") +
                           HttpConnection::format("GET", "/api/health", {}, "")));
  while (sent.load() < client_count) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  std::this_thread::sleep_for(std::chrono::milliseconds(150));  // let the requests reach workers
  server.signal(SIGTERM);

  const auto slow = watcher.read_response();
  const auto health = watcher.read_response();
  CHECK(slow.status == 200);
  CHECK(health.status == 503);
  CHECK(json_string(health.body, "status") == "unavailable");
  CHECK(health.header("Connection") == "close");
  for (auto& client : clients) client.join();
  for (int i = 0; i < client_count; ++i) {
    INFO("client " << i);
    CHECK(statuses[static_cast<std::size_t>(i)] == 200);
  }
  CHECK(server.wait() == 0);
  CHECK(!HttpConnection(server.port()).connected());
  const std::string err = server.err();
  CHECK(err.find("\"event\":\"draining\"") != std::string::npos);
  CHECK(err.find("every request in flight was answered") != std::string::npos);
}

TEST_CASE("serve: SIGINT with nothing in flight exits 0 at once") {
  ServerProcess server({"JWT_SECRET=" + test_jwt_secret});
  REQUIRE(server.port() != 0);
  HttpConnection idle(server.port());  // an idle keep-alive connection does not hold the drain
  REQUIRE(idle.request("GET", "/api/health").status == 200);
  server.signal(SIGINT);
  CHECK(server.wait(5) == 0);
  CHECK(idle.closed_by_server());
}
