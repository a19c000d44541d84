#include "drop/adapters/bankid/bankid_provider.hpp"

#include <array>
#include <cctype>
#include <cstddef>

#include "drop/adapters/bankid/client_assertion.hpp"
#include "drop/adapters/bankid/crypto.hpp"
#include "drop/adapters/bankid/form.hpp"
#include "drop/adapters/bankid/id_token_verifier.hpp"
#include "drop/identity/base64url.hpp"
#include "drop/limits.hpp"

namespace drop::adapters::bankid {

using ports::SignInFailure;
using ports::SignInRefusal;

namespace {

SignInFailure failure(SignInRefusal refusal, std::string message) {
  return SignInFailure{refusal, std::nullopt, std::move(message)};
}

// Codes and states come from the browser: bound them before they reach storage or the provider.
constexpr std::size_t state_bytes_max = 128;
constexpr std::size_t code_bytes_max = 2048;

}  // namespace

BankIdProvider::BankIdProvider(BankIdConfig config, http_client::HttpClient& client,
                               ports::SignInStateStore& states, const ports::Clock& clock,
                               ports::Entropy& entropy)
    : config_(std::move(config)),
      client_(client),
      states_(states),
      clock_(clock),
      entropy_(entropy),
      cache_(client, clock, config_.issuer, config_.timeout_ms) {
  if (!config_.client_assertion_key_pem.empty()) {
    assertion_key_ = RsaPrivateKey::from_pem(config_.client_assertion_key_pem);
  }
}

std::string BankIdProvider::random_token() {
  std::array<std::byte, limits::sign_in_random_bytes> bytes{};
  entropy_.fill(bytes);
  return identity::encode_base64url(
      std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()));
}

Result<ports::SignInStart, SignInFailure> BankIdProvider::begin_sign_in() {
  auto metadata = cache_.metadata();
  if (!metadata) return Err{failure(SignInRefusal::unavailable, metadata.error())};
  const Timestamp now = clock_.now();
  // Sign-ins that were never finished: swept now and then, not on every start.
  if (starts_.fetch_add(1) % 16 == 0) (void)states_.purge_expired(now);
  ports::PendingSignIn pending{random_token(), random_token(), random_token(),
                               now.plus_seconds(limits::sign_in_state_lifetime_s)};
  if (auto stored = states_.put(pending); !stored) {
    return Err{failure(SignInRefusal::unavailable, "sign-in state: " + stored.error().message)};
  }
  const std::string challenge = pkce_challenge_s256(pending.code_verifier);
  const std::string& endpoint = metadata->authorization_endpoint;
  std::string url = endpoint + (endpoint.find('?') == std::string::npos ? "?" : "&");
  url += form_body({{"response_type", "code"},
                    {"client_id", config_.client_id},
                    {"redirect_uri", config_.redirect_uri},
                    {"scope", config_.scope},
                    {"state", pending.state},
                    {"nonce", pending.nonce},
                    {"code_challenge", challenge},
                    {"code_challenge_method", "S256"}});
  return ports::SignInStart{std::move(url), pending.state};
}

