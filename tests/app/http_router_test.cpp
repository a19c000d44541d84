// Router matching without sockets: literal and {id} segments, a parameter before a literal
// suffix (/api/qr/{id}.svg), literal segments beating parameters, HEAD served by GET routes,
// 404 for unknown paths and 405 with the Allow list for known paths with another method.
#include <catch2/catch.hpp>

#include "http/router.hpp"

using namespace drop::http;

namespace {

Response ok(const Request&, Context&) { return Response::json(200, "{}"); }

Router sample_router() {
  Router router;
  router.add({.method = Method::get, .pattern = "/api/accounts", .handler = ok});
  router.add({.method = Method::get, .pattern = "/api/accounts/{id}/entries", .handler = ok});
  router.add({.method = Method::get, .pattern = "/api/qr/{id}.svg", .handler = ok});
  router.add({.method = Method::post, .pattern = "/api/qr/decode", .handler = ok});
  router.add({.method = Method::get, .pattern = "/api/transfers/{id}", .handler = ok});
  router.add({.method = Method::get, .pattern = "/api/transfers", .handler = ok});
  router.add({.method = Method::post, .pattern = "/api/transfers", .handler = ok});
  return router;
}

}  // namespace

TEST_CASE("router: literal paths and path parameters") {
  const Router router = sample_router();
  auto match = router.match(Method::get, "/api/accounts");
  REQUIRE(match.outcome == RouteMatch::Outcome::found);
  CHECK(match.route->pattern == "/api/accounts");

  match = router.match(Method::get, "/api/accounts/acc_42/entries");
  REQUIRE(match.outcome == RouteMatch::Outcome::found);
  CHECK(match.route->pattern == "/api/accounts/{id}/entries");
  REQUIRE(match.params.size() == 1);
  CHECK(match.params[0] == std::pair<std::string, std::string>{"id", "acc_42"});

  match = router.match(Method::get, "/api/qr/qr_7.svg");
  REQUIRE(match.outcome == RouteMatch::Outcome::found);
  CHECK(match.params[0].second == "qr_7");

  CHECK(router.match(Method::get, "/api/qr/.svg").outcome == RouteMatch::Outcome::not_found);
  CHECK(router.match(Method::get, "/api/qr/qr_7.png").outcome == RouteMatch::Outcome::not_found);
  CHECK(router.match(Method::get, "/api/accounts//entries").outcome ==
        RouteMatch::Outcome::not_found);
  CHECK(router.match(Method::get, "/api/accounts/").outcome == RouteMatch::Outcome::not_found);
  CHECK(router.match(Method::get, "/nowhere").outcome == RouteMatch::Outcome::not_found);
  CHECK(router.match(Method::get, "").outcome == RouteMatch::Outcome::not_found);
}

TEST_CASE("router: literal segments win over parameters, and HEAD uses GET routes") {
  Router router;
  router.add(
      {.method = Method::get, .pattern = "/api/quotes/{id}", .handler = ok, .summary = "param"});
  router.add({.method = Method::get,
              .pattern = "/api/quotes/latest",
              .handler = ok,
              .summary = "literal"});
  auto match = router.match(Method::get, "/api/quotes/latest");
  REQUIRE(match.outcome == RouteMatch::Outcome::found);
  CHECK(match.route->summary == "literal");
  CHECK(match.params.empty());
  match = router.match(Method::head, "/api/quotes/quo_1");
  REQUIRE(match.outcome == RouteMatch::Outcome::found);
  CHECK(match.route->summary == "param");
}

TEST_CASE("router: 405 with the allowed methods") {
  const Router router = sample_router();
  auto match = router.match(Method::delete_, "/api/transfers");
  CHECK(match.outcome == RouteMatch::Outcome::method_not_allowed);
  CHECK(match.allow == "GET, HEAD, POST");
  match = router.match(Method::get, "/api/qr/decode");
  CHECK(match.outcome == RouteMatch::Outcome::method_not_allowed);
  CHECK(match.allow == "POST");
}

TEST_CASE("router: the table is introspectable in insertion order") {
  const Router router = sample_router();
  REQUIRE(router.routes().size() == 7);
  CHECK(router.routes()[1].pattern == "/api/accounts/{id}/entries");
  auto match = router.match(Method::get, "/api/transfers/trf_1");
  CHECK(match.route_index == 4);
}
