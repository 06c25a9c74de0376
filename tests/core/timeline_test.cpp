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


// The timeline names the event of the day it is on (where [ and ] land), and nothing elsewhere.
TEST(Timeline, TheEventOfTheDayIsNamed) {
    const std::vector<TimelineEvent> events{{{2001, 6, 15}, {"The SCO is founded in Shanghai"}},
                                            {{2012, 6, 28}, {"Uzbekistan suspends its CSTO membership", "b", "c"}}};
    EXPECT_EQ(event_on(events, {2001, 6, 15}), "The SCO is founded in Shanghai");
    EXPECT_EQ(event_on(events, {2012, 6, 28}), "Uzbekistan suspends its CSTO membership (and 2 more)");
    EXPECT_EQ(event_on(events, {2012, 6, 29}), "");
    EXPECT_EQ(event_on(events, next_event(events, {2005, 1, 1})->date), "Uzbekistan suspends its CSTO membership (and 2 more)");
}

}  // namespace
}  // namespace atlas
