// make_https_client(): request building, the deadline plan, and the keep-alive pool over
// Connection (connection.cpp). See https_client.hpp for the rules.
#include "drop/adapters/http_client/https_client.hpp"

#include <openssl/ssl.h>

#include <algorithm>
#include <boost/asio/ssl/context.hpp>
#include <boost/beast/http/verb.hpp>
#include <map>
#include <mutex>
#include <vector>

#include "connection.hpp"
#include "url.hpp"

namespace drop::http_client {

namespace http = boost::beast::http;
using std::chrono::milliseconds;
using std::chrono::steady_clock;

namespace {

bool is_token(std::string_view text) {
  static constexpr std::string_view extra = "!#$%&'*+-.^_`|~";
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || extra.find(c) != extra.npos;
  });
}

bool is_field_value(std::string_view text) {
  return std::none_of(text.begin(), text.end(), [](char c) {
    const auto byte = static_cast<unsigned char>(c);
    return byte == '\r' || byte == '\n' || byte == 0 || (byte < 0x20 && byte != '\t') ||
           byte == 0x7f;
  });
}

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

// The request as written: Host, the caller's headers in order, User-Agent (unless given),
// Content-Length (when there is a body or the method usually has one). Refuses a method or
// header that is not valid HTTP/1.1 or that the client owns (Host, Content-Length,
// Transfer-Encoding), naming only the header.
Result<BeastRequest, HttpError> build_request(const HttpRequest& request, const ParsedUrl& url,
                                              const std::string& user_agent) {
  const auto refuse = [&](std::string what) {
    return HttpError{HttpErrorKind::protocol, url.origin() + ": request: " + std::move(what)};
  };
  if (!is_token(request.method)) return Err{refuse("invalid method")};
  BeastRequest message;
  message.version(11);
  const http::verb verb = http::string_to_verb(request.method);
  if (verb == http::verb::unknown) {
    message.method_string(request.method);
  } else {
    message.method(verb);
  }
  message.target(url.target);
  message.set(http::field::host, url.host_header);
  bool has_user_agent = false;
  for (const HttpHeader& header : request.headers) {
    if (!is_token(header.name)) return Err{refuse("invalid header name")};
    if (!is_field_value(header.value)) return Err{refuse("header " + header.name + ": bad value")};
    if (iequals(header.name, "Host") || iequals(header.name, "Content-Length") ||
        iequals(header.name, "Transfer-Encoding")) {
      return Err{refuse("header " + header.name + " is set by the client")};
    }
    has_user_agent = has_user_agent || iequals(header.name, "User-Agent");
    message.insert(header.name, header.value);
  }
  if (!has_user_agent) message.insert(http::field::user_agent, user_agent);
  const bool body_method =
      verb == http::verb::post || verb == http::verb::put || verb == http::verb::patch;
  if (!request.body.empty() || body_method) message.content_length(request.body.size());
  message.body() = request.body;
  return message;
}

class HttpsClient final : public HttpClient {
 public:
  // The trust store (about 140 certificates to parse) is loaded on the first https request,
  // not here: a program that never calls out over TLS does not pay for it at start-up. Plain
  // http connections (loopback fakes) use a context that holds no trust at all.
  explicit HttpsClient(const HttpsClientOptions& options)
      : options_(options), plain_context_(boost::asio::ssl::context::tls_client) {}

  boost::asio::ssl::context& tls_context() {
    std::call_once(tls_once_, [this] {
      tls_context_ =
          std::make_unique<boost::asio::ssl::context>(boost::asio::ssl::context::tls_client);
      boost::system::error_code failed;
      tls_context_->set_default_verify_paths(failed);
      SSL_CTX_set_min_proto_version(tls_context_->native_handle(), TLS1_2_VERSION);
      tls_context_->set_verify_mode(boost::asio::ssl::verify_peer);
      if (!options_.extra_ca_file.empty()) {
        tls_context_->load_verify_file(options_.extra_ca_file, failed);
        if (failed) trust_error_ = "cannot load the CA file " + options_.extra_ca_file;
      }
    });
    return *tls_context_;
  }

