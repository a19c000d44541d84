// `drop qr decode | encode | svg` driven through the real program (DROP_PROGRAM) with
// fork/exec: payloads travel as argv entries (never through a shell), JSON through stdin.
// Checks decode | encode round trips over every valid and edge EMV vector and every valid EPC
// example, exit code 1 with one stderr line naming the rule for every invalid vector
// (--strict), the SVG, usage errors (exit 2), and a new Drop code built from named fields.
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "core/qr/qr_vectors.hpp"

namespace {

struct Run {
  int exit_code = -1;
  std::string out;
  std::string err;
};

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

std::string temp_file(const std::string& content) {
  char name[] = "/tmp/drop_qr_cli_XXXXXX";
  const int fd = mkstemp(name);
  REQUIRE(fd >= 0);
  REQUIRE(write(fd, content.data(), content.size()) == static_cast<ssize_t>(content.size()));
  close(fd);
  return name;
}

// Runs `drop <arguments...>` with `input` on stdin.
Run run_drop(const std::vector<std::string>& arguments, const std::string& input = "") {
  const std::string in_path = temp_file(input);
  const std::string out_path = temp_file("");
  const std::string err_path = temp_file("");
  const pid_t pid = fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    const int in = open(in_path.c_str(), O_RDONLY);
    const int out = open(out_path.c_str(), O_WRONLY | O_TRUNC);
    const int err = open(err_path.c_str(), O_WRONLY | O_TRUNC);
    if (in < 0 || out < 0 || err < 0) _exit(126);
    dup2(in, 0);
    dup2(out, 1);
    dup2(err, 2);
    std::vector<char*> argv;
    argv.push_back(const_cast<char*>(DROP_PROGRAM));
    for (const std::string& argument : arguments)
      argv.push_back(const_cast<char*>(argument.c_str()));
    argv.push_back(nullptr);
    execv(DROP_PROGRAM, argv.data());
    _exit(127);
  }
  int status = 0;
  REQUIRE(waitpid(pid, &status, 0) == pid);
  Run run;
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  run.out = slurp(out_path);
  run.err = slurp(err_path);
  std::remove(in_path.c_str());
  std::remove(out_path.c_str());
  std::remove(err_path.c_str());
  return run;
}

void check_round_trip(const std::string& payload) {
  INFO(payload);
  const Run decoded = run_drop({"qr", "decode", payload});
  REQUIRE(decoded.exit_code == 0);
  CHECK(decoded.err.empty());
  const Run encoded = run_drop({"qr", "encode"}, decoded.out);
  INFO(encoded.err);
  REQUIRE(encoded.exit_code == 0);
  CHECK(encoded.out == payload);
}

}  // namespace

TEST_CASE("drop qr decode | drop qr encode reproduces every valid and edge EMV vector") {
  for (const auto& vector : drop_test::emv_valid_vectors()) check_round_trip(vector.payload);
  for (const auto& vector : drop_test::emv_edge_vectors()) check_round_trip(vector.payload);
}

TEST_CASE("drop qr decode | drop qr encode reproduces every valid EPC example") {
  for (const auto& example : drop_test::epc_examples()) {
    if (example.valid) check_round_trip(example.payload);
  }
}

TEST_CASE("drop qr decode --strict refuses every invalid EMV vector naming its rule") {
  for (const auto& vector : drop_test::emv_invalid_vectors()) {
    INFO(vector.label << ": " << vector.payload);
    const Run run = run_drop({"qr", "decode", "--strict", vector.payload});
    CHECK(run.exit_code == 1);
    CHECK(run.out.empty());
    CHECK(run.err.find(vector.label + " at ") != std::string::npos);
    CHECK(run.err.find("offset ") != std::string::npos);
    CHECK(run.err.find('\n') == run.err.size() - 1);  // exactly one line
  }
}

TEST_CASE("drop qr decode refuses invalid EPC examples naming the rule and line") {
  for (const auto& example : drop_test::epc_examples()) {
    if (example.valid) continue;
    INFO(example.title);
    const Run run = run_drop({"qr", "decode", example.payload});
    CHECK(run.exit_code == 1);
    CHECK(run.err.find("EPC_") != std::string::npos);
    CHECK(run.err.find(" at line ") != std::string::npos);
  }
}

TEST_CASE("drop qr decode reports the strict view of a lenient-only payload") {
  const auto edges = drop_test::emv_edge_vectors();
  const Run run = run_drop({"qr", "decode", edges.front().payload});  // PIX amount 0
  REQUIRE(run.exit_code == 0);
  CHECK(run.out.find("\"strict\":false") != std::string::npos);
  CHECK(run.out.find("\"strict_violation\":\"FORMAT_54 at tag 54") != std::string::npos);
}

TEST_CASE("drop qr encode builds a payable Drop code from named fields") {
  const std::string json =
      R"({"format":"emv-mpm","point_of_initiation":"dynamic","merchant_accounts":[{"tag":"26",)"
      R"("guid":"no.getdrop","fields":{"01":"usr_1","02":"qr_2"}}],"merchant_category_code":)"
      R"("0000","amount":{"amount":15000,"currency":"NOK"},"country":"NO","merchant_name":)"
      R"("Kari","merchant_city":"Oslo","additional_data":{"reference_label":"Pizza"}})";
  const Run encoded = run_drop({"qr", "encode"}, json);
  REQUIRE(encoded.exit_code == 0);
  CHECK(encoded.out.rfind("000201010212", 0) == 0);
  const Run decoded = run_drop({"qr", "decode", "--strict", encoded.out});
  REQUIRE(decoded.exit_code == 0);
  CHECK(decoded.out.find("\"payable\":true") != std::string::npos);
  CHECK(decoded.out.find("\"amount\":{\"amount\":15000,\"currency\":\"NOK\"}") !=
        std::string::npos);
}

TEST_CASE("drop qr svg renders, usage errors exit 2, bad JSON exits 1") {
  const auto valid = drop_test::emv_valid_vectors();
  const Run svg = run_drop({"qr", "svg", valid.front().payload});
  REQUIRE(svg.exit_code == 0);
  CHECK(svg.out.rfind("<?xml", 0) == 0);
  CHECK(svg.out.find("</svg>") != std::string::npos);
  CHECK(run_drop({"qr", "svg", "not a qr"}).exit_code == 1);
  CHECK(run_drop({"qr", "decode"}).exit_code == 2);
  CHECK(run_drop({"qr", "decode", "a", "b"}).exit_code == 2);
  CHECK(run_drop({"qr", "encode", "extra"}).exit_code == 2);
  const Run bad = run_drop({"qr", "encode"}, "{not json");
  CHECK(bad.exit_code == 1);
  CHECK(bad.err.find("invalid JSON") != std::string::npos);
  CHECK(run_drop({"qr", "encode"}, R"({"format":"png"})").exit_code == 1);
  CHECK(run_drop({"qr", "decode", ""}).exit_code == 1);
}
