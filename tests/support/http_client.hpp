// A small blocking HTTP/1.1 client over plain sockets for tests that drive the real server:
// one connection, requests written as given, responses read by Content-Length (the server
// always sends one). Not a general client: no chunked encoding, no TLS.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace drop_test {

struct HttpResponse {
  int status = 0;  // 0: no response (connection closed or failed)
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;

  std::optional<std::string> header(std::string_view name) const {
    for (const auto& [key, value] : headers) {
      if (key.size() == name.size() &&
          std::equal(key.begin(), key.end(), name.begin(), [](char a, char b) {
            return std::tolower(static_cast<unsigned char>(a)) ==
                   std::tolower(static_cast<unsigned char>(b));
          })) {
        return value;
      }
    }
    return std::nullopt;
  }
};

class HttpConnection {
 public:
  explicit HttpConnection(std::uint16_t port, int timeout_s = 20) {
    descriptor_ = ::socket(AF_INET, SOCK_STREAM, 0);
    timeval timeout{timeout_s, 0};
    ::setsockopt(descriptor_, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    int one = 1;
    ::setsockopt(descriptor_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    connected_ = ::connect(descriptor_, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
  }
  ~HttpConnection() {
    if (descriptor_ >= 0) ::close(descriptor_);
  }
  HttpConnection(const HttpConnection&) = delete;
  HttpConnection& operator=(const HttpConnection&) = delete;

  bool connected() const { return connected_; }

  bool send_raw(std::string_view bytes) {
    while (!bytes.empty()) {
      const ssize_t count = ::send(descriptor_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
      if (count <= 0) return false;
      bytes.remove_prefix(static_cast<std::size_t>(count));
    }
    return true;
  }

  static std::string format(std::string_view method, std::string_view target,
                            const std::vector<std::pair<std::string, std::string>>& headers,
                            std::string_view body) {
    std::string text = std::string(method) + " " + std::string(target) + " HTTP/1.1\r\n";
    text += "Host: 127.0.0.1\r\n";
    for (const auto& [name, value] : headers) text += name + ": " + value + "\r\n";
    if (!body.empty() || method == "POST")
      text += "Content-Length: " + std::to_string(body.size()) + "\r\n";
    text += "\r\n";
    text += body;
    return text;
  }

  HttpResponse request(std::string_view method, std::string_view target,
                       const std::vector<std::pair<std::string, std::string>>& headers = {},
                       std::string_view body = {}) {
    if (!send_raw(format(method, target, headers, body))) return {};
    return read_response(method == "HEAD");
  }

  // Reads one response (after send_raw).
  HttpResponse read_response(bool head = false) {
    HttpResponse response;
    std::size_t header_end = std::string::npos;
    while ((header_end = buffer_.find("\r\n\r\n")) == std::string::npos) {
      if (!fill()) return response;
    }
    const std::string head_text = buffer_.substr(0, header_end);
    buffer_.erase(0, header_end + 4);
    std::size_t line_end = head_text.find("\r\n");
    const std::string status_line = head_text.substr(0, line_end);
    if (status_line.size() < 12) return response;
    response.status = std::stoi(status_line.substr(9, 3));
    std::size_t length = 0;
    while (line_end != std::string::npos) {
      const std::size_t start = line_end + 2;
      line_end = head_text.find("\r\n", start);
      const std::string line = head_text.substr(
          start, line_end == std::string::npos ? std::string::npos : line_end - start);
      const auto colon = line.find(':');
      if (colon == std::string::npos) continue;
      std::string value = line.substr(colon + 1);
      while (!value.empty() && value.front() == ' ') value.erase(0, 1);
      response.headers.emplace_back(line.substr(0, colon), value);
    }
    if (auto content_length = response.header("Content-Length"); content_length && !head) {
      length = std::stoul(*content_length);
    }
    while (buffer_.size() < length) {
      if (!fill()) {
        response.status = 0;
        return response;
      }
    }
    response.body = buffer_.substr(0, length);
    buffer_.erase(0, length);
    return response;
  }

  // True when the server closed the connection (reads EOF) within the receive timeout.
  // Closes the sending side (the server sees end of stream after what was sent).
  void shut_down_sending() { ::shutdown(descriptor_, SHUT_WR); }

  // Everything the server sends until it closes the connection or the receive timeout passes.
  std::string read_until_closed() {
    std::string all = std::move(buffer_);
    buffer_.clear();
    char chunk[16384];
    while (true) {
      const ssize_t count = ::recv(descriptor_, chunk, sizeof chunk, 0);
      if (count <= 0) return all;
      all.append(chunk, static_cast<std::size_t>(count));
    }
  }

  bool closed_by_server() {
    if (!buffer_.empty()) return false;
    char byte;
    return ::recv(descriptor_, &byte, 1, 0) == 0;
  }

 private:
  bool fill() {
    char chunk[16384];
    const ssize_t count = ::recv(descriptor_, chunk, sizeof chunk, 0);
    if (count <= 0) return false;
    buffer_.append(chunk, static_cast<std::size_t>(count));
    return true;
  }

  int descriptor_ = -1;
  bool connected_ = false;
  std::string buffer_;
};

// One request on a fresh connection.
inline HttpResponse http_request(
    std::uint16_t port, std::string_view method, std::string_view target,
    const std::vector<std::pair<std::string, std::string>>& headers = {},
    std::string_view body = {}) {
  HttpConnection connection(port);
  if (!connection.connected()) return {};
  return connection.request(method, target, headers, body);
}

}  // namespace drop_test
