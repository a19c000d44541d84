// The client's IP address for rate limiting (API.md "Rate limits"): the socket peer, or, behind
// `trusted_proxy_hops` proxies, the X-Forwarded-For entry that many places from the right (each
// trusted proxy appends the address it received from). Anything malformed -- too few entries,
// an entry that is not an IP address -- falls back to the socket peer, never to a value the
// client chose. Thread-safety: pure function.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace drop::http {

// forwarded_for: every X-Forwarded-For field of the request joined with ", " (or nullopt).
std::string client_ip(std::string_view socket_ip, std::optional<std::string_view> forwarded_for,
                      int trusted_proxy_hops);

// True for a textual IPv4 or IPv6 address (no port, no brackets).
bool is_ip_address(std::string_view text);

}  // namespace drop::http
