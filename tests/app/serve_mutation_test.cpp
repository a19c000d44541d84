// `drop serve` against mutated, truncated and split HTTP/1.1 input (a fixed-seed smoke run, like
// the QR decoders' fuzz smoke test): whatever arrives, the server answers with 2xx/4xx or
// closes the connection, never a 5xx and never a crash, and it still serves afterwards.
#include <sys/socket.h>

#include <catch2/catch.hpp>
#include <random>
#include <string>
#include <vector>

#include "serve_support.hpp"

using namespace drop_test;

namespace {

// Valid requests the mutations start from: inline and worker-pool routes, a body, chunked
// encoding, HEAD and a query.
const std::vector<std::string>& templates() {
  static const std::vector<std::string> requests = {
      "GET /api/health HTTP/1.1\r\nHost: x\r\n\r\n",
      "POST /api/auth/dev-login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
      "Content-Length: 14\r\n\r\n{\"name\":\"Ola\"}",
      "GET /api/rates?base=EUR HTTP/1.1\r\nHost: x\r\n\r\n",
      "POST /api/quotes HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n"
      "Content-Type: application/json\r\n\r\n5\r\nhello\r\n0\r\n\r\n",
      "HEAD /api/health HTTP/1.1\r\nHost: x\r\nConnection: keep-alive\r\n\r\n",
      "GET /api/me HTTP/1.0\r\nAuthorization: Bearer x.y.z\r\n\r\n"};
  return requests;
}

std::string mutate(std::string text, std::mt19937& random) {
  std::uniform_int_distribution<int> byte(0, 255);
  const int edits = std::uniform_int_distribution<int>(0, 4)(random);
  for (int edit = 0; edit < edits && !text.empty(); ++edit) {
    const std::size_t at = std::uniform_int_distribution<std::size_t>(0, text.size() - 1)(random);
    switch (std::uniform_int_distribution<int>(0, 3)(random)) {
      case 0:
        text[at] = static_cast<char>(byte(random));
        break;
      case 1:
        text.insert(at, std::string(std::uniform_int_distribution<std::size_t>(1, 8)(random),
                                    static_cast<char>(byte(random))));
        break;
      case 2:
        text.erase(at, std::uniform_int_distribution<std::size_t>(1, 8)(random));
        break;
      default:
        text.insert(at, "\r\n");
        break;
    }
  }
  return text;
}

// Status codes of every response in `bytes` (status lines at the start of a line).
std::vector<int> statuses(const std::string& bytes) {
  std::vector<int> found;
  for (std::size_t at = bytes.find("HTTP/1.1 "); at != std::string::npos;
       at = bytes.find("HTTP/1.1 ", at + 1)) {
    if (at != 0 && bytes[at - 1] != '\n') continue;
    if (at + 12 <= bytes.size()) found.push_back(std::atoi(bytes.substr(at + 9, 3).c_str()));
  }
  return found;
}

}  // namespace

TEST_CASE("serve: mutated, truncated and split requests never crash the server or answer 5xx") {
  ServerProcess server(
      {"JWT_SECRET=" + test_jwt_secret, "DROP_ENV=development", "DROP_READ_TIMEOUT_MS=200"});
  REQUIRE(server.port() != 0);
  std::mt19937 random(20261130);
  int answered = 0;
  for (int round = 0; round < 200; ++round) {
    std::string input;
    const int requests = std::uniform_int_distribution<int>(1, 6)(random);
    for (int i = 0; i < requests; ++i) {
      const auto& base = templates()[std::uniform_int_distribution<std::size_t>(
          0, templates().size() - 1)(random)];
      input += std::bernoulli_distribution(0.7)(random) ? mutate(base, random) : base;
    }
    if (std::bernoulli_distribution(0.3)(random)) {
      input.resize(std::uniform_int_distribution<std::size_t>(0, input.size())(random));
    }
    HttpConnection connection(server.port(), 2);
    REQUIRE(connection.connected());
    // Sent in random pieces; then, half the time, the sending side is closed.
    std::size_t sent = 0;
    while (sent < input.size()) {
      const std::size_t piece =
          std::uniform_int_distribution<std::size_t>(1, input.size() - sent)(random);
      if (!connection.send_raw(std::string_view(input).substr(sent, piece))) break;
      sent += piece;
    }
    if (std::bernoulli_distribution(0.5)(random)) connection.shut_down_sending();
    const std::string received = connection.read_until_closed();
    for (int status : statuses(received)) {
      CHECK(status >= 200);
      CHECK(status < 500);
      ++answered;
    }
  }
  CHECK(answered > 50);  // the run exercised answers, not only refusals to parse
  CHECK(http_request(server.port(), "GET", "/api/health").status == 200);
  CHECK(server.err().find("\"level\":\"error\"") == std::string::npos);
}
