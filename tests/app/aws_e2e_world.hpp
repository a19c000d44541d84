// The AWS side of the end-to-end tests of `drop serve` (serve_aws_secrets_e2e_test.cpp,
// serve_secrets_refresh_e2e_test.cpp): SecretsManagerFake (recomputes SigV4) and
// ContainerCredentialsFake behind one FakeHttpServer on 127.0.0.1, a secret whose JSON holds
// JWT_SECRET, DROP_ADMIN_TOKEN and DATABASE_URL (a scratch SQLite file), an environment with
// DIFFERENT JWT_SECRET and DROP_ADMIN_TOKEN values (so a test can tell which one is used), and
// session tokens signed here with a chosen secret.
#pragma once

#include <unistd.h>

#include <cctype>
#include <filesystem>
#include <string>
#include <vector>

#include "e2e_support.hpp"
#include "support/fake_http_server.hpp"
#include "support/fakes/container_credentials_fake.hpp"
#include "support/fakes/secrets_manager_fake.hpp"

namespace drop_test::aws_e2e {

inline const std::string secret_arn =
    "arn:aws:secretsmanager:eu-north-1:111122223333:secret:drop/e2e-AbCdEf";
inline const std::string secret_jwt = "jwt-from-secrets-manager-7c1d9e2f3a4b5c6d7e8f9a0b1c2d3e4f";
inline const std::string secret_admin = "admin-from-secrets-manager-5f0e1d2c";
inline const std::string environment_jwt = "jwt-from-the-environment-0a1b2c3d4e5f6a7b8c9d0e1f2a3b";
inline const std::string environment_admin = "admin-from-the-environment-9a8b7c6d";
inline const std::string access_key_id = "AKIDE2ETESTKEY000001";
inline const std::string secret_access_key = "static-secret-access-key-never-printed";
inline const std::string container_token = "container-authorization-token-never-printed";
inline const std::string task_key_id = "ASIAE2ETASKROLE00001";
inline const std::string task_secret = "task-role-secret-key-never-printed";
inline const std::string task_session = "task-role-session-token-never-printed";

// A scratch directory removed at the end of the test.
struct ScratchDirectory {
  std::filesystem::path path;
  ScratchDirectory() {
    static int counter = 0;
    path = std::filesystem::temp_directory_path() /
           ("drop-e2e-aws-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    std::filesystem::remove_all(path);
    std::filesystem::create_directories(path);
  }
  ~ScratchDirectory() {
    std::error_code ignored;
    std::filesystem::remove_all(path, ignored);
  }
};

// The Secrets Manager fake and the container credentials fake behind one loopback server
// (/creds goes to the credentials endpoint, everything else to Secrets Manager).
struct AwsWorld {
  ScratchDirectory scratch;
  SecretsManagerFake secrets{"eu-north-1", "127.0.0.1"};
  ContainerCredentialsFake container{
      "/creds",
      container_token,
      {task_key_id, task_secret, task_session,
       drop::Timestamp::from_unix_seconds(wall_clock_s() + 6 * 3600)}};
  FakeHttpServer server{[this](const drop::http_client::HttpRequest& request) {
    return request.url == "/creds" ? container.handle(request) : secrets.handle(request);
  }};

  std::string database_file() const { return (scratch.path / "from-secret.db").string(); }

  AwsWorld() {
    secrets.add_key({access_key_id, secret_access_key, ""});
    secrets.add_key({task_key_id, task_secret, task_session});
    secrets.put_secret({secret_arn, "drop/e2e",
                        aws_json_object({{"JWT_SECRET", secret_jwt},
                                         {"DROP_ADMIN_TOKEN", secret_admin},
                                         {"DATABASE_URL", "sqlite:" + database_file()}}),
                        "v-e2e-1"});
  }

  // The environment every variant shares; the credentials are added by the caller.
  std::vector<std::string> environment() const {
    return {"AWS_SECRET_ARN=" + secret_arn,
            "AWS_ENDPOINT_URL=" + server.base_url(),
            "AWS_ENDPOINT_URL_SECRETS_MANAGER=",
            "AWS_REGION=",
            "AWS_ACCESS_KEY_ID=",
            "AWS_SECRET_ACCESS_KEY=",
            "AWS_SESSION_TOKEN=",
            "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI=",
            "AWS_CONTAINER_CREDENTIALS_FULL_URI=",
            "AWS_CONTAINER_AUTHORIZATION_TOKEN=",
            "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE=",
            "DROP_SECRETS_TTL_S=",
            "JWT_SECRET=" + environment_jwt,
            "DROP_ADMIN_TOKEN=" + environment_admin,
            "DROP_APP_URL=",
            "DROP_ENV=development"};
  }
};

inline std::vector<std::string> with(std::vector<std::string> base,
                                     const std::vector<std::string>& more) {
  for (const std::string& entry : more) {
    const std::string name = entry.substr(0, entry.find('=') + 1);
    std::erase_if(base, [&](const std::string& value) { return value.starts_with(name); });
    base.push_back(entry);
  }
  return base;
}

// A session token for `user_id` signed here with `secret` (the claims of http/jwt.hpp).
inline std::string token_signed_with(const std::string& secret, const std::string& user_id,
                                     const std::string& token_id) {
  const std::int64_t now_s = wall_clock_s();
  const std::string claims = R"({"iss":"drop","aud":"drop-api","sub":")" + user_id + R"(","iat":)" +
                             std::to_string(now_s) + R"(,"exp":)" + std::to_string(now_s + 600) +
                             R"(,"jti":")" + token_id + R"("})";
  return sign_hs256(secret, R"({"alg":"HS256","typ":"JWT"})", claims);
}

// The value of the first header `lower_name` (compared case-insensitively), or "".
inline std::string header_value(const drop::http_client::HttpRequest& request,
                                const std::string& lower_name) {
  for (const auto& header : request.headers) {
    std::string name = header.name;
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (name == lower_name) return header.value;
  }
  return "";
}

}  // namespace drop_test::aws_e2e
