// `drop serve` as a real process on a free port, driven over HTTP with a plain-socket client,
// on SQLite (a fresh file per server): health, request ids, 404/405, 413/415/400, refused
// tokens, dev-login -> me -> logout, the auth rate limit (a fresh server, so its state is
// clean), openapi.json against the route table, metrics, the request log (one JSON line per
// request, no token or secret anywhere in the output), the worker-queue bound, and start-up
// refusals. The SIGTERM drain has its own file (serve_drain_test.cpp).
#include <catch2/catch.hpp>
#include <chrono>
#include <thread>

#include "api/routes.hpp"
#include "http/jwt.hpp"
#include "serve_support.hpp"
#include "support/program.hpp"
#include "support/vectors.hpp"

using namespace drop_test;

namespace {

std::vector<std::string> development() { return {"JWT_SECRET=" + test_jwt_secret}; }

}  // namespace

TEST_CASE("serve: health, request ids, 404 and 405") {
  ServerProcess server(development());
  REQUIRE(server.port() != 0);
  auto health = http_request(server.port(), "GET", "/api/health");
  CHECK(health.status == 200);
  CHECK(health.header("Content-Type") == "application/json");
  CHECK(json_string(health.body, "status") == "ok");
  CHECK(health.body.find("\"checks\":{\"database\":\"ok\"}") != std::string::npos);
  CHECK(health.body.find("\"version\":\"") != std::string::npos);
  const auto generated = health.header("X-Request-Id");
  REQUIRE(generated);
  CHECK(!generated->empty());

  auto echoed =
      http_request(server.port(), "GET", "/api/health", {{"X-Request-Id", "trace-42.a_b"}});
  CHECK(echoed.header("X-Request-Id") == "trace-42.a_b");
  auto replaced =
      http_request(server.port(), "GET", "/api/health", {{"X-Request-Id", "no spaces!"}});
  CHECK(replaced.header("X-Request-Id") != "no spaces!");
  CHECK(replaced.header("X-Request-Id") != generated);

  auto missing = http_request(server.port(), "GET", "/api/nowhere");
  CHECK(missing.status == 404);
  CHECK(missing.header("Content-Type") == "application/problem+json");
  CHECK(json_string(missing.body, "code") == "not_found");
  CHECK(json_string(missing.body, "request_id") == *missing.header("X-Request-Id"));
  auto wrong_method = http_request(server.port(), "PUT", "/api/health");
  CHECK(wrong_method.status == 405);
  CHECK(wrong_method.header("Allow") == "GET, HEAD");
  CHECK(json_string(wrong_method.body, "code") == "method_not_allowed");

  // Keep-alive and pipelining: two requests in one write, answered in order on one connection.
  HttpConnection connection(server.port());
  REQUIRE(connection.send_raw(
      HttpConnection::format("GET", "/api/health", {{"X-Request-Id", "one"}}, "") +
      HttpConnection::format("GET", "/nothing", {{"X-Request-Id", "two"}}, "")));
  auto first = connection.read_response();
  auto second = connection.read_response();
  CHECK(first.status == 200);
  CHECK(first.header("X-Request-Id") == "one");
  CHECK(second.status == 404);
  CHECK(second.header("X-Request-Id") == "two");
  auto head = connection.request("HEAD", "/api/health");
  CHECK(head.status == 200);
  CHECK(head.body.empty());
  CHECK(connection.request("GET", "/api/health").status == 200);
}

