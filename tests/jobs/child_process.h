// ChildProcess: the `strata` program started in the background (posix_spawn, no shell), so a
// test can signal or kill it mid-run and then collect its exit code and output. Output goes to
// files in a scratch directory, so a chatty child never blocks on a pipe.
#pragma once

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <string>
#include <vector>

#include "tests/support/run_command.h"

namespace strata::testing {

class ChildProcess {
 public:
  // Starts argv[0] (a path) with `argv`; stdout/stderr go to <scratch>/<name>.out/.err.
  ChildProcess(const std::vector<std::string>& argv, const std::string& scratch,
               const std::string& name)
      : out_path_(scratch + "/" + name + ".out"), err_path_(scratch + "/" + name + ".err") {
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, out_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                     0644);
    posix_spawn_file_actions_addopen(&actions, 2, err_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                     0644);
    std::vector<char*> args;
    for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    if (posix_spawn(&pid_, args[0], &actions, nullptr, args.data(), environ) != 0) pid_ = -1;
    posix_spawn_file_actions_destroy(&actions);
  }
  ~ChildProcess() {
    if (pid_ > 0 && !reaped_) {
      kill(pid_, SIGKILL);
      Wait();
    }
  }
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  bool started() const { return pid_ > 0; }

  // True while the child has not exited (reaps it when it has).
  bool Running() {
    if (pid_ <= 0 || reaped_) return false;
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      Reaped(status);
      return false;
    }
    return true;
  }

  void Signal(int signal_number) {
    if (pid_ > 0 && !reaped_) kill(pid_, signal_number);
  }

  // Waits for the child to end; returns its exit code (128+N when killed by signal N) and
  // output.
  CommandResult Wait() {
    if (pid_ > 0 && !reaped_) {
      int status = 0;
      while (waitpid(pid_, &status, 0) < 0) {
      }
      Reaped(status);
    }
    CommandResult result;
    result.exit_code = exit_code_;
    result.out = ReadWholeFile(out_path_);
    result.err = ReadWholeFile(err_path_);
    return result;
  }

 private:
  void Reaped(int status) {
    reaped_ = true;
    if (WIFEXITED(status)) exit_code_ = WEXITSTATUS(status);
    if (WIFSIGNALED(status)) exit_code_ = 128 + WTERMSIG(status);
  }

  std::string out_path_;
  std::string err_path_;
  pid_t pid_ = -1;
  bool reaped_ = false;
  int exit_code_ = -1;
};

}  // namespace strata::testing
