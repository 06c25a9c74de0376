#include "platform/child.hpp"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <utility>

#include "core/errors.hpp"

extern char** environ;

namespace atlas {

ChildProcess::ChildProcess(const std::vector<std::string>& argv) {
    if (argv.empty()) throw OutputError("cannot start a program: none was named");
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0) throw OutputError("cannot start " + argv[0] + ": " + std::strerror(errno));
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_adddup2(&actions, fds[1], 1);
    posix_spawn_file_actions_adddup2(&actions, fds[1], 2);
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    const int rc = posix_spawn(&pid_, argv[0].c_str(), &actions, nullptr, args.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    ::close(fds[1]);
    if (rc != 0) {
        ::close(fds[0]);
        throw OutputError("cannot start " + argv[0] + ": " + std::strerror(rc));
    }
    out_ = fds[0];
    ::fcntl(out_, F_SETFL, ::fcntl(out_, F_GETFL) | O_NONBLOCK);
}

ChildProcess::~ChildProcess() {
    if (!code_ && pid_ > 0) {
        ::kill(pid_, SIGTERM);
        int status = 0;
        while (::waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
        }
    }
    if (out_ >= 0) ::close(out_);
}

void ChildProcess::drain() {
    if (out_ < 0) return;
    char buffer[4096];
    for (;;) {
        const ssize_t n = ::read(out_, buffer, sizeof buffer);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;  // nothing more now (EAGAIN), or the end
        for (ssize_t i = 0; i < n; ++i) {
            if (buffer[i] == '\n' || buffer[i] == '\r') {
                if (!partial_.empty()) pending_.push_back(std::move(partial_));
                partial_.clear();
            } else {
                partial_ += buffer[i];
            }
        }
    }
}

std::vector<std::string> ChildProcess::lines() {
    drain();
    return std::exchange(pending_, {});
}

std::optional<int> ChildProcess::exited() {
    if (code_) return code_;
    int status = 0;
    const pid_t done = ::waitpid(pid_, &status, WNOHANG);
    if (done != pid_) return std::nullopt;
    code_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    drain();  // what it wrote last
    if (!partial_.empty()) pending_.push_back(std::exchange(partial_, {}));
    return code_;
}

void ChildProcess::stop() {
    if (!code_ && pid_ > 0) ::kill(pid_, SIGTERM);
}

std::string own_program_path() {
    std::error_code ec;
    const auto p = std::filesystem::read_symlink("/proc/self/exe", ec);
    return ec ? std::string() : p.string();
}

}  // namespace atlas