  Result<HttpResponse, HttpError> send(const HttpRequest& request) override {
    const steady_clock::time_point start = steady_clock::now();
    auto url = parse_url(request.url);
    if (!url) return Err{url.error()};
    const bool listed =
        std::find(options_.plain_http_hosts.begin(), options_.plain_http_hosts.end(), url->host) !=
        options_.plain_http_hosts.end();
    if (!url->tls && !is_loopback_host(url->host) && !listed) {
      return Err{HttpError{HttpErrorKind::insecure_url,
                           url->origin() + ": plain http is allowed only to loopback hosts"}};
    }
    boost::asio::ssl::context& context = url->tls ? tls_context() : plain_context_;
    if (url->tls && !trust_error_.empty()) {
      return Err{HttpError{HttpErrorKind::tls, url->origin() + ": " + trust_error_}};
    }
    auto message = build_request(request, *url, options_.user_agent);
    if (!message) return Err{message.error()};
    const std::uint32_t timeout_ms =
        request.timeout_ms != 0 ? request.timeout_ms : options_.exchange_timeout_ms;
    const steady_clock::time_point deadline = start + milliseconds(timeout_ms);
    const std::string key = url->origin();
    for (int attempt = 0; attempt < 2; ++attempt) {
      std::unique_ptr<Connection> connection = attempt == 0 ? take_idle(key) : nullptr;
      const bool reused = connection != nullptr;
      if (!connection) {
        connection = std::make_unique<Connection>(context, *url, listed);
        const steady_clock::time_point now = steady_clock::now();
        const OpenDeadlines deadlines{
            std::min(deadline, now + milliseconds(options_.connect_timeout_ms)),
            milliseconds(options_.handshake_timeout_ms), deadline};
        if (auto opened = connection->open(deadlines, options_.before_resolve); !opened) {
          return Err{opened.error()};
        }
      }
      ExchangeOutcome outcome =
          connection->exchange(*message, deadline, options_.response_bytes_max);
      if (outcome.result) {
        if (outcome.reusable) give_back(key, std::move(connection));
        return std::move(outcome.result);
      }
      if (!(reused && outcome.closed_before_response)) return std::move(outcome.result);
      // A pooled connection the peer had closed: once more on a fresh one.
    }
    return Err{HttpError{HttpErrorKind::connect, key + ": connection closed before any response"}};
  }

 private:
  std::unique_ptr<Connection> take_idle(const std::string& key) {
    std::lock_guard lock(mutex_);
    auto found = idle_.find(key);
    if (found == idle_.end()) return nullptr;
    auto& list = found->second;
    const steady_clock::time_point oldest_usable =
        steady_clock::now() - milliseconds(options_.idle_keepalive_ms);
    while (!list.empty()) {
      std::unique_ptr<Connection> candidate = std::move(list.back());
      list.pop_back();
      if (candidate->idle_since >= oldest_usable && candidate->looks_alive()) return candidate;
    }
    return nullptr;
  }

  void give_back(const std::string& key, std::unique_ptr<Connection> connection) {
    if (options_.idle_connections_per_origin_max == 0) return;
    connection->idle_since = steady_clock::now();
    std::lock_guard lock(mutex_);
    auto& list = idle_[key];
    if (list.size() >= options_.idle_connections_per_origin_max) list.erase(list.begin());
    list.push_back(std::move(connection));
  }

  const HttpsClientOptions options_;
  boost::asio::ssl::context plain_context_;
  std::once_flag tls_once_;
  std::unique_ptr<boost::asio::ssl::context> tls_context_;  // made by tls_context()
  std::string trust_error_;  // written once inside tls_once_, read after it
  std::mutex mutex_;
  std::map<std::string, std::vector<std::unique_ptr<Connection>>> idle_;
};

}  // namespace

std::unique_ptr<HttpClient> make_https_client(const HttpsClientOptions& options) {
  return std::make_unique<HttpsClient>(options);
}

}  // namespace drop::http_client
