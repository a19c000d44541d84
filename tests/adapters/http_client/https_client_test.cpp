// The real outbound client (make_https_client) against FakeHttpServer on 127.0.0.1: round trips
// over plain http, the exact bytes on the wire, refusal of plain http to non-loopback hosts
// before any resolution, TLS with a CA generated at test time (IP and DNS-name checks), an
// untrusted CA and a wrong host name (tls), connection refused (connect), a server slower than
// the deadline (timeout), oversized and chunked responses, keep-alive reuse (one accepted
// connection for many requests), a pooled connection the server closed (retried once on a new
// connection), a server that closes without answering, and ResilientHttpClient over the real
// client retrying 503s on the wire. Deadlines in these
// tests are short but no assertion depends on timing.
#include "drop/adapters/http_client/https_client.hpp"

#include <catch2/catch.hpp>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "drop/adapters/http_client/resilient_http_client.hpp"
#include "support/fake_http_server.hpp"
#include "support/test_certificates.hpp"

using drop::http_client::HttpErrorKind;
using drop::http_client::HttpRequest;
using drop::http_client::HttpResponse;
using drop::http_client::HttpsClientOptions;
using drop::http_client::make_https_client;
using drop_test::FakeHttpServer;
using drop_test::TestCertificates;

namespace {

HttpResponse echo(const HttpRequest& request) {
  return HttpResponse{200,
                      {{"Content-Type", "text/plain"}, {"X-Method", request.method}},
                      request.url + "|" + request.body};
}

HttpRequest get(const std::string& url) {
  HttpRequest request;
  request.url = url;
  return request;
}

// The certificates of one test binary (generating is cheap, but one CA keeps the tests short).
const TestCertificates& localhost_certificates() {
  static const TestCertificates certificates = TestCertificates::generate();
  return certificates;
}

}  // namespace

TEST_CASE("http client: GET and POST round trip over loopback http") {
  FakeHttpServer server(echo);
  auto client = make_https_client({});
  auto got = client->send(get(server.base_url() + "/a/b?c=1"));
  REQUIRE(got);
  CHECK(got->status == 200);
  CHECK(got->body == "/a/b?c=1|");
  CHECK(got->header("x-method") == "GET");
  HttpRequest post;
  post.method = "POST";
  post.url = server.base_url() + "/submit";
  post.body = "payload bytes";
  auto posted = client->send(post);
  REQUIRE(posted);
  CHECK(posted->body == "/submit|payload bytes");
  CHECK(posted->header("X-Method") == "POST");
}

TEST_CASE("http client: sends the request line headers and body exactly as given") {
  FakeHttpServer server(echo);
  auto client = make_https_client({});
  HttpRequest request;
  request.method = "POST";
  request.url = server.base_url() + "/sign?x=1&y=%20";
  request.headers = {{"X-B", "2"}, {"x-a", "one, two"}, {"Content-Type", "application/json"}};
  request.body = "{\"a\":1}\n";
  REQUIRE(client->send(request));
  const std::string port = std::to_string(server.port());
  REQUIRE(server.raw_requests().size() == 1);
  CHECK(server.raw_requests()[0] ==
        "POST /sign?x=1&y=%20 HTTP/1.1\r\nHost: 127.0.0.1:" + port +
            "\r\nX-B: 2\r\nx-a: one, two\r\nContent-Type: application/json\r\n"
            "User-Agent: drop\r\nContent-Length: 8\r\n\r\n{\"a\":1}\n");
}

TEST_CASE("http client: refuses a header with a line break or one the client owns") {
  FakeHttpServer server(echo);
  auto client = make_https_client({});
  HttpRequest request = get(server.base_url() + "/");
  request.headers = {{"X-Injected", "a\r\nX-Evil: 1"}};
  auto sent = client->send(request);
  REQUIRE(!sent);
  CHECK(sent.error().message.find("X-Evil") == std::string::npos);
  request.headers = {{"Content-Length", "5"}};
  CHECK(!client->send(request));
  CHECK(server.accepted_connections() == 0);
}

