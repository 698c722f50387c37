// RunHookCommand (hooks.h): a shell command with the change in its environment and the payload
// on its standard input, bounded by a timeout.
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <string>
#include <vector>

#include "crawler/jobs/hooks.h"

extern char** environ;

namespace strata::jobs {
namespace {

using SteadyClock = std::chrono::steady_clock;

// A file descriptor closed when it goes out of scope.
class Fd {
 public:
  explicit Fd(int fd = -1) : fd_(fd) {}
  ~Fd() { Close(); }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return fd_; }
  void Close() {
    if (fd_ >= 0) close(fd_);
    fd_ = -1;
  }

 private:
  int fd_;
};

int64_t MillisLeft(SteadyClock::time_point deadline) {
  return std::max<int64_t>(
      0,
      std::chrono::duration_cast<std::chrono::milliseconds>(deadline - SteadyClock::now()).count());
}

void SleepMs(int64_t ms) {
  struct timespec ts;
  ts.tv_sec = static_cast<time_t>(ms / 1000);
  ts.tv_nsec = static_cast<long>((ms % 1000) * 1'000'000);
  while (nanosleep(&ts, &ts) != 0 && errno == EINTR) {
  }
}

// Writes `data` to the command's stdin until it is all written, the command closes its end (it
// does not read stdin: fine) or the deadline passes. Never raises SIGPIPE (MSG_NOSIGNAL).
void FeedStdin(int fd, std::string_view data, SteadyClock::time_point deadline) {
  size_t sent = 0;
  while (sent < data.size()) {
    const ssize_t n = send(fd, data.data() + sent, data.size() - sent, MSG_NOSIGNAL);
    if (n > 0) {
      sent += static_cast<size_t>(n);
      continue;
    }
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
      const int64_t left = MillisLeft(deadline);
      if (left == 0) return;
      struct pollfd p = {fd, POLLOUT, 0};
      poll(&p, 1, static_cast<int>(std::min<int64_t>(left, 1000)));
      continue;
    }
    return;  // EPIPE and the like: the command is not reading
  }
}

// Waits for `pid` until the deadline; returns true and its wait status when it ended.
bool WaitUntil(pid_t pid, SteadyClock::time_point deadline, int* status) {
  int64_t nap = 1;
  for (;;) {
    const pid_t r = waitpid(pid, status, WNOHANG);
    if (r == pid) return true;
    if (r < 0 && errno != EINTR) return true;  // not our child any more: nothing to wait for
    const int64_t left = MillisLeft(deadline);
    if (left == 0) return false;
    SleepMs(std::min(nap, left));
    nap = std::min<int64_t>(nap * 2, 50);
  }
}

std::string DescribeExit(int status) {
  if (WIFEXITED(status)) return "exited with status " + std::to_string(WEXITSTATUS(status));
  if (WIFSIGNALED(status)) return "killed by signal " + std::to_string(WTERMSIG(status));
  return "ended abnormally";
}

}  // namespace

Status RunHookCommand(const std::string& command,
                      const std::vector<std::pair<std::string, std::string>>& env,
                      std::string_view stdin_data, int64_t timeout_ms) {
  const auto deadline = SteadyClock::now() + std::chrono::milliseconds(timeout_ms);

  // The environment: ours, with the STRATA_* variables replaced.
  std::vector<std::string> env_strings;
  for (char** e = environ; e != nullptr && *e != nullptr; ++e) {
    std::string_view entry(*e);
    bool replaced = false;
    for (const auto& [name, value] : env) {
      if (entry.starts_with(name + "=")) replaced = true;
    }
    if (!replaced) env_strings.emplace_back(entry);
  }
  for (const auto& [name, value] : env) env_strings.push_back(name + "=" + value);
  std::vector<char*> envp;
  for (std::string& s : env_strings) envp.push_back(s.data());
  envp.push_back(nullptr);

  // stdin through a socket pair, so that writing to a command that does not read can use
  // MSG_NOSIGNAL instead of changing the process's SIGPIPE disposition.
  int pair[2];
  if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, pair) != 0) {
    return Status::Unavailable(std::string("cannot create a socket pair: ") + strerror(errno));
  }
  Fd ours(pair[0]);
  Fd theirs(pair[1]);
  fcntl(ours.get(), F_SETFL, fcntl(ours.get(), F_GETFL) | O_NONBLOCK);

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, theirs.get(), 0);
  posix_spawn_file_actions_adddup2(&actions, 2, 1);  // its stdout -> our stderr
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  // Its own process group (so a timeout kills what it started too), an empty signal mask and
  // default dispositions (strata's SIGINT/SIGTERM handling must not leak into it).
  sigset_t empty, defaults;
  sigemptyset(&empty);
  sigemptyset(&defaults);
  for (int sig : {SIGINT, SIGTERM, SIGPIPE, SIGHUP, SIGQUIT, SIGCHLD}) sigaddset(&defaults, sig);
  posix_spawnattr_setsigmask(&attr, &empty);
  posix_spawnattr_setsigdefault(&attr, &defaults);
  posix_spawnattr_setpgroup(&attr, 0);
  posix_spawnattr_setflags(&attr,
                           POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
  std::string sh = "/bin/sh", dash_c = "-c", cmd = command;
  char* argv[] = {sh.data(), dash_c.data(), cmd.data(), nullptr};
  pid_t pid = -1;
  const int rc = posix_spawn(&pid, "/bin/sh", &actions, &attr, argv, envp.data());
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attr);
  if (rc != 0) return Status::Unavailable(std::string("cannot start /bin/sh: ") + strerror(rc));
  theirs.Close();

  FeedStdin(ours.get(), stdin_data, deadline);
  ours.Close();  // end of input

  int status = 0;
  if (WaitUntil(pid, deadline, &status)) {
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0) return Status::Ok();
    return Status::Unavailable("`" + command + "` " + DescribeExit(status));
  }
  // Too slow: ask the whole group to stop, then insist.
  kill(-pid, SIGTERM);
  if (!WaitUntil(pid, SteadyClock::now() + std::chrono::seconds(1), &status)) {
    kill(-pid, SIGKILL);
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
  }
  return Status::Unavailable("`" + command + "` did not finish within " +
                             std::to_string(timeout_ms) + " ms (killed)");
}

}  // namespace strata::jobs
