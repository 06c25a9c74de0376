// A headless GL context for tests, or a skip with the reason. In CI (CI set in the environment)
// a missing context is a failure, so a skip is never mistaken for a pass there.
#pragma once

#include <gtest/gtest.h>

#include <cstdlib>
#include <memory>

#include "platform/headless.hpp"

namespace atlas::test {

inline bool in_ci() {
    const char* ci = std::getenv("CI");
    return ci && *ci && std::string(ci) != "0" && std::string(ci) != "false";
}

// Use as: auto gl = headless_or_skip(); if (!gl) return;
#define ATLAS_REQUIRE_GL(var)                                                                   \
    std::unique_ptr<::atlas::HeadlessContext> var;                                              \
    try {                                                                                       \
        var = std::make_unique<::atlas::HeadlessContext>();                                     \
    } catch (const std::exception& e) {                                                         \
        if (::atlas::test::in_ci()) FAIL() << "CI must have a GL context: " << e.what();        \
        GTEST_SKIP() << "no GL context on this machine: " << e.what();                          \
    }

}  // namespace atlas::test
