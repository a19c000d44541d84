// The canonical forms of SigV4 (grammar in sigv4.hpp): URI, query, header values, Host.
#include <algorithm>
#include <cctype>
#include <utility>
#include <vector>

#include "drop/adapters/aws/sigv4.hpp"
#include "url_parts.hpp"

namespace drop::adapters::aws {

namespace {

bool is_unreserved(unsigned char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '.' || c == '_' || c == '~';
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// %XX escapes decoded; a malformed escape is kept as it is.
std::string percent_decode(std::string_view text) {
  std::string decoded;
  decoded.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size()) {
      const int high = hex_value(text[i + 1]);
      const int low = hex_value(text[i + 2]);
      if (high >= 0 && low >= 0) {
        decoded.push_back(static_cast<char>(high * 16 + low));
        i += 2;
        continue;
      }
    }
    decoded.push_back(text[i]);
  }
  return decoded;
}

// RFC 3986 5.2.4 on a path, plus empty segments ("//") dropped; keeps a trailing slash.
std::string normalize_path(std::string_view path) {
  std::vector<std::string_view> segments;
  std::size_t start = 0;
  while (start <= path.size()) {
    const std::size_t end = std::min(path.find('/', start), path.size());
    const std::string_view segment = path.substr(start, end - start);
    if (segment == "..") {
      if (!segments.empty()) segments.pop_back();
    } else if (!segment.empty() && segment != ".") {
      segments.push_back(segment);
    }
    start = end + 1;
  }
  std::string normalized;
  for (const std::string_view segment : segments) {
    normalized += '/';
    normalized += segment;
  }
  const bool trailing = path.ends_with('/') || path.ends_with("/.") || path.ends_with("/..");
  if (normalized.empty() || trailing) normalized += '/';
  return normalized;
}

}  // namespace

std::string uri_encode(std::string_view text, bool keep_slash) {
  static constexpr char digits[] = "0123456789ABCDEF";
  std::string encoded;
  encoded.reserve(text.size());
  for (const char each : text) {
    const auto c = static_cast<unsigned char>(each);
    if (is_unreserved(c) || (keep_slash && c == '/')) {
      encoded.push_back(each);
    } else {
      encoded.push_back('%');
      encoded.push_back(digits[c >> 4]);
      encoded.push_back(digits[c & 0x0F]);
    }
  }
  return encoded;
}

std::string canonical_uri(std::string_view path) {
  return uri_encode(normalize_path(path), /*keep_slash=*/true);
}

std::string canonical_query(std::string_view query) {
  std::vector<std::pair<std::string, std::string>> parameters;
  std::size_t start = 0;
  while (start <= query.size()) {
    const std::size_t end = std::min(query.find('&', start), query.size());
    const std::string_view parameter = query.substr(start, end - start);
    if (!parameter.empty()) {
      const std::size_t equals = parameter.find('=');
      const std::string_view name = parameter.substr(0, equals);
      const std::string_view value =
          equals == std::string_view::npos ? std::string_view() : parameter.substr(equals + 1);
      parameters.emplace_back(uri_encode(percent_decode(name), false),
                              uri_encode(percent_decode(value), false));
    }
    start = end + 1;
  }
  std::sort(parameters.begin(), parameters.end());
  std::string canonical;
  for (const auto& [name, value] : parameters) {
    if (!canonical.empty()) canonical += '&';
    canonical += name;
    canonical += '=';
    canonical += value;
  }
  return canonical;
}

std::string canonical_header_value(std::string_view value) {
  const auto blank = [](char c) { return c == ' ' || c == '\t'; };
  std::string canonical;
  canonical.reserve(value.size());
  bool pending_space = false;
  for (const char c : value) {
    if (blank(c)) {
      pending_space = !canonical.empty();
      continue;
    }
    if (pending_space) canonical.push_back(' ');
    pending_space = false;
    canonical.push_back(c);
  }
  return canonical;
}

std::string host_of_url(std::string_view url) {
  UrlParts parts;
  if (!split_url(url, parts)) return {};
  const bool default_port = (parts.scheme == "https" && parts.port == "443") ||
                            (parts.scheme == "http" && parts.port == "80");
  std::string host(parts.host);
  if (!parts.port.empty() && !default_port) host += ":" + std::string(parts.port);
  for (char& c : host) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return host;
}

}  // namespace drop::adapters::aws
