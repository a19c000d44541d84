// The two commands the container image relies on, through the real program:
// - `drop health` (the HEALTHCHECK; the runtime image has no curl): exit 0 against a serving
//   `drop serve`; exit 1 with one stderr line when nothing listens, when the answer is 503 and
//   when the server accepts but never answers (a scripted listener on 127.0.0.1 in this test);
//   exit 2 on usage errors.
// - `drop start` (Fly.io staging: migrate, then serve): outside development `drop serve` refuses
//   a fresh database (the schema is behind), while `drop start` migrates it, logs one JSON
//   "migrate" event and serves; SIGTERM stops it with exit 0.
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <thread>

#include "serve_support.hpp"
#include "support/program.hpp"
#include "support/server_process.hpp"

using namespace drop_test;

namespace {

// A listener on 127.0.0.1 that accepts one connection, reads the request, then writes `answer`
// (or, when `answer` is empty, waits until the client gives up and closes).
class ScriptedListener {
 public:
  explicit ScriptedListener(std::string answer) : answer_(std::move(answer)) {
    descriptor_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t size = sizeof address;
    ::bind(descriptor_, reinterpret_cast<sockaddr*>(&address), size);
    ::listen(descriptor_, 4);
    ::getsockname(descriptor_, reinterpret_cast<sockaddr*>(&address), &size);
    port_ = ntohs(address.sin_port);
    thread_ = std::thread([this] { serve_one(); });
  }
  ~ScriptedListener() {
    ::shutdown(descriptor_, SHUT_RDWR);
    thread_.join();
    ::close(descriptor_);
  }
  std::uint16_t port() const { return port_; }

 private:
  void serve_one() {
    const int connection = ::accept(descriptor_, nullptr, nullptr);
    if (connection < 0) return;
    char buffer[1024];
    (void)::recv(connection, buffer, sizeof buffer, 0);
    if (!answer_.empty()) {
      (void)::send(connection, answer_.data(), answer_.size(), MSG_NOSIGNAL);
    } else {
      while (::recv(connection, buffer, sizeof buffer, 0) > 0) {
      }
    }
    ::close(connection);
  }
  std::string answer_;
  int descriptor_ = -1;
  std::uint16_t port_ = 0;
  std::thread thread_;
};

std::uint16_t unused_port() {
  const int descriptor = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t size = sizeof address;
  ::bind(descriptor, reinterpret_cast<sockaddr*>(&address), size);
  ::getsockname(descriptor, reinterpret_cast<sockaddr*>(&address), &size);
  ::close(descriptor);
  return ntohs(address.sin_port);
}

std::vector<std::string> staging(const std::filesystem::path& directory) {
  return {"DROP_ENV=staging",
          "JWT_SECRET=" + test_jwt_secret,
          "PORT=0",
          "DROP_IO_THREADS=1",
          "DROP_WORKER_THREADS=2",
          "DATABASE_URL=sqlite:" + (directory / "drop.db").string()};
}

std::filesystem::path scratch_directory(const char* name) {
  const auto directory = std::filesystem::temp_directory_path() /
                         (std::string(name) + "-" + std::to_string(::getpid()));
  std::filesystem::remove_all(directory);
  std::filesystem::create_directories(directory);
  return directory;
}

}  // namespace

TEST_CASE("drop health: 0 against drop serve, 1 when refused, 503 or silent, 2 on usage") {
  ServerProcess server({"JWT_SECRET=" + test_jwt_secret});
  REQUIRE(server.port() != 0);
  const auto healthy = run_program({"health", "--port", std::to_string(server.port())});
  CHECK(healthy.exit_code == 0);
  CHECK(healthy.out.find("/api/health: 200") != std::string::npos);

  const auto refused = run_program({"health", "--port", std::to_string(unused_port())});
  CHECK(refused.exit_code == 1);
  CHECK(refused.err.find("drop health: http://127.0.0.1:") == 0);
  CHECK(refused.err.find("refused") != std::string::npos);

  {
    ScriptedListener draining(
        "HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
    const auto unavailable = run_program({"health", "--port", std::to_string(draining.port())});
    CHECK(unavailable.exit_code == 1);
    CHECK(unavailable.err.find("answered 503") != std::string::npos);
  }
  {
    ScriptedListener silent("");
    const auto hung =
        run_program({"health", "--port", std::to_string(silent.port()), "--timeout-ms", "300"});
    CHECK(hung.exit_code == 1);
    CHECK(hung.err.find("no answer in time") != std::string::npos);
  }
  CHECK(run_program({"health", "--port", "0"}).exit_code == 2);
  CHECK(run_program({"health", "--port"}).exit_code == 2);
  CHECK(run_program({"health", "--verbose"}).exit_code == 2);
  CHECK(run_program({"health"}, "", {"PORT=http"}).exit_code == 2);
}

TEST_CASE("drop start: migrates a fresh staging database and serves (serve alone refuses it)") {
  const auto directory = scratch_directory("drop-start");
  const auto refused = run_program({"serve"}, "", staging(directory));
  CHECK(refused.exit_code == 1);
  CHECK(refused.err.find("drop migrate") != std::string::npos);

  // `drop start` as a child process, stderr in a file (the "listening" line carries the port).
  const std::string err_path = (directory / "stderr").string();
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 2, err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                   0600);
  std::vector<std::string> owned = {DROP_PROGRAM, "start"};
  std::vector<char*> argv;
  for (auto& argument : owned) argv.push_back(argument.data());
  argv.push_back(nullptr);
  std::vector<std::string> environment = staging(directory);
  for (char** entry = environ; *entry != nullptr; ++entry) {
    const std::string current(*entry);
    const std::string name = current.substr(0, current.find('=') + 1);
    bool overridden = false;
    for (const auto& mine : environment) overridden |= mine.starts_with(name);
    if (!overridden) environment.push_back(current);
  }
  std::vector<char*> envp;
  for (auto& entry : environment) envp.push_back(entry.data());
  envp.push_back(nullptr);
  pid_t pid = -1;
  REQUIRE(posix_spawn(&pid, DROP_PROGRAM, &actions, nullptr, argv.data(), envp.data()) == 0);
  posix_spawn_file_actions_destroy(&actions);

  std::uint16_t port = 0;
  std::string log;
  for (int attempt = 0; attempt < 3000 && port == 0; ++attempt) {
    log = read_file(err_path);
    const auto listening = log.find("\"event\":\"listening\"");
    const auto key = listening == std::string::npos ? listening : log.find("\"port\":", listening);
    if (key != std::string::npos) port = static_cast<std::uint16_t>(std::stoi(log.substr(key + 7)));
    if (port == 0) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  CHECK(port != 0);
  CHECK(log.find("\"event\":\"migrate\"") != std::string::npos);
  CHECK(log.find("applied migration") != std::string::npos);
  CHECK(log.find("\"environment\":\"staging\"") != std::string::npos);
  if (port != 0) {
    CHECK(run_program({"health", "--port", std::to_string(port)}).exit_code == 0);
  }
  ::kill(pid, SIGTERM);
  int status = 0;
  ::waitpid(pid, &status, 0);
  CHECK(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);

  // A second start finds the schema up to date.
  const auto again = run_program({"migrate"}, "", staging(directory));
  CHECK(again.out.find("up to date") != std::string::npos);
  std::filesystem::remove_all(directory);
}
