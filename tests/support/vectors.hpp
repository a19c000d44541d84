// Access to the public test vectors in ../shared/vectors (path: the DROP_VECTORS_DIR CMake
// option). When the folder is absent, a test that needs it exits 77 and ctest reports it skipped;
// every other test still runs.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace drop_test {

// The absolute path of a vector file; skips the calling test when it is missing.
inline std::string vector_path(const std::string& relative) {
  const std::filesystem::path path = std::filesystem::path(DROP_VECTORS_DIR) / relative;
  if (!std::filesystem::exists(path)) {
    std::fprintf(stderr, "SKIPPED: test vector %s not found (set DROP_VECTORS_DIR)\n",
                 path.c_str());
    std::exit(77);
  }
  return path.string();
}

inline std::string read_vector(const std::string& relative) {
  std::ifstream in(vector_path(relative), std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

// The file's lines without their line endings.
inline std::vector<std::string> vector_lines(const std::string& relative) {
  std::istringstream in(read_vector(relative));
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(line);
  }
  return lines;
}

}  // namespace drop_test
