// The timeline's days (app/core/timeline.cpp): every day of the atlas's range round-trips through
// its day number.
#include <gtest/gtest.h>

#include "core/timeline.hpp"

namespace atlas {
namespace {

TEST(Timeline, DaysRoundTripAcrossTheRange) {
    const long first = days_from_civil(kTimelineStart), last = days_from_civil(kTimelineEnd);
    EXPECT_EQ(days_from_civil(Date{1970, 1, 1}), 0);
    EXPECT_EQ(last - first, 35 * 365 + 9 - 1);  // 1992..2026: 35 years, 9 leap days, inclusive range
    for (long d = first; d <= last; d += 37) {
        const Date c = civil_from_days(d);
        EXPECT_TRUE(Date::parse(c.str())) << c.str();
        EXPECT_EQ(days_from_civil(c), d);
    }
}

}  // namespace
}  // namespace atlas
