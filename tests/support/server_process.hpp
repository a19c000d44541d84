// Runs `drop serve` (DROP_PROGRAM) as a child process on a free port (PORT=0; the port is read
// from the "listening" log line), with stdout and stderr captured in files for later scans.
// The environment is the test's own plus `environment` ("NAME=value", overriding).
#pragma once

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

extern char** environ;

namespace drop_test {

inline std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

class ServerProcess {
 public:
  // Starts the server; port() is 0 when it did not start listening within 15 s (see err()).
  explicit ServerProcess(std::vector<std::string> environment) {
    static int counter = 0;
    directory_ = std::filesystem::temp_directory_path() /
                 ("drop-serve-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    std::filesystem::remove_all(directory_);
    std::filesystem::create_directories(directory_);
    std::vector<std::string> defaults = {
        "PORT=0", "DROP_IO_THREADS=2", "DROP_WORKER_THREADS=4",
        "DATABASE_URL=sqlite:" + (directory_ / "drop.db").string()};
    for (auto& entry : environment) {
      const std::string name = entry.substr(0, entry.find('=') + 1);
      std::erase_if(defaults, [&](const std::string& value) { return value.starts_with(name); });
      defaults.push_back(std::move(entry));
    }
    spawn(defaults);
    wait_for_port();
  }
  ~ServerProcess() {
    if (pid_ > 0 && !exited_) {
      ::kill(pid_, SIGKILL);
      int status = 0;
      ::waitpid(pid_, &status, 0);
    }
    std::error_code ignored;
    std::filesystem::remove_all(directory_, ignored);
  }
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  std::uint16_t port() const { return port_; }
  const std::filesystem::path& directory() const { return directory_; }
  std::string out() const { return read_file(directory_ / "stdout"); }
  std::string err() const { return read_file(directory_ / "stderr"); }

  void signal(int number) { ::kill(pid_, number); }

  // Waits for the process to exit; its exit code (128 + signal when killed), -1 on timeout.
  int wait(int timeout_s = 20) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(timeout_s);
    while (std::chrono::steady_clock::now() < deadline) {
      int status = 0;
      if (::waitpid(pid_, &status, WNOHANG) == pid_) {
        exited_ = true;
        return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return -1;
  }

 private:
  void spawn(const std::vector<std::string>& environment) {
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    const std::string out_path = (directory_ / "stdout").string();
    const std::string err_path = (directory_ / "stderr").string();
    posix_spawn_file_actions_addopen(&actions, 1, out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                     0600);
    posix_spawn_file_actions_addopen(&actions, 2, err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                     0600);
    std::vector<std::string> owned = {DROP_PROGRAM, "serve"};
    std::vector<char*> argv;
    for (auto& argument : owned) argv.push_back(argument.data());
    argv.push_back(nullptr);
    std::vector<std::string> env_owned;
    for (char** entry = environ; *entry != nullptr; ++entry) {
      const std::string current(*entry);
      const std::string name = current.substr(0, current.find('='));
      bool overridden = false;
      for (const auto& extra : environment) overridden |= extra.substr(0, extra.find('=')) == name;
      if (!overridden) env_owned.push_back(current);
    }
    env_owned.insert(env_owned.end(), environment.begin(), environment.end());
    std::vector<char*> envp;
    for (auto& entry : env_owned) envp.push_back(entry.data());
    envp.push_back(nullptr);
    if (posix_spawn(&pid_, DROP_PROGRAM, &actions, nullptr, argv.data(), envp.data()) != 0)
      pid_ = -1;
    posix_spawn_file_actions_destroy(&actions);
  }

  void wait_for_port() {
    if (pid_ <= 0) return;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(15);
    while (std::chrono::steady_clock::now() < deadline) {
      const std::string text = err();
      const auto event = text.find("\"event\":\"listening\"");
      if (event != std::string::npos) {
        const auto key = text.find("\"port\":", event);
        if (key != std::string::npos) {
          port_ = static_cast<std::uint16_t>(std::stoi(text.substr(key + 7)));
          return;
        }
      }
      int status = 0;
      if (::waitpid(pid_, &status, WNOHANG) == pid_) {
        exited_ = true;
        return;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
  }

  std::filesystem::path directory_;
  pid_t pid_ = -1;
  bool exited_ = false;
  std::uint16_t port_ = 0;
};

}  // namespace drop_test
