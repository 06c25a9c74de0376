// The facts' dates (app/core/facts.cpp): only real days parse.
#include <gtest/gtest.h>

#include "core/explore.hpp"

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

// What the inspector shows of a source: the publication and what it says, not the data's web
// addresses and files (those stay in the tooltip).
TEST(SourceForReaders, LeavesOutAddressesAndTheDatasFiles) {
    EXPECT_EQ(source_for_readers("Xinhua via China.org.cn, 7 May 2011: drill held in Kashi (http://china.org.cn/x.htm)"),
              "Xinhua via China.org.cn, 7 May 2011: drill held in Kashi");
    EXPECT_EQ(source_for_readers("range on the outskirts of Khujand (http://a.b/c); range coordinates not verified"),
              "range on the outskirts of Khujand; range coordinates not verified");
    EXPECT_EQ(source_for_readers("Afghanistan's boundaries, derived from Natural Earth 1:10m admin-0 (geodata/build.sh); "
                                 "lengths in geodata/README.md"),
              "Afghanistan's boundaries, derived from Natural Earth 1:10m admin-0");
    EXPECT_EQ(source_for_readers("Charter of the CSTO (Moscow, 7 October 2002)"), "Charter of the CSTO (Moscow, 7 October 2002)");
    EXPECT_EQ(source_for_readers(""), "");
    // An address with parentheses of its own goes whole (the inspector showed "Kant Air
    // Base?oldid=734008888)").
    EXPECT_EQ(source_for_readers("coordinates (DAFIF) in Kant Air Base (https://en.wikipedia.org/wiki/Kant_(air_base)?oldid=7)"),
              "coordinates (DAFIF) in Kant Air Base");
    EXPECT_EQ(source_for_readers("an aside (never closed"), "an aside (never closed");
}

// A mention is a whole word: not inside a longer word, but a possessive's apostrophe (the
// article's U+2019) ends the word it follows.
TEST(Facts, MentionsAreWholeWordsAndPossessivesCount) {
    Facts f;
    f.aliases = {{"AFG", "Afghanistan", {}}, {"IRN", "Iran", {}}};
    const std::string text = "all of Afghanistan\u2019s neighbors, Iranian and Iran's, and Afghanistanis";
    std::vector<std::string> found;
    for (const Mention& m : f.mentions(text)) found.push_back(text.substr(m.begin, m.end - m.begin));
    EXPECT_EQ(found, (std::vector<std::string>{"Afghanistan", "Iran"}));
}

}  // namespace
}  // namespace atlas
