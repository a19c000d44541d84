// AWS JSON 1.1 error answers -> PortError. Body grammar:
//   {"__type": [namespace "#"] Type, ("message" | "Message"): text, ...}
// The type may also (or only) come in the X-Amzn-ErrorType header: Type [":" url].
// Only the type (letters and digits) and the HTTP status reach the message; AWS's text never.
#include <array>

#include "drop/adapters/aws/secrets_manager.hpp"
#include "json_fields.hpp"

namespace drop::adapters::aws {

namespace {

using ports::PortError;
using ports::PortErrorKind;

struct KnownError {
  std::string_view type;
  PortErrorKind kind;
  std::string_view explanation;
};

constexpr std::array<KnownError, 13> known_errors{{
    {"ResourceNotFoundException", PortErrorKind::invalid,
     "the secret does not exist (check AWS_SECRET_ARN and AWS_REGION)"},
    {"UnrecognizedClientException", PortErrorKind::invalid,
     "AWS does not recognise the access key or session token"},
    {"InvalidClientTokenId", PortErrorKind::invalid,
     "AWS does not recognise the access key or session token"},
    {"InvalidSignatureException", PortErrorKind::invalid,
     "AWS refused the request signature (check AWS_SECRET_ACCESS_KEY)"},
    {"IncompleteSignature", PortErrorKind::invalid, "AWS refused the request signature"},
    {"ExpiredTokenException", PortErrorKind::invalid, "the AWS credentials have expired"},
    {"AccessDeniedException", PortErrorKind::invalid,
     "access denied (the role needs secretsmanager:GetSecretValue and kms:Decrypt)"},
    {"DecryptionFailure", PortErrorKind::invalid, "the secret's KMS key cannot decrypt it"},
    {"InvalidRequestException", PortErrorKind::invalid,
     "AWS refused the request (is the secret scheduled for deletion?)"},
    {"InvalidParameterException", PortErrorKind::invalid, "AWS refused a request parameter"},
    {"ThrottlingException", PortErrorKind::unavailable, "AWS is throttling requests"},
    {"InternalServiceError", PortErrorKind::unavailable, "AWS failed internally"},
    {"ServiceUnavailableException", PortErrorKind::unavailable, "AWS is unavailable"},
}};

// Letters and digits only, at most 64: safe to log whatever the peer sent.
std::string sanitized_type(std::string_view type) {
  if (const std::size_t hash = type.rfind('#'); hash != std::string_view::npos) {
    type = type.substr(hash + 1);
  }
  type = type.substr(0, type.find(':'));
  std::string clean;
  for (const char c : type) {
    const bool alphanumeric =
        (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (alphanumeric && clean.size() < 64) clean.push_back(c);
  }
  return clean;
}

std::string error_type(const http_client::HttpResponse& response) {
  rapidjson::Document document;
  if (parse_object(response.body, document)) {
    if (auto type = string_member(document, "__type")) return sanitized_type(*type);
  }
  if (auto header = response.header("X-Amzn-ErrorType")) return sanitized_type(*header);
  return {};
}

}  // namespace

PortError secrets_manager_error(const http_client::HttpResponse& response) {
  const std::string type = error_type(response);
  const std::string status = "HTTP " + std::to_string(response.status);
  const std::string suffix = " (" + status + (type.empty() ? "" : " " + type) + ")";
  for (const KnownError& known : known_errors) {
    if (known.type == type) {
      return {known.kind, "Secrets Manager: " + std::string(known.explanation) + suffix};
    }
  }
  const bool retryable = response.status == 429 || response.status >= 500;
  return {retryable ? PortErrorKind::unavailable : PortErrorKind::invalid,
          std::string("Secrets Manager: GetSecretValue ") + (retryable ? "failed" : "was refused") +
              suffix};
}

}  // namespace drop::adapters::aws
