// application/x-www-form-urlencoded encoding (WHATWG URL "application/x-www-form-urlencoded
// serializer": ALPHA, DIGIT and *-._ kept, space as '+', every other byte %XX) for the
// authorization URL's query and the token request body, and the client_secret_basic
// Authorization header of RFC 6749 2.3.1: Basic base64(form(client_id) ":" form(secret)).
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace drop::adapters::bankid {

std::string form_encode(std::string_view value);

// "a=1&b=2" with each name and value form-encoded, in the given order.
std::string form_body(const std::vector<std::pair<std::string_view, std::string_view>>& fields);

// "Basic <base64>" per RFC 6749 2.3.1 (the id and secret are form-encoded first).
std::string basic_authorization(std::string_view client_id, std::string_view client_secret);

// The first value of `name` in a form-encoded body ("" when absent); decodes %XX and '+'.
std::string form_value(std::string_view body, std::string_view name);

}  // namespace drop::adapters::bankid
