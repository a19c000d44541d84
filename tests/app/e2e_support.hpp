// Helpers shared by the end-to-end tests that run the real `drop serve` against fake outside
// services behind drop_test::FakeHttpServer on 127.0.0.1 (serve_*_e2e_test.cpp): the wall
// clock the server itself reads (fakes that check timestamps must follow it), a bounded poll,
// scans of the server's output for values that must never appear, and signing in.
#pragma once

#include <rapidjson/document.h>
#include <rapidjson/pointer.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <ctime>
#include <functional>
#include <string>
#include <thread>
#include <vector>

#include "serve_support.hpp"

namespace drop_test {

// Seconds since the epoch from the real clock: `drop serve` reads it, so fakes that check
// timestamps (Sumsub's X-App-Access-Ts, BankID's iat/exp, AWS expirations) must use it too.
inline std::int64_t wall_clock_s() { return static_cast<std::int64_t>(std::time(nullptr)); }

// Polls `done` every 10 ms for at most `limit_ms`; true as soon as it holds.
inline bool eventually(const std::function<bool()>& done, int limit_ms = 10'000) {
  for (int waited_ms = 0; waited_ms < limit_ms; waited_ms += 10) {
    if (done()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return done();
}

// Checks that none of `secrets` occurs in the server's stdout or stderr.
inline void check_output_free_of(const ServerProcess& server,
                                 const std::vector<std::string>& secrets) {
  const std::string output = server.out() + server.err();
  for (const std::string& secret : secrets) {
    INFO("secret found in the server output: " << secret);
    CHECK(output.find(secret) == std::string::npos);
  }
}

struct SignedInUser {
  std::string id;
  std::string token;
};

// The user id of a {"token","user":{"id"..}} body ("" when absent).
inline std::string user_id_of(const std::string& body) {
  rapidjson::Document document;
  document.Parse(body.c_str());
  const auto* id = rapidjson::Pointer("/user/id").Get(document);
  return id != nullptr && id->IsString() ? id->GetString() : "";
}

inline SignedInUser dev_sign_in(std::uint16_t port, const std::string& name) {
  auto login = dev_login(port, name);
  REQUIRE(login.status == 200);
  SignedInUser user{user_id_of(login.body), json_string(login.body, "token")};
  REQUIRE(!user.id.empty());
  REQUIRE(!user.token.empty());
  return user;
}

inline HttpResponse get_me(std::uint16_t port, const std::string& token) {
  return http_request(port, "GET", "/api/me", {{"Authorization", "Bearer " + token}});
}

}  // namespace drop_test
