// Membership overlays on the shipped data: the legend follows the date, and every two classes
// visible on the same day stay apart in colour or in pattern for all viewers.
#include "core/overlay.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "core/colour.hpp"
#include "core/timeline.hpp"
#include "geo/facts_load.hpp"
#include "support/paths.hpp"

namespace atlas {
namespace {

const DataSet& data() {
    static const DataSet d = load_data_set(test::data_dir());
    return d;
}

std::vector<int> everyone() {
    std::vector<int> v;
    for (size_t i = 0; i < data().world->countries.size(); ++i) v.push_back(int(i));
    return v;
}

std::vector<std::string> labels_on(const char* day, const std::vector<int>& visible = everyone()) {
    const Overlay o = overlay_on(*data().facts, *data().world, *Date::parse(day));
    std::vector<std::string> out;
    for (const auto& e : legend(o, visible, OverlayStyle{})) out.push_back(e.label);
    return out;
}

using Labels = std::vector<std::string>;

TEST(Overlay, TheFamiliesOrganisationOfTheDay) {
    const Facts& f = *data().facts;
    EXPECT_EQ(family_organisation(f, "cst", *Date::parse("1992-05-14")), nullptr);
    EXPECT_EQ(family_organisation(f, "cst", *Date::parse("1992-05-15"))->id, "cst");
    EXPECT_EQ(family_organisation(f, "cst", *Date::parse("2002-10-07"))->id, "csto");
    EXPECT_EQ(family_organisation(f, "shanghai5", *Date::parse("1996-04-25")), nullptr);
    EXPECT_EQ(family_organisation(f, "shanghai5", *Date::parse("1996-04-26"))->id, "shanghai5");
    EXPECT_EQ(family_organisation(f, "shanghai5", *Date::parse("2001-06-15"))->id, "sco");
}

TEST(Overlay, TheLegendFollowsTheDate) {
    EXPECT_EQ(labels_on("1992-01-01"), (Labels{"no organisation yet"}));
    EXPECT_EQ(labels_on("1995-01-01"), (Labels{"CST member", "in neither"}));
    EXPECT_EQ(labels_on("1997-06-01"), (Labels{"CST member", "Shanghai Five member",
                                               "in both: CST fill and Shanghai Five pattern", "in neither"}));
    EXPECT_EQ(labels_on("2012-12-31"),
              (Labels{"CSTO member", "CSTO membership suspended", "SCO member", "SCO observer", "SCO dialogue partner",
                      "in both: CSTO fill and SCO pattern", "in neither"}));
    EXPECT_EQ(labels_on("2026-01-01"),
              (Labels{"CSTO member", "CSTO member, participation frozen", "CSTO membership suspended", "SCO member",
                      "SCO partner", "in both: CSTO fill and SCO pattern", "in neither"}));
    // Only what is visible: Turkmenistan alone is in neither.
    const int tkm = data().world->country_index("TKM");
    EXPECT_EQ(labels_on("2012-12-31", {tkm}), (Labels{"in neither"}));
    const int kgz = data().world->country_index("KGZ");
    EXPECT_EQ(labels_on("2012-12-31", {kgz}),
              (Labels{"CSTO member", "SCO member", "in both: CSTO fill and SCO pattern"}));
}

// Two classes are told apart by their fill (CIEDE2000 at least kFillDelta as seen normally, with
// deuteranopia and in greyscale) or by their pattern (a different hatch kind, whose colour stands
// at least kPatternDelta from every fill in all three views, so the pattern itself is seen).
constexpr double kFillDelta = 10.0;
constexpr double kPatternDelta = 20.0;

double difference(Rgba a, Rgba b, int view) {
    if (view == 1) return delta_e2000(to_lab(simulate_deuteranopia(a)), to_lab(simulate_deuteranopia(b)));
    if (view == 2) return delta_e2000(to_lab(to_greyscale(a)), to_lab(to_greyscale(b)));
    return delta_e2000(to_lab(a), to_lab(b));
}

TEST(Overlay, VisibleClassesStayApartForColourBlindViewersAndInGreyscale) {
    const OverlayStyle style;
    const char* views[] = {"normal vision", "deuteranopia", "greyscale"};
    for (Rgba fill : {style.csto_member, style.csto_frozen, style.csto_suspended, style.neither})
        for (int v = 0; v < 3; ++v) EXPECT_GE(difference(style.hatch, fill, v), kPatternDelta) << views[v];
    size_t pairs = 0;
    for (int y = 1992; y <= 2026; ++y)
        for (int m = 1; m <= 12; ++m) {
            const Overlay o = overlay_on(*data().facts, *data().world, Date{y, m, 1});
            std::set<std::pair<int, int>> classes;
            for (const auto& c : o.countries) classes.insert({int(c.csto), int(c.sco)});
            for (auto a = classes.begin(); a != classes.end(); ++a)
                for (auto b = std::next(a); b != classes.end(); ++b) {
                    ++pairs;
                    if (sco_hatch(Status(a->second)) != sco_hatch(Status(b->second))) continue;  // pattern differs
                    const Rgba fa = csto_fill(Status(a->first), style), fb = csto_fill(Status(b->first), style);
                    for (int v = 0; v < 3; ++v)
                        EXPECT_GE(difference(fa, fb, v), kFillDelta)
                            << y << "-" << m << ": " << status_key(Status(a->first)) << " vs "
                            << status_key(Status(b->first)) << " in " << views[v];
                }
        }
    EXPECT_GT(pairs, 1000u);
}

}  // namespace
}  // namespace atlas

namespace atlas {
namespace {

TEST(Timeline, EventsAreTheDatedFactsInOrder) {
    const auto events = timeline_events(*data().facts, *data().world);
    ASSERT_GT(events.size(), 40u);
    EXPECT_TRUE(std::is_sorted(events.begin(), events.end(),
                               [](const TimelineEvent& a, const TimelineEvent& b) { return a.date < b.date; }));
    auto lines_on = [&](const char* day) {
        for (const auto& e : events)
            if (e.date == *Date::parse(day)) return e.lines;
        return std::vector<std::string>{};
    };
    const auto cst = lines_on("1992-05-15");
    EXPECT_NE(std::find(cst.begin(), cst.end(), "Collective Security Treaty founded"), cst.end());
    const auto suspension = lines_on("2012-06-28");
    EXPECT_NE(std::find(suspension.begin(), suspension.end(), "Uzbekistan: CSTO membership suspended"),
              suspension.end());
    const auto leave = lines_on("1999-04-20");
    EXPECT_NE(std::find(leave.begin(), leave.end(), "Georgia leaves the CST"), leave.end());
    // The CSTO's founders continue from the CST: no "member" line for them on 2002-10-07.
    const auto csto = lines_on("2002-10-07");
    EXPECT_EQ(std::find(csto.begin(), csto.end(), "Russia: CSTO member"), csto.end());
    // Stepping through events.
    const TimelineEvent* next = next_event(events, kArticleDate);
    ASSERT_TRUE(next);
    EXPECT_LT(kArticleDate, next->date);
    const TimelineEvent* prev = previous_event(events, kArticleDate);
    ASSERT_TRUE(prev);
    EXPECT_LT(prev->date, kArticleDate);
    EXPECT_EQ(previous_event(events, events.front().date), nullptr);
}

}  // namespace
}  // namespace atlas