TEST_CASE("http client: plain http to a non-loopback host fails before any resolution") {
  std::vector<std::string> resolved;
  HttpsClientOptions options;
  options.before_resolve = [&resolved](const std::string& host) { resolved.push_back(host); };
  auto client = make_https_client(options);
  for (const char* url : {"http://example.com/x", "http://10.0.0.1:8080/", "http://[::2]/",
                          "http://127.0.0.1.example.com/"}) {
    auto sent = client->send(get(url));
    REQUIRE(!sent);
    CHECK(sent.error().kind == HttpErrorKind::insecure_url);
  }
  CHECK(resolved.empty());
  auto bad = client->send(get("ftp://example.com/"));
  REQUIRE(!bad);
  CHECK(bad.error().kind == HttpErrorKind::invalid_url);
  CHECK(drop::http_client::is_loopback_host("127.1.2.3"));
  CHECK(drop::http_client::is_loopback_host("[::1]"));
  CHECK(drop::http_client::is_loopback_host("LocalHost"));
  CHECK(!drop::http_client::is_loopback_host("128.0.0.1"));
  CHECK(!drop::http_client::is_loopback_host("127.0.0.256"));
  CHECK(!drop::http_client::is_loopback_host("localhost.evil.test"));
}

TEST_CASE("http client: https with the test CA by IP address and by name (with reuse)") {
  const TestCertificates& certificates = localhost_certificates();
  FakeHttpServer server(echo, {.tls = &certificates});
  HttpsClientOptions options;
  options.extra_ca_file = certificates.ca_file;
  auto client = make_https_client(options);
  for (int i = 0; i < 3; ++i) {
    auto by_address = client->send(get(server.base_url() + "/ip"));
    REQUIRE(by_address);
    CHECK(by_address->body == "/ip|");
  }
  CHECK(server.accepted_connections() == 1);
  auto by_name = client->send(get("https://localhost:" + std::to_string(server.port()) + "/name"));
  INFO((by_name ? std::string() : by_name.error().message));
  REQUIRE(by_name);
  CHECK(by_name->body == "/name|");
}

TEST_CASE("http client: a certificate from an unknown CA fails with tls") {
  FakeHttpServer server(echo, {.tls = &localhost_certificates()});
  auto client = make_https_client({});  // the system store only
  auto sent = client->send(get(server.base_url() + "/"));
  REQUIRE(!sent);
  CHECK(sent.error().kind == HttpErrorKind::tls);
  CHECK(sent.error().message.find("127.0.0.1") != std::string::npos);
  CHECK(server.requests().empty());
}

TEST_CASE("http client: a certificate for another host name fails with tls") {
  const TestCertificates other = TestCertificates::generate({"other.invalid"}, {});
  FakeHttpServer server(echo, {.tls = &other});
  HttpsClientOptions options;
  options.extra_ca_file = other.ca_file;
  auto client = make_https_client(options);
  for (const std::string host : {"localhost", "127.0.0.1"}) {
    auto sent = client->send(get("https://" + host + ":" + std::to_string(server.port()) + "/"));
    REQUIRE(!sent);
    CHECK(sent.error().kind == HttpErrorKind::tls);
  }
  CHECK(server.requests().empty());
}

TEST_CASE("http client: an unreadable CA file fails https requests with tls") {
  HttpsClientOptions options;
  options.extra_ca_file = "/nonexistent/drop-ca.pem";
  auto client = make_https_client(options);
  auto sent = client->send(get("https://127.0.0.1:1/"));
  REQUIRE(!sent);
  CHECK(sent.error().kind == HttpErrorKind::tls);
}

TEST_CASE("http client: connection refused fails with connect") {
  std::uint16_t port = 0;
  {
    FakeHttpServer gone(echo);
    port = gone.port();
  }
  auto client = make_https_client({});
  auto sent = client->send(get("http://127.0.0.1:" + std::to_string(port) + "/"));
  REQUIRE(!sent);
  CHECK(sent.error().kind == HttpErrorKind::connect);
  CHECK(sent.error().message.find("connect") != std::string::npos);
}

