#include "http/client_ip.hpp"

#include <arpa/inet.h>

#include <vector>

namespace drop::http {

namespace {

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

}  // namespace

bool is_ip_address(std::string_view text) {
  if (text.empty() || text.size() > 45) return false;
  const std::string copy(text);
  unsigned char buffer[16];
  return inet_pton(AF_INET, copy.c_str(), buffer) == 1 ||
         inet_pton(AF_INET6, copy.c_str(), buffer) == 1;
}

std::string client_ip(std::string_view socket_ip, std::optional<std::string_view> forwarded_for,
                      int trusted_proxy_hops) {
  if (trusted_proxy_hops <= 0 || !forwarded_for) return std::string(socket_ip);
  std::vector<std::string_view> entries;
  std::string_view rest = *forwarded_for;
  while (true) {
    const auto comma = rest.find(',');
    entries.push_back(trim(rest.substr(0, comma)));
    if (comma == std::string_view::npos) break;
    rest.remove_prefix(comma + 1);
  }
  if (entries.size() < static_cast<std::size_t>(trusted_proxy_hops)) return std::string(socket_ip);
  const std::string_view chosen =
      entries[entries.size() - static_cast<std::size_t>(trusted_proxy_hops)];
  if (!is_ip_address(chosen)) return std::string(socket_ip);
  return std::string(chosen);
}

}  // namespace drop::http
