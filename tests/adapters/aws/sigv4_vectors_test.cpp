// SigV4 against the official AWS test suite, both copies in ../shared/vectors/sigv4 (botocore's
// layout and aws-c-auth's): every case directory found there is signed with sign_request and its
// canonical request, string to sign, signature and Authorization header compared byte for byte.
// The aws-c-auth "query-*" files (presigned URLs, which Drop's clients do not use) are compared
// with presign_request: canonical request, string to sign, signature and the signed target.
// Also: the signing-key example of the AWS documentation and canonicalization edge cases.
#include <rapidjson/document.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <string>

#include "drop/adapters/aws/sigv4.hpp"
#include "support/vectors.hpp"

using drop::adapters::aws::AwsCredentials;
using drop::adapters::aws::SigningOptions;

namespace {

const char* const access_key_id = "AKIDEXAMPLE";
const char* const secret_key = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
const char* const session_token =
    "6e86291e8372ff2a2260956d9b8aae1d763fbf315fa00fa31553b73ebf194267";

// Grammar: METHOD SP target SP "HTTP/1.1" LF *(name ":" value LF) [LF body]
drop::http_client::HttpRequest parse_request(const std::string& text) {
  drop::http_client::HttpRequest request;
  const std::size_t head_end = text.find("\n\n");
  const std::string head = text.substr(0, head_end);
  if (head_end != std::string::npos) request.body = text.substr(head_end + 2);
  std::size_t line_end = head.find('\n');
  const std::string first = head.substr(0, line_end);
  request.method = first.substr(0, first.find(' '));
  const std::string target =
      first.substr(first.find(' ') + 1, first.rfind(' ') - first.find(' ') - 1);
  std::string host;
  while (line_end != std::string::npos) {
    const std::size_t start = line_end + 1;
    line_end = head.find('\n', start);
    const std::string line =
        head.substr(start, line_end == std::string::npos ? line_end : line_end - start);
    if (line.empty()) continue;
    const std::string name = line.substr(0, line.find(':'));
    request.headers.push_back({name, line.substr(line.find(':') + 1)});
    if (name == "Host") host = request.headers.back().value;
  }
  request.url = "https://" + host + target;
  return request;
}

std::string strip_newline(std::string text) {
  while (!text.empty() && text.back() == '\n') text.pop_back();
  return text;
}

std::string authorization_line(const std::string& signed_request) {
  const std::size_t start = signed_request.find("\nAuthorization:");
  REQUIRE(start != std::string::npos);
  const std::size_t value = start + std::string("\nAuthorization:").size();
  return signed_request.substr(value, signed_request.find('\n', value) - value);
}

bool has_header(const drop::http_client::HttpRequest& request, const std::string& name) {
  for (const auto& header : request.headers) {
    if (header.name == name) return true;
  }
  return false;
}

std::vector<std::filesystem::path> case_directories(const std::string& suite) {
  std::vector<std::filesystem::path> cases;
  for (const auto& entry :
       std::filesystem::recursive_directory_iterator(drop_test::vector_path("sigv4/" + suite))) {
    const auto name = entry.path().filename().string();
    if (entry.is_directory() && (std::filesystem::exists(entry.path() / (name + ".req")) ||
                                 std::filesystem::exists(entry.path() / "context.json"))) {
      cases.push_back(entry.path());
    }
  }
  std::sort(cases.begin(), cases.end());
  return cases;
}

std::string vector_relative(const std::filesystem::path& path) {
  return "sigv4/" + std::filesystem::relative(path, drop_test::vector_path("sigv4")).string();
}

}  // namespace

TEST_CASE(
    "aws sigv4: every botocore aws4_testsuite case (canonical request, string to sign, "
    "Authorization)") {
  const auto cases = case_directories("botocore-aws4_testsuite");
  CHECK(cases.size() == 11);  // 10 cases; post-sts-token has a before and an after variant
  const std::string sts_token = strip_newline(
      drop_test::vector_lines("sigv4/botocore-aws4_testsuite/post-sts-token/readme.txt").back());
  for (const auto& directory : cases) {
    const std::string name = directory.filename().string();
    const std::string base = vector_relative(directory) + "/" + name;
    CAPTURE(name);
    auto request = parse_request(drop_test::read_vector(base + ".req"));
    AwsCredentials credentials{access_key_id, secret_key, "", std::nullopt};
    SigningOptions options;
    if (name == "get-vanilla-with-session-token") credentials.session_token = session_token;
    if (name.starts_with("post-sts-header-")) credentials.session_token = sts_token;
    if (name == "post-sts-header-after") options.sign_session_token = false;
    const auto details =
        drop::adapters::aws::sign_request(request, credentials, {"us-east-1", "service"},
                                          *drop::parse_rfc3339("2015-08-30T12:36:00Z"), options);
    CHECK(details.canonical_request == drop_test::read_vector(base + ".creq"));
    CHECK(details.string_to_sign == drop_test::read_vector(base + ".sts"));
    CHECK(details.authorization == drop_test::read_vector(base + ".authz"));
    CHECK(has_header(request, "X-Amz-Security-Token") == !credentials.session_token.empty());
  }
}