TEST_CASE("http client: a server slower than the deadline fails with timeout") {
  FakeHttpServer server(echo);
  server.set_misbehaviour({.delay_ms = 5'000});
  auto client = make_https_client({});
  HttpRequest request = get(server.base_url() + "/slow");
  request.timeout_ms = 200;
  auto sent = client->send(request);
  REQUIRE(!sent);
  CHECK(sent.error().kind == HttpErrorKind::timeout);
  CHECK(sent.error().message.find("/slow") == std::string::npos);  // no path in messages
}

TEST_CASE("http client: a server that never answers the TLS handshake fails with timeout") {
  FakeHttpServer server(echo, {.tls = &localhost_certificates()});
  server.set_misbehaviour({.silent = true});
  HttpsClientOptions options;
  options.extra_ca_file = localhost_certificates().ca_file;
  options.handshake_timeout_ms = 200;
  auto client = make_https_client(options);
  auto sent = client->send(get(server.base_url() + "/"));
  REQUIRE(!sent);
  CHECK(sent.error().kind == HttpErrorKind::timeout);
  CHECK(sent.error().message.find("tls handshake") != std::string::npos);
}

TEST_CASE("http client: a response over the size limit fails with too_large") {
  FakeHttpServer server(echo);
  HttpsClientOptions options;
  options.response_bytes_max = 4096;
  auto client = make_https_client(options);
  server.set_misbehaviour({.oversized_body_bytes = 5000});
  auto sized = client->send(get(server.base_url() + "/"));
  REQUIRE(!sized);
  CHECK(sized.error().kind == HttpErrorKind::too_large);
  server.set_misbehaviour({.oversized_body_bytes = 5000, .chunked = true});
  auto chunked = client->send(get(server.base_url() + "/"));
  REQUIRE(!chunked);
  CHECK(chunked.error().kind == HttpErrorKind::too_large);
  server.set_misbehaviour({.oversized_body_bytes = 3000});  // headers + body under 4096
  auto fits = client->send(get(server.base_url() + "/"));
  REQUIRE(fits);
  CHECK(fits->body.size() == 3000);
}

TEST_CASE("http client: chunked responses are decoded") {
  FakeHttpServer server(echo);
  server.set_misbehaviour({.chunked = true});
  auto client = make_https_client({});
  auto sent = client->send(get(server.base_url() + "/chunks"));
  REQUIRE(sent);
  CHECK(sent->body == "/chunks|");
  CHECK(sent->header("Transfer-Encoding") == "chunked");
}

TEST_CASE("http client: keep-alive connections are reused") {
  FakeHttpServer server(echo);
  auto client = make_https_client({});
  for (int i = 0; i < 10; ++i) REQUIRE(client->send(get(server.base_url() + "/again")));
  CHECK(server.accepted_connections() == 1);
  CHECK(server.requests().size() == 10);

  FakeHttpServer closing(echo, {.keep_alive = false});
  for (int i = 0; i < 3; ++i) REQUIRE(client->send(get(closing.base_url() + "/")));
  CHECK(closing.accepted_connections() == 3);
}

TEST_CASE("http client: a server that closes without answering fails with connect") {
  FakeHttpServer server(echo);
  server.set_misbehaviour({.close_without_answer = true});
  auto client = make_https_client({});
  HttpRequest post;
  post.method = "POST";
  post.url = server.base_url() + "/once";
  post.body = "x";
  auto sent = client->send(post);
  REQUIRE(!sent);
  CHECK(sent.error().kind == HttpErrorKind::connect);
  CHECK(server.requests().size() == 1);  // a fresh connection is never retried
}

TEST_CASE("http client: a pooled connection closed by the server is retried once on a new one") {
  FakeHttpServer server(echo);
  server.set_misbehaviour({.drop_reused = true});
  auto client = make_https_client({});
  REQUIRE(client->send(get(server.base_url() + "/first")));
  auto second = client->send(get(server.base_url() + "/second"));
  INFO((second ? std::string() : second.error().message));
  REQUIRE(second);
  CHECK(second->body == "/second|");
  CHECK(server.accepted_connections() == 2);
  CHECK(server.requests().size() == 3);  // the dropped one, then the retry
}

TEST_CASE("http client: the resilient decorator over the real client retries 503 on the wire") {
  int answered = 0;
  std::mutex mutex;
  FakeHttpServer server([&](const HttpRequest& request) {
    std::lock_guard lock(mutex);
    if (++answered < 3) return HttpResponse{503, {{"Retry-After", "0"}}, "busy"};
    return echo(request);
  });
  auto inner = make_https_client({});
  struct Clock final : drop::ports::Clock {
    drop::Timestamp now() const override { return drop::Timestamp{}; }
  } clock;
  struct Entropy final : drop::ports::Entropy {
    void fill(std::span<std::byte> bytes) override {
      for (auto& byte : bytes) byte = std::byte{0};
    }
  } entropy;
  std::vector<std::uint32_t> slept;
  drop::http_client::ResilientHttpClient client(
      *inner, {}, clock, entropy, [&slept](std::uint32_t ms) { slept.push_back(ms); });
  HttpRequest request = get(server.base_url() + "/retry");
  request.retry_safe = true;
  auto got = client.send(request);
  REQUIRE(got);
  CHECK(got->status == 200);
  CHECK(server.requests().size() == 3);
  CHECK(server.accepted_connections() == 1);  // retries reuse the kept-alive connection
  CHECK(slept == std::vector<std::uint32_t>{0, 0});
}
