// drop::text::form_decode: the one decoder for query parameters (the HTTP server) and form
// bodies (BankID's token responses).
#include "drop/text/form_decode.hpp"

#include <catch2/catch.hpp>

using drop::text::form_decode;

TEST_CASE("form_decode: plus is a space and %XX a byte, in either case") {
  CHECK(form_decode("a+b") == "a b");
  CHECK(form_decode("https%3A%2F%2Fdrop.test%2fx") == "https://drop.test/x");
  CHECK(form_decode("%C3%B8") == "\xC3\xB8");
  CHECK(form_decode("%00") == std::string(1, '\0'));
  CHECK(form_decode("") == "");
}

TEST_CASE("form_decode: a percent sign without two hex digits stays as it is") {
  CHECK(form_decode("100%") == "100%");
  CHECK(form_decode("%4") == "%4");
  CHECK(form_decode("%zz1") == "%zz1");
  CHECK(form_decode("%%41") == "%A");
}
