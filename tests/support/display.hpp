// Whether the tests can open a window: an X display (DISPLAY), which CI must have (xvfb-run) and
// another machine may lack (the window's tests are skipped there).
#pragma once

#include <gtest/gtest.h>

#include <cstdlib>

#include "support/gl.hpp"

namespace atlas::test {

inline bool have_display() {
    const char* d = std::getenv("DISPLAY");
    return d && *d;
}

// A window test needs an X display: CI must have one (xvfb-run); elsewhere it is skipped.
#define ATLAS_REQUIRE_DISPLAY()                                                                       \
    do {                                                                                              \
        if (!::atlas::test::have_display()) {                                                         \
            if (::atlas::test::in_ci()) FAIL() << "CI must run the tests under a display (xvfb-run)"; \
            GTEST_SKIP() << "no DISPLAY: the window cannot open here";                                \
        }                                                                                             \
    } while (false)

}  // namespace atlas::test
