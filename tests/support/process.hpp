// Runs the ca-atlas program (or a tool the tests read its files with) as a child process and captures
// its exit code and output.
#pragma once

#include <string>
#include <vector>

namespace atlas::test {

struct RunResult {
    int exit_code = -1;  // -1 if it did not exit normally
    std::string out, err;
};

// Runs the atlas with `args`, extra environment entries ("NAME=value") and a time limit. Its data
// home (XDG_DATA_HOME) is an empty folder unless `env` sets one, so no user's tour is read.
RunResult run(const std::vector<std::string>& args, const std::vector<std::string>& env = {}, int timeout_s = 60);

// Runs the program at `executable` (a path) the same way.
RunResult run_tool(const std::string& executable, const std::vector<std::string>& args,
                   const std::vector<std::string>& env = {}, int timeout_s = 60);

// The path of the program `name` on PATH, or "" if there is none.
std::string find_on_path(const std::string& name);

// A fresh empty folder under the test output folder.
std::string fresh_dir(const std::string& name);

}  // namespace atlas::test
