// The OpenAPI 3.1 document of the API, generated from the route table: every route appears with
// its summary, path parameters, security, Idempotency-Key header, JSON request body and the
// problem+json responses its declared requirements can produce. A route added to the table
// appears here without further work. Thread-safety: pure function.
#pragma once

#include <string>
#include <string_view>

#include "http/router.hpp"

namespace drop::http {

std::string openapi_document(const Router& router, std::string_view version);

}  // namespace drop::http
