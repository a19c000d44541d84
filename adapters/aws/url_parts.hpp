// Splits an absolute URL into the parts SigV4 and endpoint handling need (private to the
// adapter). Grammar: scheme "://" [userinfo "@"] host [":" port] [path] ["?" query] ["#" frag].
// Thread-safety: pure functions.
#pragma once

#include <string_view>

namespace drop::adapters::aws {

struct UrlParts {
  std::string_view scheme;     // "https"
  std::string_view authority;  // "host:port" (userinfo removed)
  std::string_view host;       // "host" (IPv6 keeps its brackets)
  std::string_view port;       // "" when absent
  std::string_view path;       // "/a/b" ("" when absent)
  std::string_view query;      // "x=1" (without '?')
};

// False when `url` has no "scheme://" or an empty host.
bool split_url(std::string_view url, UrlParts& parts);

}  // namespace drop::adapters::aws