TEST_CASE("serve: pipelined answers are gathered and flushed before the server waits for bytes") {
  ServerProcess server(development());
  REQUIRE(server.port() != 0);
  HttpConnection connection(server.port());
  // 40 complete requests (more than one gathered write holds) and the first half of a 41st.
  std::string burst;
  for (int i = 0; i < 40; ++i) {
    const std::string path = i % 3 == 2 ? "/nothing" : "/api/health";
    burst += HttpConnection::format("GET", path, {{"X-Request-Id", "p" + std::to_string(i)}}, "");
  }
  const std::string last =
      HttpConnection::format("GET", "/api/rates", {{"X-Request-Id", "p40"}}, "");
  const std::size_t half = last.size() / 2;
  REQUIRE(connection.send_raw(burst + last.substr(0, half)));
  // All 40 answers arrive, in order, although the 41st request is still incomplete.
  for (int i = 0; i < 40; ++i) {
    auto response = connection.read_response();
    CHECK(response.status == (i % 3 == 2 ? 404 : 200));
    CHECK(response.header("X-Request-Id") == "p" + std::to_string(i));
  }
  REQUIRE(connection.send_raw(last.substr(half)));
  auto rates = connection.read_response();
  CHECK(rates.status == 200);
  CHECK(rates.header("X-Request-Id") == "p40");
  CHECK(json_string(rates.body, "base") == "NOK");
  // A request that goes to the worker pool keeps its place among inline answers.
  REQUIRE(connection.send_raw(
      HttpConnection::format("GET", "/api/health", {{"X-Request-Id", "a"}}, "") +
      HttpConnection::format("POST", "/api/auth/dev-login",
                             {{"X-Request-Id", "b"}, {"Content-Type", "application/json"}},
                             "{\"name\":\"Ola\"}") +
      HttpConnection::format("GET", "/api/health", {{"X-Request-Id", "c"}}, "")));
  auto a = connection.read_response();
  auto b = connection.read_response();
  auto c = connection.read_response();
  CHECK(a.header("X-Request-Id") == "a");
  CHECK(b.header("X-Request-Id") == "b");
  CHECK(b.status == 200);
  CHECK(c.header("X-Request-Id") == "c");
  CHECK(c.status == 200);
}

TEST_CASE("serve: body limit, content type and malformed JSON") {
  ServerProcess server(development());
  REQUIRE(server.port() != 0);
  HttpConnection big(server.port());
  auto too_large =
      big.request("POST", "/api/auth/dev-login", {{"Content-Type", "application/json"}},
                  "{\"name\":\"" + std::string(70 * 1024, 'x') + "\"}");
  CHECK(too_large.status == 413);
  CHECK(too_large.header("Content-Type") == "application/problem+json");
  CHECK(json_string(too_large.body, "code") == "payload_too_large");
  CHECK(too_large.header("X-Request-Id"));

  auto wrong_type = http_request(server.port(), "POST", "/api/auth/dev-login",
                                 {{"Content-Type", "text/plain"}}, "{\"name\":\"x\"}");
  CHECK(wrong_type.status == 415);
  CHECK(json_string(wrong_type.body, "code") == "unsupported_media_type");
  auto malformed = http_request(server.port(), "POST", "/api/auth/dev-login",
                                {{"Content-Type", "application/json"}}, "{\"name\": nope");
  CHECK(malformed.status == 400);
  CHECK(json_string(malformed.body, "code") == "invalid_request");
  auto not_http = HttpConnection(server.port());
  REQUIRE(not_http.send_raw("GARBAGE\r\n\r\n"));
  CHECK(not_http.read_response().status == 400);
}

