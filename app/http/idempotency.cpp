// The Idempotency-Key step of the pipeline (API.md "Idempotency"), over the IdempotencyStore
// port: begin -> run the handler -> complete (the response to replay) or release.
#include <openssl/evp.h>

#include <array>

#include "http/pipeline.hpp"
#include "http/request_log.hpp"

namespace drop::http {

namespace {

// Outcomes worth replaying: the request ran to a decision. Server failures (5xx) and "come back
// later" answers (409 in progress, 429) are released so the client may retry with the same key.
bool replayable(int status) { return status < 500 && status != 409 && status != 429; }

}  // namespace

std::string request_hash(std::string_view method, std::string_view path, std::string_view body) {
  EVP_MD_CTX* digest = EVP_MD_CTX_new();
  std::array<unsigned char, 32> hash{};
  unsigned int length = 0;
  EVP_DigestInit_ex(digest, EVP_sha256(), nullptr);
  EVP_DigestUpdate(digest, method.data(), method.size());
  EVP_DigestUpdate(digest, "\n", 1);
  EVP_DigestUpdate(digest, path.data(), path.size());
  EVP_DigestUpdate(digest, "\n", 1);
  EVP_DigestUpdate(digest, body.data(), body.size());
  EVP_DigestFinal_ex(digest, hash.data(), &length);
  EVP_MD_CTX_free(digest);
  static constexpr char hex[] = "0123456789abcdef";
  std::string text;
  for (unsigned char byte : hash) {
    text.push_back(hex[byte >> 4]);
    text.push_back(hex[byte & 0x0F]);
  }
  return text;
}

Response Pipeline::run_idempotent(Request& request, const Route& route) const {
  const auto key = request.headers.get("Idempotency-Key");
  if (!key || !is_valid_idempotency_key(*key)) {
    return problem(ErrorCode::invalid_request,
                   "The Idempotency-Key header is required (1 to 255 printable ASCII characters).",
                   request.request_id, {{"Idempotency-Key", "required"}});
  }
  const std::string scope = request.principal.kind == Principal::Kind::admin
                                ? std::string("admin")
                                : request.principal.user_id;
  const auto begun = context_.idempotency->begin(
      scope, *key, request_hash(request.method_text, request.path, request.body),
      context_.clock->now(), limits::idempotency_retention_s, limits::idempotency_lease_s);
  if (!begun) {
    log_event(context_.clock->now(), "error", "idempotency_store_error", begun.error().message);
    return problem(ErrorCode::unavailable, "", request.request_id);
  }
  using Outcome = ports::IdempotencyBegin::Outcome;
  switch (begun->outcome) {
    case Outcome::in_progress:
      return problem(ErrorCode::idempotency_in_progress,
                     "A request with this Idempotency-Key is still being processed.",
                     request.request_id);
    case Outcome::mismatch:
      return problem(ErrorCode::idempotency_key_reused,
                     "This Idempotency-Key was used with a different request.", request.request_id);
    case Outcome::replay: {
      Response replayed;
      replayed.status = begun->status_code;
      replayed.content_type = begun->status_code >= 400 ? std::string(problem_content_type)
                                                        : std::string("application/json");
      replayed.body = begun->response_body;
      replayed.headers.set("Idempotent-Replayed", "true");
      return replayed;
    }
    case Outcome::started:
      break;
  }
  Response response = call_handler(request, route);
  if (replayable(response.status) &&
      response.body.size() <= limits::idempotency_response_bytes_max) {
    if (auto stored = context_.idempotency->complete(scope, *key, response.status, response.body);
        !stored) {
      log_event(context_.clock->now(), "error", "idempotency_store_error", stored.error().message);
    }
  } else if (auto released = context_.idempotency->release(scope, *key); !released) {
    log_event(context_.clock->now(), "error", "idempotency_store_error", released.error().message);
  }
  return response;
}

}  // namespace drop::http
