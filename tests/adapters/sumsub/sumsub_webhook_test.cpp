// Sumsub webhook verification over every webhook body in vectors/sumsub (byte-exact files):
// digests from the `openssl` program with SHA-256 and SHA-512 are accepted and the event read;
// a tampered body, a wrong secret, upper-case hex, a missing or unknown algorithm and a missing
// digest are refused; an authentic body that is not an event is refused as malformed.
#include "drop/adapters/sumsub/sumsub_webhook.hpp"

#include <catch2/catch.hpp>
#include <cctype>

#include "openssl_cli.hpp"
#include "support/vectors.hpp"

using drop::adapters::sumsub::SumsubWebhookVerifier;
using drop::ports::WebhookRefusal;

namespace {

const std::string secret = "sumsub-webhook-secret";
const char* const bodies[] = {"sumsub/webhook_applicantCreated.json",
                              "sumsub/webhook_applicantOnHold.json",
                              "sumsub/webhook_applicantReviewed_GREEN.json",
                              "sumsub/webhook_applicantReviewed_RED_FINAL.json",
                              "sumsub/webhook_applicantReviewed_RED_RETRY.json"};

std::string upper(std::string text) {
  for (char& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return text;
}

}  // namespace

TEST_CASE("sumsub webhook: every vector body verifies with SHA-256 and SHA-512") {
  const SumsubWebhookVerifier verifier(secret);
  for (const char* file : bodies) {
    INFO(file);
    const std::string body = drop_test::read_vector(file);
    for (const auto& [alg, hash] :
         {std::pair{"HMAC_SHA256_HEX", "sha256"}, std::pair{"HMAC_SHA512_HEX", "sha512"}}) {
      const std::string digest = drop_test::openssl_digest(hash, body, &secret);
      auto verified = verifier.verify(alg, digest, body);
      REQUIRE(verified.ok());
      CHECK(verified->event_id == drop_test::openssl_digest("sha256", body));
      CHECK(verified->event.applicant_id.size() == 24);
      CHECK(verified->event.external_user_id == "externalUserId");
      CHECK(verified->event.created_at_ms > 1'582'291'398'000);
      // Tampering: one byte flipped, or a wrong secret, or upper-case hex.
      std::string tampered = body;
      tampered[tampered.size() / 2] ^= 0x01;
      CHECK(verifier.verify(alg, digest, tampered).error() == WebhookRefusal::digest_mismatch);
      CHECK(SumsubWebhookVerifier("other-secret").verify(alg, digest, body).error() ==
            WebhookRefusal::digest_mismatch);
      CHECK(verifier.verify(alg, upper(digest), body).error() == WebhookRefusal::digest_mismatch);
      CHECK(verifier.verify(alg, digest.substr(1), body).error() ==
            WebhookRefusal::digest_mismatch);
    }
  }
}

TEST_CASE("sumsub webhook: the algorithm must be named and known") {
  const SumsubWebhookVerifier verifier(secret);
  const std::string body = drop_test::read_vector("sumsub/webhook_applicantReviewed_GREEN.json");
  const std::string digest = drop_test::openssl_digest("sha256", body, &secret);
  CHECK(verifier.verify("", digest, body).error() == WebhookRefusal::missing_algorithm);
  for (const char* alg : {"HMAC_SHA1_HEX", "hmac_sha256_hex", "SHA256", "HMAC_SHA384_HEX"}) {
    CHECK(verifier.verify(alg, digest, body).error() == WebhookRefusal::unknown_algorithm);
  }
  // A SHA-256 digest announced as SHA-512 does not match.
  CHECK(verifier.verify("HMAC_SHA512_HEX", digest, body).error() ==
        WebhookRefusal::digest_mismatch);
  CHECK(verifier.verify("HMAC_SHA256_HEX", "", body).error() == WebhookRefusal::missing_digest);
  CHECK(SumsubWebhookVerifier("").verify("HMAC_SHA256_HEX", digest, body).error() ==
        WebhookRefusal::not_configured);
}

TEST_CASE("sumsub webhook: events are read as the rules need them") {
  const SumsubWebhookVerifier verifier(secret);
  const auto read = [&](const char* file) {
    const std::string body = drop_test::read_vector(file);
    auto verified = verifier.verify("HMAC_SHA256_HEX",
                                    drop_test::openssl_digest("sha256", body, &secret), body);
    REQUIRE(verified.ok());
    return verified->event;
  };
  using drop::users::KycStatus;
  const auto green = read("sumsub/webhook_applicantReviewed_GREEN.json");
  CHECK(green.type == "applicantReviewed");
  CHECK(green.created_at_ms == 1'582'291'399'321);
  CHECK(status_after(green) == KycStatus::approved);
  const auto retry = read("sumsub/webhook_applicantReviewed_RED_RETRY.json");
  CHECK(status_after(retry) == KycStatus::retry);
  CHECK(retry.reject_labels == "UNSATISFACTORY_PHOTOS,SCREENSHOTS");
  const auto final_rejection = read("sumsub/webhook_applicantReviewed_RED_FINAL.json");
  CHECK(status_after(final_rejection) == KycStatus::rejected);
  CHECK(final_rejection.reject_labels == "UNSATISFACTORY_PHOTOS,GRAPHIC_EDITOR,FORGERY");
  CHECK(final_rejection.applicant_id == "5cb744200a975a67ed1798a4");
  CHECK(status_after(read("sumsub/webhook_applicantOnHold.json")) == KycStatus::pending);
  CHECK_FALSE(status_after(read("sumsub/webhook_applicantCreated.json")).has_value());
}

TEST_CASE("sumsub webhook: an authentic body that is not an event is malformed") {
  const SumsubWebhookVerifier verifier(secret);
  for (const std::string& body :
       {std::string("not json"), std::string("[]"), std::string("{\"type\":\"applicantReviewed\"}"),
        std::string("{\"type\":\"x\",\"applicantId\":\"a\",\"createdAtMs\":\"yesterday\"}")}) {
    INFO(body);
    const std::string digest = drop_test::openssl_digest("sha256", body, &secret);
    CHECK(verifier.verify("HMAC_SHA256_HEX", digest, body).error() ==
          WebhookRefusal::malformed_event);
  }
}
