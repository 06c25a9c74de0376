// Another program run beside the window, its output read as it comes without waiting: the
// window's video export runs `ca-atlas --export-video` so that the map stays live while it works.
#pragma once

#include <sys/types.h>

#include <optional>
#include <string>
#include <vector>

namespace atlas {

class ChildProcess {
public:
    // Starts argv[0] (a path) with `argv`, its standard output and error into one pipe, its input
    // from /dev/null. Throws OutputError saying why it could not start.
    explicit ChildProcess(const std::vector<std::string>& argv);
    // Still running: asked to stop (SIGTERM) and waited for, so that it cleans up after itself.
    ~ChildProcess();
    ChildProcess(const ChildProcess&) = delete;
    ChildProcess& operator=(const ChildProcess&) = delete;

    // The whole lines it wrote since the last call ("\n" and "\r" end a line), without waiting.
    std::vector<std::string> lines();
    // Its exit code once it has ended (128 + the signal that ended it), without waiting; the
    // lines it wrote last are read first.
    std::optional<int> exited();
    // Asks it to stop (SIGTERM); exited() tells when it has.
    void stop();

private:
    pid_t pid_ = -1;
    int out_ = -1;
    std::string partial_;
    std::vector<std::string> pending_;
    std::optional<int> code_;
    void drain();
};

// This program's own path (/proc/self/exe), to run it again.
std::string own_program_path();

}  // namespace atlas