Result<std::string, SignInFailure> BankIdProvider::exchange_code(const ProviderMetadata& metadata,
                                                                 std::string_view code,
                                                                 const std::string& code_verifier) {
  http_client::HttpRequest request;
  request.method = "POST";
  request.url = metadata.token_endpoint;
  std::vector<std::pair<std::string_view, std::string_view>> fields = {
      {"grant_type", "authorization_code"},
      {"code", code},
      {"redirect_uri", config_.redirect_uri},
      {"code_verifier", code_verifier}};
  std::string assertion;
  if (config_.client_assertion_key_pem.empty()) {
    request.headers.push_back(
        {"Authorization", basic_authorization(config_.client_id, config_.client_secret)});
  } else {
    auto signed_assertion =
        assertion_key_ ? make_client_assertion(*assertion_key_, config_.client_assertion_kid,
                                               config_.client_id, metadata.token_endpoint,
                                               random_token(), clock_.now())
                       : std::nullopt;
    if (!signed_assertion) {
      return Err{failure(SignInRefusal::unavailable, "client assertion key unusable")};
    }
    assertion = std::move(*signed_assertion);
    fields.push_back({"client_id", config_.client_id});
    fields.push_back({"client_assertion_type", client_assertion_type});
    fields.push_back({"client_assertion", assertion});
  }
  request.headers.push_back({"Content-Type", "application/x-www-form-urlencoded"});
  request.headers.push_back({"Accept", "application/json"});
  request.body = form_body(fields);
  request.timeout_ms = config_.timeout_ms;
  request.retry_safe = false;  // a code is single-use: never send it twice
  auto response = client_.send(request);
  if (!response) {
    return Err{
        failure(SignInRefusal::unavailable,
                "token endpoint: " + std::string(http_client::to_string(response.error().kind)))};
  }
  const unsigned status = response->status;
  if (status >= 500 || status == 429) {
    return Err{
        failure(SignInRefusal::unavailable, "token endpoint: status " + std::to_string(status))};
  }
  auto parsed = parse_token_response(response->body);
  if (!parsed) return Err{failure(SignInRefusal::provider_error, parsed.error())};
  if (status == 200 && parsed->id_token) return std::move(*parsed->id_token);
  if (status == 400 || status == 401) {
    // The error code is a fixed vocabulary (RFC 6749 5.2): keep only a short, safe token of it.
    std::string error;
    for (char c : parsed->error.substr(0, 64)) {
      if (std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-') error.push_back(c);
    }
    return Err{failure(SignInRefusal::code_rejected, "token endpoint refused the code: " + error)};
  }
  return Err{failure(SignInRefusal::provider_error,
                     "token endpoint: unexpected status " + std::to_string(status))};
}

Result<ports::VerifiedIdentity, SignInFailure> BankIdProvider::finish_sign_in(
    std::string_view code, std::string_view state) {
  if (state.empty() || state.size() > state_bytes_max) {
    return Err{failure(SignInRefusal::unknown_state, "state missing or too long")};
  }
  if (code.empty() || code.size() > code_bytes_max) {
    return Err{failure(SignInRefusal::code_rejected, "code missing or too long")};
  }
  auto taken = states_.take(state);  // used up here, whatever happens next
  if (!taken)
    return Err{failure(SignInRefusal::unavailable, "sign-in state: " + taken.error().message)};
  if (!*taken) return Err{failure(SignInRefusal::unknown_state, "unknown or used state")};
  const ports::PendingSignIn pending = std::move(**taken);
  if (clock_.now() >= pending.expires_at) {
    return Err{failure(SignInRefusal::expired_state, "sign-in state expired")};
  }
  auto metadata = cache_.metadata();
  if (!metadata) return Err{failure(SignInRefusal::unavailable, metadata.error())};
  auto id_token = exchange_code(*metadata, code, pending.code_verifier);
  if (!id_token) return Err{id_token.error()};

  std::string key_error;
  const KeyLookup find_key = [&](std::string_view kid) -> std::optional<RsaPublicKey> {
    auto key = cache_.key(kid);
    if (!key) {
      key_error = key.error();
      return std::nullopt;
    }
    return *key;
  };
  identity::IdTokenExpectations expected;
  expected.issuer = metadata->issuer;
  expected.client_id = config_.client_id;
  expected.nonce = pending.nonce;
  expected.now = clock_.now();
  expected.leeway_s = limits::id_token_leeway_s;
  expected.acr_allowed = config_.acr_allowed;
  auto verified = verify_id_token(*id_token, find_key, expected);
  if (!verified) {
    if (!key_error.empty()) return Err{failure(SignInRefusal::unavailable, key_error)};
    return Err{
        SignInFailure{SignInRefusal::invalid_token, verified.error(),
                      "id token refused: " + std::string(identity::to_string(verified.error()))}};
  }
  ports::VerifiedIdentity identity;
  identity.subject = std::move(*verified->claims.subject);
  identity.name = std::move(verified->name);
  identity.national_id = std::move(verified->national_id);
  return identity;
}

}  // namespace drop::adapters::bankid
