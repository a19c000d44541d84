// Digests computed by the `openssl` command-line program: an implementation independent of the
// adapter's, as vectors/sumsub/README.md asks (there are no official worked digests).
#pragma once

#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

namespace drop_test {

// `openssl dgst -<hash> [-hmac <key>] -hex` over `data`; the lowercase hex digest.
inline std::string openssl_digest(const std::string& hash, const std::string& data,
                                  const std::string* hmac_key = nullptr) {
  static int counter = 0;
  const auto path =
      std::filesystem::temp_directory_path() /
      ("drop-openssl-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
  {
    std::ofstream out(path, std::ios::binary);
    out << data;
  }
  std::string command = "openssl dgst -" + hash;
  if (hmac_key) command += " -hmac '" + *hmac_key + "'";  // test keys have no quotes
  command += " -hex < " + path.string();
  FILE* pipe = ::popen(command.c_str(), "r");
  REQUIRE(pipe != nullptr);
  std::string output;
  char buffer[512];
  while (std::fgets(buffer, sizeof buffer, pipe)) output += buffer;
  REQUIRE(::pclose(pipe) == 0);
  std::filesystem::remove(path);
  const auto equals = output.rfind("= ");
  REQUIRE(equals != std::string::npos);
  std::string hex = output.substr(equals + 2);
  while (!hex.empty() && (hex.back() == '\n' || hex.back() == '\r')) hex.pop_back();
  return hex;
}

}  // namespace drop_test
