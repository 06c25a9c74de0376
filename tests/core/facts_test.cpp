// The facts' dates (app/core/facts.cpp): only real days parse.
#include <gtest/gtest.h>

#include "core/facts.hpp"
#include "support/dates.hpp"

namespace atlas {
namespace {

using test::day;

TEST(Facts, DatesParseOnlyRealDays) {
    EXPECT_TRUE(Date::parse("2012-02-29"));  // a leap day
    EXPECT_FALSE(Date::parse("2011-02-29"));
    EXPECT_FALSE(Date::parse("2012-13-01"));
    EXPECT_FALSE(Date::parse("2012-6-28"));
    EXPECT_FALSE(Date::parse("2012-06-28x"));
    EXPECT_EQ(day("1992-05-15").str(), "1992-05-15");
    EXPECT_LT(day("1999-04-19"), day("1999-04-20"));
}

}  // namespace
}  // namespace atlas
