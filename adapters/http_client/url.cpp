#include "url.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>

#include "drop/adapters/http_client/https_client.hpp"

namespace drop::http_client {

namespace {

HttpError invalid(std::string reason) {
  return HttpError{HttpErrorKind::invalid_url, "invalid URL: " + std::move(reason)};
}

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

bool is_host_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '-' || c == '.';
}

}  // namespace

std::string ParsedUrl::origin() const {
  const bool bracket = host.find(':') != std::string::npos;
  return std::string(tls ? "https://" : "http://") + (bracket ? "[" + host + "]" : host) + ":" +
         std::to_string(port);
}

Result<ParsedUrl, HttpError> parse_url(std::string_view url) {
  for (char c : url) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte <= 0x20 || byte >= 0x7f) return Err{invalid("space or control character")};
  }
  ParsedUrl parsed;
  const std::size_t scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos) return Err{invalid("not absolute")};
  const std::string scheme = lower(url.substr(0, scheme_end));
  if (scheme != "https" && scheme != "http") return Err{invalid("scheme is not http(s)")};
  parsed.tls = scheme == "https";
  std::string_view rest = url.substr(scheme_end + 3);
  if (const std::size_t hash = rest.find('#'); hash != std::string_view::npos) {
    rest = rest.substr(0, hash);
  }
  const std::size_t target_start = rest.find_first_of("/?");
  std::string_view authority = rest.substr(0, target_start);
  parsed.target =
      target_start == std::string_view::npos ? "/" : std::string(rest.substr(target_start));
  if (parsed.target.front() == '?') parsed.target.insert(0, "/");
  if (authority.find('@') != std::string_view::npos) return Err{invalid("user-info not allowed")};
  std::string_view port_text;
  if (authority.starts_with("[")) {
    const std::size_t close = authority.find(']');
    if (close == std::string_view::npos) return Err{invalid("unclosed [")};
    parsed.host = lower(authority.substr(1, close - 1));
    if (parsed.host.empty() ||
        parsed.host.find_first_not_of("0123456789abcdef:.") != std::string::npos)
      return Err{invalid("bad IPv6 host")};
    std::string_view after = authority.substr(close + 1);
    if (!after.empty()) {
      if (after.front() != ':') return Err{invalid("junk after ]")};
      port_text = after.substr(1);
      if (port_text.empty()) return Err{invalid("empty port")};
    }
  } else {
    const std::size_t colon = authority.find(':');
    parsed.host = lower(authority.substr(0, colon));
    if (colon != std::string_view::npos) {
      port_text = authority.substr(colon + 1);
      if (port_text.empty()) return Err{invalid("empty port")};
    }
    if (parsed.host.empty() || !std::all_of(parsed.host.begin(), parsed.host.end(), is_host_char))
      return Err{invalid("bad host")};
  }
  parsed.port = parsed.tls ? 443 : 80;
  if (!port_text.empty()) {
    unsigned value = 0;
    const auto [end, error] =
        std::from_chars(port_text.data(), port_text.data() + port_text.size(), value);
    if (error != std::errc() || end != port_text.data() + port_text.size() || value == 0 ||
        value > 65535 || port_text.size() > 5)
      return Err{invalid("bad port")};
    parsed.port = static_cast<std::uint16_t>(value);
  }
  const bool bracket = parsed.host.find(':') != std::string::npos;
  parsed.host_header = bracket ? "[" + parsed.host + "]" : parsed.host;
  if (parsed.port != (parsed.tls ? 443 : 80))
    parsed.host_header += ":" + std::to_string(parsed.port);
  return parsed;
}

bool is_loopback_host(std::string_view host) {
  std::string text = lower(host);
  if (text.starts_with("[") && text.ends_with("]")) text = text.substr(1, text.size() - 2);
  if (text == "localhost" || text == "::1" || text == "0:0:0:0:0:0:0:1") return true;
  // 127.a.b.c with four decimal octets 0..255.
  int octets = 0;
  std::size_t position = 0;
  int first = -1;
  while (position <= text.size()) {
    const std::size_t dot = std::min(text.find('.', position), text.size());
    const std::string_view part = std::string_view(text).substr(position, dot - position);
    unsigned value = 0;
    const auto [end, error] = std::from_chars(part.data(), part.data() + part.size(), value);
    if (part.empty() || part.size() > 3 || error != std::errc() ||
        end != part.data() + part.size() || value > 255)
      return false;
    if (octets == 0) first = static_cast<int>(value);
    ++octets;
    position = dot + 1;
  }
  return octets == 4 && first == 127;
}

bool is_allowed_url(std::string_view url) {
  auto parsed = parse_url(url);
  return parsed && (parsed->tls || is_loopback_host(parsed->host));
}

}  // namespace drop::http_client
