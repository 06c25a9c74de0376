// A day as the tables write it, checked as it is read. Header only, for the core's suite (which
// links the core alone) as for the others.
#pragma once

#include <gtest/gtest.h>

#include "core/facts.hpp"

namespace atlas::test {

inline Date day(const char* text) {
    const auto d = Date::parse(text);
    EXPECT_TRUE(d) << text;
    return d.value_or(Date{});
}

}  // namespace atlas::test
