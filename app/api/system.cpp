// System routes: health, metrics and the OpenAPI document run inline on the I/O threads (they
// read atomics and memory only); the development-only sleep runs on the worker pool.
#include <chrono>
#include <thread>

#include "api/routes.hpp"
#include "drop/version.hpp"
#include "http/context.hpp"
#include "http/openapi.hpp"
#include "http/problem.hpp"
#include "json/json.hpp"

namespace drop::api {

namespace {

using http::Context;
using http::Request;
using http::Response;

Response health(const Request&, Context& context) {
  const bool database_ok = context.health->database_ok();
  const bool ok = database_ok && !context.health->draining();
  json::Buffer buffer;
  json::Writer writer(buffer);
  writer.StartObject();
  json::write_key(writer, "status");
  json::write_string(writer, ok ? "ok" : "unavailable");
  json::write_key(writer, "version");
  json::write_string(writer, drop::version());
  json::write_key(writer, "checks");
  writer.StartObject();
  json::write_key(writer, "database");
  json::write_string(writer, database_ok ? "ok" : "unavailable");
  writer.EndObject();
  if (context.health->draining()) {
    json::write_key(writer, "draining");
    writer.Bool(true);
  }
  writer.EndObject();
  Response response = Response::json(ok ? 200 : 503, json::to_string(buffer));
  response.headers.set("Cache-Control", "no-store");
  return response;
}

Response metrics(const Request&, Context& context) {
  return Response::text(200, "text/plain; version=0.0.4; charset=utf-8", context.metrics->render());
}

Response openapi(const Request&, Context& context) {
  return Response::json(200, http::openapi_document(*context.router, drop::version()));
}

// Development only: holds a worker for ?ms= milliseconds (<= 5000), so drain tests have
// requests in flight.
Response sleep(const Request& request, Context&) {
  int milliseconds = 0;
  if (const auto value = request.query_param("ms")) {
    milliseconds = std::atoi(std::string(*value).c_str());
  }
  milliseconds = std::clamp(milliseconds, 0, 5000);
  std::this_thread::sleep_for(std::chrono::milliseconds(milliseconds));
  return Response::json(200, "{\"slept_ms\":" + std::to_string(milliseconds) + "}");
}

}  // namespace

void add_system_routes(http::Router& router, const app::Settings& settings) {
  router.add({.method = http::Method::get,
              .pattern = "/api/health",
              .handler = health,
              .summary = "Liveness and readiness: 503 while the database is unreachable or the "
                         "server is draining",
              .inline_handler = true,
              .tag = "system"});
  router.add({.method = http::Method::get,
              .pattern = "/metrics",
              .handler = metrics,
              .summary = "Prometheus metrics (text format 0.0.4)",
              .inline_handler = true,
              .tag = "system",
              .success_content_type = "text/plain"});
  router.add({.method = http::Method::get,
              .pattern = "/api/openapi.json",
              .handler = openapi,
              .summary = "This OpenAPI 3.1 document",
              .inline_handler = true,
              .tag = "system"});
  if (settings.development()) {
    router.add({.method = http::Method::get,
                .pattern = "/api/dev/sleep",
                .handler = sleep,
                .summary = "Development only: answers after ?ms= milliseconds (drain tests)",
                .tag = "development"});
  }
}

}  // namespace drop::api