TEST_CASE("aws sigv4: every aws-c-auth signing-test-suite case (header signing)") {
  const auto cases = case_directories("aws-c-auth");
  CHECK(cases.size() == 10);
  for (const auto& directory : cases) {
    const std::string base = vector_relative(directory) + "/";
    CAPTURE(base);
    rapidjson::Document context;
    const std::string json = drop_test::read_vector(base + "context.json");
    context.Parse(json.c_str());
    REQUIRE(context.IsObject());
    const auto& keys = context["credentials"];
    AwsCredentials credentials{
        keys["access_key_id"].GetString(), keys["secret_access_key"].GetString(),
        keys.HasMember("token") ? keys["token"].GetString() : "", std::nullopt};
    SigningOptions options;
    options.add_content_sha256_header = context["sign_body"].GetBool();
    options.sign_session_token =
        !(context.HasMember("omit_session_token") && context["omit_session_token"].GetBool());
    auto request = parse_request(drop_test::read_vector(base + "request.txt"));
    const auto details = drop::adapters::aws::sign_request(
        request, credentials, {context["region"].GetString(), context["service"].GetString()},
        *drop::parse_rfc3339(context["timestamp"].GetString()), options);
    CHECK(details.canonical_request ==
          drop_test::read_vector(base + "header-canonical-request.txt"));
    CHECK(details.string_to_sign == drop_test::read_vector(base + "header-string-to-sign.txt"));
    CHECK(details.signature == drop_test::read_vector(base + "header-signature.txt"));
    const std::string signed_request = drop_test::read_vector(base + "header-signed-request.txt");
    CHECK(details.authorization == authorization_line(signed_request));
    CHECK(has_header(request, "X-Amz-Security-Token") ==
          (signed_request.find("\nX-Amz-Security-Token:") != std::string::npos));
  }
}

TEST_CASE("aws sigv4: every aws-c-auth signing-test-suite case (presigned query string)") {
  for (const auto& directory : case_directories("aws-c-auth")) {
    const std::string base = vector_relative(directory) + "/";
    CAPTURE(base);
    rapidjson::Document context;
    const std::string json = drop_test::read_vector(base + "context.json");
    context.Parse(json.c_str());
    REQUIRE(context.IsObject());
    const auto& keys = context["credentials"];
    AwsCredentials credentials{
        keys["access_key_id"].GetString(), keys["secret_access_key"].GetString(),
        keys.HasMember("token") ? keys["token"].GetString() : "", std::nullopt};
    SigningOptions options;
    options.sign_session_token =
        !(context.HasMember("omit_session_token") && context["omit_session_token"].GetBool());
    auto request = parse_request(drop_test::read_vector(base + "request.txt"));
    const auto details = drop::adapters::aws::presign_request(
        request, credentials, {context["region"].GetString(), context["service"].GetString()},
        *drop::parse_rfc3339(context["timestamp"].GetString()),
        context["expiration_in_seconds"].GetInt(), options);
    CHECK(details.canonical_request ==
          drop_test::read_vector(base + "query-canonical-request.txt"));
    CHECK(details.string_to_sign == drop_test::read_vector(base + "query-string-to-sign.txt"));
    CHECK(details.signature == drop_test::read_vector(base + "query-signature.txt"));
    const std::string signed_request = drop_test::read_vector(base + "query-signed-request.txt");
    const std::string first_line = signed_request.substr(0, signed_request.find('\n'));
    CHECK(first_line ==
          request.method + " " + request.url.substr(request.url.find('/', 8)) + " HTTP/1.1");
  }
}

TEST_CASE("aws sigv4: the signing key example of the AWS documentation") {
  const std::string key =
      drop::adapters::aws::signing_key(secret_key, "20120215", "us-east-1", "iam");
  CHECK(drop::adapters::aws::hex_lower(key) ==
        "f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d");
  CHECK(drop::adapters::aws::sha256_hex("") ==
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST_CASE("aws sigv4: canonical URI and query and header values") {
  using namespace drop::adapters::aws;
  CHECK(canonical_uri("") == "/");
  CHECK(canonical_uri("/foo/../bar//baz/./") == "/bar/baz/");
  CHECK(canonical_uri("/a b/%2F") == "/a%20b/%252F");  // an escape is encoded again
  CHECK(canonical_query("b=2&a=1&a=0&c") == "a=0&a=1&b=2&c=");
  CHECK(canonical_query("k=a%2Fb+c&%E1%88%B4=x") == "%E1%88%B4=x&k=a%2Fb%2Bc");
  CHECK(canonical_header_value("  a   b\t c  ") == "a b c");
  CHECK(host_of_url("https://Example.com:443/x") == "example.com");
  CHECK(host_of_url("http://127.0.0.1:8080/") == "127.0.0.1:8080");
  CHECK(amz_date(*drop::parse_rfc3339("2015-08-30T12:36:00Z")) == "20150830T123600Z");
}
