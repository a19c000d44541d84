// Client IP extraction without sockets: the socket peer by default; with N trusted proxy hops,
// the X-Forwarded-For entry N from the right; malformed headers fall back to the socket peer.
#include "http/client_ip.hpp"

#include <catch2/catch.hpp>

using drop::http::client_ip;

TEST_CASE("client ip: socket peer unless proxies are trusted") {
  CHECK(client_ip("10.0.0.9", std::nullopt, 0) == "10.0.0.9");
  CHECK(client_ip("10.0.0.9", "203.0.113.7", 0) == "10.0.0.9");
  CHECK(client_ip("10.0.0.9", std::nullopt, 1) == "10.0.0.9");
}

TEST_CASE("client ip: the entry N from the right") {
  CHECK(client_ip("10.0.0.9", "203.0.113.7", 1) == "203.0.113.7");
  CHECK(client_ip("10.0.0.9", "1.1.1.1, 203.0.113.7", 1) == "203.0.113.7");
  CHECK(client_ip("10.0.0.9", "1.1.1.1, 203.0.113.7, 10.0.0.2", 2) == "203.0.113.7");
  CHECK(client_ip("10.0.0.9", "spoofed, 2001:db8::1", 1) == "2001:db8::1");
  // A client-supplied prefix cannot choose the result.
  CHECK(client_ip("10.0.0.9", "6.6.6.6,203.0.113.7", 1) == "203.0.113.7");
}

TEST_CASE("client ip: malformed headers fall back to the socket peer") {
  CHECK(client_ip("10.0.0.9", "", 1) == "10.0.0.9");
  CHECK(client_ip("10.0.0.9", "203.0.113.7", 2) == "10.0.0.9");
  CHECK(client_ip("10.0.0.9", "1.1.1.1, not-an-ip", 1) == "10.0.0.9");
  CHECK(client_ip("10.0.0.9", "1.1.1.1, 203.0.113.7:443", 1) == "10.0.0.9");
  CHECK(client_ip("10.0.0.9", "1.1.1.1,,", 1) == "10.0.0.9");
  CHECK(client_ip("10.0.0.9", "[2001:db8::1]", 1) == "10.0.0.9");
  CHECK(client_ip("10.0.0.9", std::string(300, '1'), 1) == "10.0.0.9");
}
