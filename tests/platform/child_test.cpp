// Another program run beside the window (platform/child.hpp): its lines read as they come, its
// exit code, and stopping it.
#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "core/errors.hpp"
#include "platform/child.hpp"

namespace atlas {
namespace {

// Waits (up to 10 s) for the child to end, gathering its lines.
int wait_for(ChildProcess& child, std::vector<std::string>& lines) {
    for (int i = 0; i < 1000; ++i) {
        const auto code = child.exited();
        for (auto& l : child.lines()) lines.push_back(std::move(l));
        if (code) return *code;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    ADD_FAILURE() << "the child did not end";
    return -1;
}

TEST(ChildProcess, ItsLinesOnBothOutputsAndItsExitCodeAreRead) {
    ChildProcess child({"/bin/sh", "-c", "echo one; printf 'two\\rthree\\n' >&2; printf 'last'; exit 3"});
    std::vector<std::string> lines;
    EXPECT_EQ(wait_for(child, lines), 3);
    EXPECT_EQ(lines, (std::vector<std::string>{"one", "two", "three", "last"}));
}

TEST(ChildProcess, StoppingItEndsItBySigterm) {
    ChildProcess child({"/bin/sh", "-c", "echo started; exec sleep 30"});
    std::vector<std::string> lines;
    for (int i = 0; i < 500 && lines.empty(); ++i) {
        for (auto& l : child.lines()) lines.push_back(std::move(l));
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    ASSERT_EQ(lines, std::vector<std::string>{"started"});
    EXPECT_FALSE(child.exited());
    const auto t0 = std::chrono::steady_clock::now();
    child.stop();
    EXPECT_EQ(wait_for(child, lines), 128 + 15);
    EXPECT_LT(std::chrono::steady_clock::now() - t0, std::chrono::seconds(5));
}

TEST(ChildProcess, AProgramThatCannotStartIsSaid) {
    try {
        ChildProcess child({"/no/such/program"});
        FAIL() << "it started";
    } catch (const OutputError& e) {
        EXPECT_EQ(std::string(e.what()), "cannot start /no/such/program: No such file or directory");
    }
}

}  // namespace
}  // namespace atlas
