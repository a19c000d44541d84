// Runs the real `drop` program (DROP_PROGRAM) as a child process: arguments passed directly
// (no shell), optional stdin, extra environment; captures exit code, stdout and stderr.
#pragma once

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstring>
#include <string>
#include <thread>
#include <vector>

extern char** environ;

namespace drop_test {

struct ProgramResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

inline std::string read_all(int descriptor) {
  std::string text;
  char buffer[65536];
  ssize_t count = 0;
  while ((count = ::read(descriptor, buffer, sizeof buffer)) > 0)
    text.append(buffer, static_cast<std::size_t>(count));
  ::close(descriptor);
  return text;
}

// environment: extra "NAME=value" entries added to (and overriding) the current environment.
inline ProgramResult run_executable(const std::string& program,
                                    const std::vector<std::string>& arguments,
                                    const std::string& input = "",
                                    const std::vector<std::string>& environment = {}) {
  int in_pipe[2], out_pipe[2], err_pipe[2];
  if (::pipe(in_pipe) != 0 || ::pipe(out_pipe) != 0 || ::pipe(err_pipe) != 0) return {};
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, in_pipe[0], 0);
  posix_spawn_file_actions_adddup2(&actions, out_pipe[1], 1);
  posix_spawn_file_actions_adddup2(&actions, err_pipe[1], 2);
  for (int descriptor :
       {in_pipe[0], in_pipe[1], out_pipe[0], out_pipe[1], err_pipe[0], err_pipe[1]}) {
    posix_spawn_file_actions_addclose(&actions, descriptor);
  }
  std::vector<std::string> owned = {program};
  owned.insert(owned.end(), arguments.begin(), arguments.end());
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

  pid_t pid = 0;
  const int spawned =
      posix_spawn(&pid, program.c_str(), &actions, nullptr, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  ::close(in_pipe[0]);
  ::close(out_pipe[1]);
  ::close(err_pipe[1]);
  ProgramResult result;
  if (spawned != 0) {
    ::close(in_pipe[1]);
    ::close(out_pipe[0]);
    ::close(err_pipe[0]);
    return result;
  }
  std::thread writer([&] {
    std::size_t written = 0;
    while (written < input.size()) {
      const ssize_t count = ::write(in_pipe[1], input.data() + written, input.size() - written);
      if (count <= 0) break;
      written += static_cast<std::size_t>(count);
    }
    ::close(in_pipe[1]);
  });
  std::thread error_reader([&] { result.err = read_all(err_pipe[0]); });
  result.out = read_all(out_pipe[0]);
  writer.join();
  error_reader.join();
  int status = 0;
  ::waitpid(pid, &status, 0);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return result;
}

#ifdef DROP_PROGRAM
// Runs the `drop` program.
inline ProgramResult run_program(const std::vector<std::string>& arguments,
                                 const std::string& input = "",
                                 const std::vector<std::string>& environment = {}) {
  return run_executable(DROP_PROGRAM, arguments, input, environment);
}
#endif

}  // namespace drop_test