TEST_CASE("serve: forged, unsigned, expired and wrong-audience tokens are 401") {
  ServerProcess server(development());
  REQUIRE(server.port() != 0);
  const auto now = drop::Timestamp{std::chrono::duration_cast<std::chrono::microseconds>(
                                       std::chrono::system_clock::now().time_since_epoch())
                                       .count()};
  const drop::http::TokenCodec ours(test_jwt_secret);
  const drop::http::TokenCodec theirs("attacker-secret-attacker-secret-0000");
  const auto base64 = [](std::string_view text) { return drop::http::encode_base64url(text); };
  // The control: a token signed here with the server's secret is accepted (by the signature
  // check at least: its user does not exist, so /api/me still says 401 -- checked on logout).
  CHECK(http_request(server.port(), "POST", "/api/auth/logout",
                     {{"Authorization", "Bearer " + ours.issue("usr_x", "j0", now)}})
            .status == 200);
  const std::string claims = R"({"iss":"drop","aud":"drop-api","sub":"usr_x","iat":)" +
                             std::to_string(now.unix_seconds()) + R"(,"exp":)" +
                             std::to_string(now.unix_seconds() + 600) + R"(,"jti":"j1"})";
  const std::string wrong_audience = R"({"iss":"drop","aud":"other","sub":"usr_x","iat":)" +
                                     std::to_string(now.unix_seconds()) + R"(,"exp":)" +
                                     std::to_string(now.unix_seconds() + 600) + R"(,"jti":"j2"})";
  const std::string vectors = read_vector("jwt/rfc7515_rfc7636_vectors.json");
  rapidjson::Document document;
  document.Parse(vectors.c_str());
  std::vector<std::string> refused = {
      theirs.issue("usr_x", "j3", now),                                   // forged
      base64(R"({"alg":"none"})") + "." + base64(claims) + ".",           // unsigned
      ours.issue("usr_x", "j4", now.plus_seconds(-3600)),                 // expired
      sign_hs256(test_jwt_secret, R"({"alg":"HS256"})", wrong_audience),  // wrong audience
      sign_hs256(test_jwt_secret, R"({"alg":"HS512"})", claims),          // other algorithm
      document["rfc7515_A5_unsecured_none"]["compact"].GetString(),
      document["rfc7515_A1_HS256"]["compact"].GetString(),
      document["rfc7515_A2_RS256"]["compact"].GetString(),
      "not-a-token",
  };
  for (const auto& member : document["negative_string_manipulations_of_A1"].GetObject()) {
    if (!std::string(member.name.GetString()).starts_with("_"))
      refused.push_back(member.value.GetString());
  }
  for (const std::string& token : refused) {
    INFO(token);
    auto response =
        http_request(server.port(), "GET", "/api/me", {{"Authorization", "Bearer " + token}});
    CHECK(response.status == 401);
    CHECK(json_string(response.body, "code") == "unauthorized");
    auto by_cookie =
        http_request(server.port(), "GET", "/api/me", {{"Cookie", "drop_session=" + token}});
    CHECK(by_cookie.status == 401);
  }
}

TEST_CASE("serve: dev-login, me, logout, then the token is refused (SQLite)") {
  ServerProcess server(development());
  REQUIRE(server.port() != 0);
  auto login = dev_login(server.port(), "Ola Nordmann");
  REQUIRE(login.status == 200);
  const std::string token = json_string(login.body, "token");
  REQUIRE(!token.empty());
  const auto cookie = login.header("Set-Cookie");
  REQUIRE(cookie);
  CHECK(cookie->starts_with("drop_session=" + token));
  CHECK(cookie->find("HttpOnly") != std::string::npos);
  CHECK(cookie->find("SameSite=Lax") != std::string::npos);
  CHECK(cookie->find("Secure") == std::string::npos);  // development
  auto me = http_request(server.port(), "GET", "/api/me", {{"Authorization", "Bearer " + token}});
  REQUIRE(me.status == 200);
  CHECK(json_string(me.body, "name") == "Ola Nordmann");
  CHECK(json_string(me.body, "kyc_status") == "none");
  CHECK(
      http_request(server.port(), "GET", "/api/me", {{"Cookie", "drop_session=" + token}}).status ==
      200);
  auto logout = http_request(server.port(), "POST", "/api/auth/logout",
                             {{"Authorization", "Bearer " + token}});
  CHECK(logout.status == 200);
  CHECK(logout.header("Set-Cookie")->find("Max-Age=0") != std::string::npos);
  auto after =
      http_request(server.port(), "GET", "/api/me", {{"Authorization", "Bearer " + token}});
  CHECK(after.status == 401);
}

TEST_CASE("serve: the auth limit answers 429 with RateLimit headers and Retry-After") {
  ServerProcess server(development());
  REQUIRE(server.port() != 0);
  for (int i = 0; i < 10; ++i) {
    auto response = dev_login(server.port(), "user" + std::to_string(i));
    REQUIRE(response.status == 200);
    CHECK(response.header("RateLimit-Limit") == "10");
    CHECK(response.header("RateLimit-Remaining") == std::to_string(9 - i));
    CHECK(response.header("RateLimit-Reset"));
  }
  auto refused = dev_login(server.port(), "one too many");
  CHECK(refused.status == 429);
  CHECK(json_string(refused.body, "code") == "rate_limited");
  CHECK(refused.header("RateLimit-Limit") == "10");
  CHECK(refused.header("RateLimit-Remaining") == "0");
  REQUIRE(refused.header("Retry-After"));
  const int retry_after = std::stoi(*refused.header("Retry-After"));
  CHECK(retry_after >= 1);
  CHECK(retry_after <= 6);
  CHECK(std::stoi(*refused.header("RateLimit-Reset")) >= retry_after);
  // Health is not limited.
  CHECK(!http_request(server.port(), "GET", "/api/health").header("RateLimit-Limit"));
  auto metrics = http_request(server.port(), "GET", "/metrics");
  CHECK(metrics.body.find("drop_http_rate_limited_total 1\n") != std::string::npos);
  CHECK(metrics.body.find("drop_http_requests_total{method=\"POST\",route=\"/api/auth/"
                          "dev-login\",status=\"429\"} 1\n") != std::string::npos);
}

