// Absolute http(s) URLs as the outbound client accepts them (private to the adapter).
//
// Grammar (a subset of RFC 3986; no user-info, no percent-encoded host):
//   url    = scheme "://" host [ ":" port ] [ target ] [ "#" fragment ]
//   scheme = "http" / "https"                 (case-insensitive)
//   host   = 1*( ALPHA / DIGIT / "-" / "." )  / "[" IPv6 "]"
//   port   = 1*5DIGIT                         (1..65535; default 80 / 443)
//   target = ( "/" / "?" ) *VCHAR             (origin form; "/" when absent)
// Spaces, control characters and bytes >= 0x80 anywhere are refused. The fragment is dropped.
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "drop/adapters/http_client/http_client.hpp"

namespace drop::http_client {

struct ParsedUrl {
  bool tls = true;
  std::string host;         // without brackets, lower case: "api.example.com", "::1"
  std::uint16_t port = 0;   // explicit or the scheme's default
  std::string host_header;  // "host", "host:8443", "[::1]:8080"
  std::string target;       // "/path?query"

  // "https://host:port": the pool key and how errors name the service (no path or query).
  std::string origin() const;
};

// The parsed URL, or invalid_url (the message never repeats the URL: it may hold a secret).
Result<ParsedUrl, HttpError> parse_url(std::string_view url);

}  // namespace drop::http_client
