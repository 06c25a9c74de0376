// Runs the ca-atlas program as a child process and captures its exit code and output.
#pragma once

#include <string>
#include <vector>

namespace atlas::test {

struct RunResult {
    int exit_code = -1;  // -1 if it did not exit normally
    std::string out, err;
};

// Runs `program args...` with extra environment entries ("NAME=value") and a time limit.
RunResult run(const std::vector<std::string>& args, const std::vector<std::string>& env = {}, int timeout_s = 60);

// A fresh empty folder under the test output folder.
std::string fresh_dir(const std::string& name);

}  // namespace atlas::test