TEST_CASE("serve: openapi.json lists every route of the table, and metrics exposes counters") {
  ServerProcess server(development());
  REQUIRE(server.port() != 0);
  auto document_response = http_request(server.port(), "GET", "/api/openapi.json");
  REQUIRE(document_response.status == 200);
  rapidjson::Document document;
  document.Parse(document_response.body.c_str());
  REQUIRE(document.IsObject());
  CHECK(std::string(document["openapi"].GetString()) == "3.1.0");
  drop::app::Settings settings;  // development, as the server runs
  const auto router = drop::api::build_router(settings);
  REQUIRE(router.routes().size() >= 6);
  for (const auto& route : router.routes()) {
    INFO(route.pattern);
    REQUIRE(document["paths"].HasMember(route.pattern.c_str()));
    std::string method(drop::http::to_string(route.method));
    for (char& c : method) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    REQUIRE(document["paths"][route.pattern.c_str()].HasMember(method.c_str()));
    CHECK(std::string(
              document["paths"][route.pattern.c_str()][method.c_str()]["summary"].GetString()) ==
          route.summary);
  }
  CHECK(document["paths"]["/api/me"]["get"]["security"].Size() == 2);
  auto metrics = http_request(server.port(), "GET", "/metrics");
  CHECK(metrics.status == 200);
  CHECK(metrics.header("Content-Type")->starts_with("text/plain; version=0.0.4"));
  CHECK(metrics.body.find("drop_http_requests_total{method=\"GET\",route=\"/api/"
                          "openapi.json\",status=\"200\"} 1") != std::string::npos);
  CHECK(metrics.body.find("drop_http_request_duration_seconds_bucket{method=\"GET\",route=\"/api/"
                          "openapi.json\",le=\"+Inf\"} 1") != std::string::npos);
  CHECK(metrics.body.find("# TYPE drop_db_connections_in_use gauge") != std::string::npos);
  CHECK(metrics.body.find("# TYPE drop_ledger_batch_seconds gauge") != std::string::npos);
  CHECK(metrics.body.find("drop_ledger_gather_timeouts 0") != std::string::npos);
}

TEST_CASE("serve: one JSON log line per request, and no token or secret in any output") {
  ServerProcess server(development());
  REQUIRE(server.port() != 0);
  auto login = dev_login(server.port(), "Logger");
  const std::string token = json_string(login.body, "token");
  REQUIRE(!token.empty());
  int requests = 1;
  for (const char* path : {"/api/me", "/api/health", "/api/nowhere"}) {
    (void)http_request(server.port(), "GET", path,
                       {{"Authorization", "Bearer " + token}, {"Cookie", "drop_session=" + token}});
    ++requests;
  }
  (void)http_request(server.port(), "POST", "/api/auth/logout",
                     {{"Authorization", "Bearer " + token}});
  ++requests;
  server.signal(SIGTERM);
  REQUIRE(server.wait() == 0);
  const std::string out = server.out();
  const std::string err = server.err();
  int lines = 0;
  std::size_t start = 0;
  while (start < out.size()) {
    const std::size_t end = out.find('\n', start);
    REQUIRE(end != std::string::npos);
    rapidjson::Document line;
    line.Parse(out.c_str() + start, end - start);
    REQUIRE(line.IsObject());
    for (const char* member :
         {"time", "request_id", "method", "route", "status", "latency_ms", "user_id"}) {
      CHECK(line.HasMember(member));
    }
    ++lines;
    start = end + 1;
  }
  CHECK(lines == requests);
  CHECK(out.find("\"route\":\"/api/me\"") != std::string::npos);
  CHECK(out.find("\"user_id\":\"usr_") != std::string::npos);
  for (const std::string& text : {out, err}) {
    CHECK(text.find(token) == std::string::npos);
    CHECK(text.find(token.substr(token.rfind('.') + 1)) == std::string::npos);  // the signature
    CHECK(text.find(test_jwt_secret) == std::string::npos);
    CHECK(text.find("drop_session") == std::string::npos);
    CHECK(text.find("Bearer") == std::string::npos);
  }
}

