// Decoding one application/x-www-form-urlencoded component (a query parameter's name or value,
// a field of a form body): '+' is a space and %XX a byte; a '%' not followed by two hex digits
// stays as it is (WHATWG URL's percent-decode is just as lenient).
// Thread-safety: a pure function.
#pragma once

#include <string>
#include <string_view>

namespace drop::text {

std::string form_decode(std::string_view component);

}  // namespace drop::text
