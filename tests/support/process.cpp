// Child process runner for command-line tests (posix_spawn, pipes, a time limit).
#include "process.hpp"

#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>

#include "paths.hpp"

extern char** environ;

namespace atlas::test {

RunResult run(const std::vector<std::string>& args, const std::vector<std::string>& env, int timeout_s) {
    // The user's own edited tour (in $XDG_DATA_HOME/ca-atlas) would be read instead of the shipped
    // one: the program sees an empty data home unless a test gives one.
    std::vector<std::string> all = env;
    const bool given = std::any_of(env.begin(), env.end(), [](const std::string& e) { return e.rfind("XDG_DATA_HOME=", 0) == 0; });
    if (!given) all.push_back("XDG_DATA_HOME=" + output_dir() + "/no-user-data");
    return run_tool(program(), args, all, timeout_s);
}

std::string find_on_path(const std::string& name) {
    const char* path = std::getenv("PATH");
    std::string dirs = path ? path : "";
    for (size_t start = 0; start <= dirs.size();) {
        const size_t end = std::min(dirs.find(':', start), dirs.size());
        const std::string candidate = dirs.substr(start, end - start) + "/" + name;
        if (end > start && ::access(candidate.c_str(), X_OK) == 0) return candidate;
        start = end + 1;
    }
    return "";
}

RunResult run_tool(const std::string& executable, const std::vector<std::string>& args,
                   const std::vector<std::string>& given_env, int timeout_s) {
    RunResult r;
    int out[2], err[2];
    if (pipe(out) != 0 || pipe(err) != 0) return r;
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, out[1], 1);
    posix_spawn_file_actions_adddup2(&fa, err[1], 2);
    posix_spawn_file_actions_addclose(&fa, out[0]);
    posix_spawn_file_actions_addclose(&fa, err[0]);
    std::vector<std::string> all{executable};
    all.insert(all.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& a : all) argv.push_back(a.data());
    argv.push_back(nullptr);
    // No program a test starts reads or writes the panels' layout the user left
    // ($XDG_CONFIG_HOME/ca-atlas/layout.ini) unless the test gives it a config folder: each run has
    // a folder of its own, so that one test's panels moved by random input are not the next's.
    static std::atomic<int> runs{0};
    std::vector<std::string> env = given_env;
    if (std::none_of(env.begin(), env.end(), [](const std::string& e) { return e.rfind("XDG_CONFIG_HOME=", 0) == 0; }))
        env.push_back("XDG_CONFIG_HOME=" + output_dir() + "/no-user-config/" + std::to_string(getpid()) + "-" +
                      std::to_string(++runs));
    std::vector<std::string> envs;
    for (char** e = environ; *e; ++e) {
        bool overridden = false;
        for (const auto& x : env)
            if (std::strncmp(*e, x.c_str(), x.find('=') + 1) == 0) overridden = true;
        if (!overridden) envs.emplace_back(*e);
    }
    envs.insert(envs.end(), env.begin(), env.end());
    std::vector<char*> envp;
    for (auto& e : envs) envp.push_back(e.data());
    envp.push_back(nullptr);
    pid_t pid = 0;
    const int rc = posix_spawn(&pid, argv[0], &fa, nullptr, argv.data(), envp.data());
    posix_spawn_file_actions_destroy(&fa);
    close(out[1]);
    close(err[1]);
    if (rc != 0) {
        close(out[0]);
        close(err[0]);
        return r;
    }
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(timeout_s);
    pollfd fds[2] = {{out[0], POLLIN, 0}, {err[0], POLLIN, 0}};
    int open_fds = 2;
    while (open_fds > 0 && std::chrono::steady_clock::now() < deadline) {
        if (poll(fds, 2, 200) <= 0) continue;
        for (int i = 0; i < 2; ++i) {
            if (fds[i].fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP))) continue;
            char buf[4096];
            const ssize_t n = read(fds[i].fd, buf, sizeof buf);
            if (n <= 0) {
                close(fds[i].fd);
                fds[i].fd = -1;
                --open_fds;
            } else {
                (i == 0 ? r.out : r.err).append(buf, size_t(n));
            }
        }
    }
    if (open_fds > 0) kill(pid, SIGKILL);
    for (auto& f : fds)
        if (f.fd >= 0) close(f.fd);
    int status = 0;
    waitpid(pid, &status, 0);
    r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return r;
}

std::string fresh_dir(const std::string& name) {
    const auto dir = std::filesystem::path(output_dir()) / "scratch" / name;
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    return dir.string();
}

}  // namespace atlas::test