TEST_CASE("serve: a full worker queue answers 503 unavailable instead of queueing") {
  ServerProcess server(
      {"JWT_SECRET=" + test_jwt_secret, "DROP_WORKER_THREADS=1", "DROP_WORKER_QUEUE_MAX=1"});
  REQUIRE(server.port() != 0);
  std::vector<std::thread> clients;
  std::vector<int> statuses(4, 0);
  for (std::size_t i = 0; i < statuses.size(); ++i) {
    clients.emplace_back([&, i] {
      statuses[i] = http_request(server.port(), "GET", "/api/dev/sleep?ms=1500").status;
    });
  }
  for (auto& client : clients) client.join();
  INFO(server.out());
  // One request runs, one waits in the queue, the others are refused.
  CHECK(std::count(statuses.begin(), statuses.end(), 200) <= 2);
  CHECK(std::count(statuses.begin(), statuses.end(), 503) >= 2);
  CHECK(std::count(statuses.begin(), statuses.end(), 200) +
            std::count(statuses.begin(), statuses.end(), 503) ==
        4);
  CHECK(http_request(server.port(), "GET", "/metrics").body.find("drop_worker_rejected_total 0") ==
        std::string::npos);
}

TEST_CASE("serve: bad settings and unusable databases stop start-up with one line") {
  auto no_secret = run_program({"serve"}, "", {"DROP_ENV=production", "JWT_SECRET=", "PORT=0"});
  CHECK(no_secret.exit_code == 1);
  CHECK(no_secret.err == "drop serve: JWT_SECRET: required when DROP_ENV is production\n");
  auto short_secret = run_program({"serve"}, "", {"JWT_SECRET=hunter2hunter2", "PORT=0"});
  CHECK(short_secret.exit_code == 1);
  CHECK(short_secret.err.find("JWT_SECRET") != std::string::npos);
  CHECK(short_secret.err.find("hunter2") == std::string::npos);
  auto bad_url = run_program({"serve"}, "",
                             {"SLACK_WEBHOOK_URL=http://hooks.example/T0/secret-path", "PORT=0"});
  CHECK(bad_url.exit_code == 1);
  CHECK(bad_url.err.find("SLACK_WEBHOOK_URL") != std::string::npos);
  CHECK(bad_url.err.find("secret-path") == std::string::npos);
  // Outside development an unmigrated database is refused (no silent migration).
  const auto directory =
      std::filesystem::temp_directory_path() / ("drop-serve-schema-" + std::to_string(::getpid()));
  std::filesystem::remove_all(directory);
  auto unmigrated = run_program({"serve"}, "",
                                {"DROP_ENV=production", "JWT_SECRET=" + test_jwt_secret, "PORT=0",
                                 "DATABASE_URL=sqlite:" + (directory / "drop.db").string()});
  CHECK(unmigrated.exit_code == 1);
  CHECK(unmigrated.err.find("DATABASE_URL: schema version 0") != std::string::npos);
  CHECK(std::count(unmigrated.err.begin(), unmigrated.err.end(), '\n') == 1);
  std::filesystem::remove_all(directory);
}

