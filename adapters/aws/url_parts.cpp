#include "url_parts.hpp"

namespace drop::adapters::aws {

bool split_url(std::string_view url, UrlParts& parts) {
  parts = UrlParts{};
  const std::size_t scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos || scheme_end == 0) return false;
  parts.scheme = url.substr(0, scheme_end);
  std::string_view rest = url.substr(scheme_end + 3);
  if (const std::size_t fragment = rest.find('#'); fragment != std::string_view::npos) {
    rest = rest.substr(0, fragment);
  }
  const std::size_t authority_end = rest.find_first_of("/?");
  std::string_view authority = rest.substr(0, authority_end);
  if (const std::size_t at = authority.rfind('@'); at != std::string_view::npos) {
    authority = authority.substr(at + 1);
  }
  parts.authority = authority;
  if (authority.starts_with('[')) {
    const std::size_t close = authority.find(']');
    if (close == std::string_view::npos) return false;
    parts.host = authority.substr(0, close + 1);
    if (close + 1 < authority.size() && authority[close + 1] == ':') {
      parts.port = authority.substr(close + 2);
    }
  } else {
    const std::size_t colon = authority.find(':');
    parts.host = authority.substr(0, colon);
    if (colon != std::string_view::npos) parts.port = authority.substr(colon + 1);
  }
  if (parts.host.empty()) return false;
  if (authority_end == std::string_view::npos) return true;
  std::string_view target = rest.substr(authority_end);
  const std::size_t question = target.find('?');
  parts.path = target.substr(0, question);
  if (question != std::string_view::npos) parts.query = target.substr(question + 1);
  return true;
}

}  // namespace drop::adapters::aws