TEST_CASE("serve: production has no dev-login (404), and trusted proxy hops pick the client IP") {
  const auto directory =
      std::filesystem::temp_directory_path() / ("drop-serve-prod-" + std::to_string(::getpid()));
  std::filesystem::remove_all(directory);
  const std::string database = "DATABASE_URL=sqlite:" + (directory / "drop.db").string();
  REQUIRE(run_program({"migrate"}, "", {database}).exit_code == 0);
  {
    ServerProcess production({"DROP_ENV=production", "JWT_SECRET=" + test_jwt_secret, database});
    REQUIRE(production.port() != 0);
    auto login = dev_login(production.port(), "Nobody");
    CHECK(login.status == 404);
    CHECK(json_string(login.body, "code") == "not_found");
    CHECK(http_request(production.port(), "GET", "/api/health").status == 200);
    auto document = http_request(production.port(), "GET", "/api/openapi.json");
    CHECK(document.body.find("dev-login") == std::string::npos);
  }
  std::filesystem::remove_all(directory);

  ServerProcess proxied({"JWT_SECRET=" + test_jwt_secret, "DROP_TRUSTED_PROXY_HOPS=1"});
  REQUIRE(proxied.port() != 0);
  const auto login_from = [&](const std::string& forwarded_for) {
    return http_request(proxied.port(), "POST", "/api/auth/dev-login",
                        {{"Content-Type", "application/json"}, {"X-Forwarded-For", forwarded_for}},
                        "{\"name\":\"p\"}")
        .status;
  };
  for (int i = 0; i < 10; ++i) REQUIRE(login_from("198.51.100.1, 203.0.113.1") == 200);
  CHECK(login_from("203.0.113.1") == 429);
  // A client-chosen prefix does not change the key; another proxied client has its own budget.
  CHECK(login_from("6.6.6.6, 203.0.113.1") == 429);
  CHECK(login_from("203.0.113.2") == 200);
}

TEST_CASE("serve: development without JWT_SECRET generates one and says so") {
  ServerProcess server({"JWT_SECRET="});
  REQUIRE(server.port() != 0);
  CHECK(server.err().find("\"event\":\"jwt_secret_generated\"") != std::string::npos);
  auto login = dev_login(server.port(), "Dev");
  REQUIRE(login.status == 200);
  const std::string token = json_string(login.body, "token");
  auto me = http_request(server.port(), "GET", "/api/me", {{"Authorization", "Bearer " + token}});
  REQUIRE(me.status == 200);
  const std::string user_id = json_string(me.body, "id");
  REQUIRE(!user_id.empty());
  // Signed with the generated secret, not with any fixed one: a well-formed token for the same
  // user signed with another secret is refused.
  const auto now = drop::Timestamp{std::chrono::duration_cast<std::chrono::microseconds>(
                                       std::chrono::system_clock::now().time_since_epoch())
                                       .count()};
  CHECK(
      http_request(server.port(), "GET", "/api/me",
                   {{"Authorization",
                     "Bearer " + drop::http::TokenCodec(test_jwt_secret).issue(user_id, "j", now)}})
          .status == 401);
}

TEST_CASE("serve: a request that is not completed within the read deadline is dropped") {
  ServerProcess server({"JWT_SECRET=" + test_jwt_secret, "DROP_READ_TIMEOUT_MS=300"});
  REQUIRE(server.port() != 0);
  HttpConnection slow(server.port());
  REQUIRE(slow.send_raw("GET /api/health HTTP/1.1\r\nHost: x\r\n"));  // never finishes
  CHECK(slow.closed_by_server());
  HttpConnection idle(server.port());
  REQUIRE(idle.request("GET", "/api/health").status == 200);
  CHECK(idle.closed_by_server());  // keep-alive idle beyond the deadline
  CHECK(http_request(server.port(), "GET", "/api/health").status == 200);
}

TEST_CASE("serve: a client dribbling a request byte by byte is dropped at the read deadline") {
  ServerProcess server({"JWT_SECRET=" + test_jwt_secret, "DROP_READ_TIMEOUT_MS=300"});
  REQUIRE(server.port() != 0);
  HttpConnection dribbler(server.port());
  // One byte every 50 ms: each read completes well within 300 ms, the request never does.
  const std::string header = "GET /api/health HTTP/1.1\r\nHost: x\r\nX-Slow: ";
  bool refused = false;
  for (int i = 0; i < 40 && !refused; ++i) {  // 2 s, far beyond the 300 ms deadline
    refused = !dribbler.send_raw(i < static_cast<int>(header.size()) ? header.substr(i, 1) : "a");
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  // Closed while the client was still sending (a per-read deadline would keep it open to the end).
  CHECK(refused);
  CHECK(http_request(server.port(), "GET", "/api/health").status == 200);
}
