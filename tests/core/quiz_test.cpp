// The map quiz (app/core/quiz.cpp): each kind of question is made from the facts, its answers are
// what the facts say on its day, and a round is the same for the same seed. The data here is an
// invented region, so that every kind is exercised on records whose answers the test knows.
#include "core/quiz.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <set>

#include "support/dates.hpp"

namespace atlas {
namespace {

using test::day;

// Aland borders Borduria, Carpania, Dastan and Elbonia. The Pact (founded 1995): Borduria and
// Carpania members from 1995, Borduria suspended from 2010; Dastan an observer from 2000; Aland a
// member from 2005; Elbonia never in it.
struct Invented {
    World world;
    Facts facts;
    Article article;

    Invented() {
        for (const auto& [iso, name] : std::vector<std::pair<std::string, std::string>>{
                 {"AAA", "Aland"}, {"BBB", "Borduria"}, {"CCC", "Carpania"}, {"DDD", "Dastan"}, {"EEE", "Elbonia"}}) {
            Country c;
            c.iso_a3 = iso;
            c.name = name;
            world.countries.push_back(c);
        }
        for (const char* other : {"BBB", "CCC", "DDD", "EEE"}) world.boundaries.push_back({"AAA", other, "", {}});
        Organisation pact;
        pact.id = "pact";
        pact.name = "Pact of Friendship";
        pact.abbreviation = "PoF";
        pact.from = day("1995-03-01");
        facts.organisations.push_back(pact);
        auto member = [&](const char* iso, Status s, const char* from, std::optional<const char*> to, int line) {
            Membership m;
            m.organisation = "pact";
            m.country = iso;
            m.status = s;
            m.from = day(from);
            if (to) m.to = day(*to);
            m.at = {"memberships.csv", line};
            facts.memberships.push_back(m);
        };
        member("BBB", Status::Member, "1995-03-01", "2010-06-01", 2);
        member("BBB", Status::Suspended, "2010-06-01", std::nullopt, 3);
        member("CCC", Status::Member, "1995-03-01", std::nullopt, 4);
        member("DDD", Status::Observer, "2000-01-01", std::nullopt, 5);
        member("AAA", Status::Member, "2005-01-01", std::nullopt, 6);
        Place base;
        base.id = "north-base";
        base.name = "North airbase";
        base.kind = "airbase";
        base.organisation = "pact";
        base.lonlat = {70, 40};
        base.precision = Precision::Site;
        base.country = "CCC";
        facts.places.push_back(base);
        Place signing = base;
        signing.id = "signing-pact";
        signing.name = "Signing of the Pact of Friendship, Port Carp";
        signing.kind = "signing";
        signing.lonlat = {72, 41};
        signing.precision = Precision::City;
        facts.places.push_back(signing);
        Place vague = base;
        vague.id = "somewhere-exercise";
        vague.name = "Exercise Somewhere";
        vague.kind = "exercise";
        vague.precision = Precision::Area;  // only its region is known: never asked to click
        facts.places.push_back(vague);
        Region border;
        border.id = "aland-south";
        border.name = "Aland's southern border";
        border.kind = "boundary";
        border.members = {"AAA-BBB", "AAA-CCC", "AAA-EEE"};
        facts.regions.push_back(border);
        facts.border_lengths = {{"AAA-BBB", 300, "", {"border_lengths.csv", 2}},
                                {"AAA-CCC", 1200, "", {"border_lengths.csv", 3}},
                                {"AAA-EEE", 700, "", {"border_lengths.csv", 4}}};
        facts.aliases = {{"BBB", "the BR", {"aliases.csv", 2}},
                         {"BBB", "the Republic of Borduria", {"aliases.csv", 3}},  // gives the name away
                         {"BBB", "the Bordur Republic", {"aliases.csv", 6}},       // so does this
                         {"AAA", "Aland", {"aliases.csv", 4}},
                         {"pact", "the Pact", {"aliases.csv", 5}}};
        Passage p1{"one-1", "one", "paragraph", "The Pact was founded by the BR (the Bordur Republic) and Carpania.", {}};
        Passage p2{"one-2", "one", "paragraph", "All of Aland\u2019s neighbours are in the Pact.", {}};
        article.passages = {p1, p2};
        facts.links = {{"one-1", "pact", "alias", {}}, {"one-1", "BBB", "alias", {}}, {"one-2", "pact", "alias", {}},
                       {"one-2", "AAA", "alias", {}}, {"one-1", "north-base", "the base", {}},
                       {"one-2", "aland-south", "the border", {}}};
        Note trap;
        trap.id = "elbonia-outside";
        trap.passage = "one-2";
        trap.entity = "EEE";
        trap.kind = "correction";
        trap.text = "Elbonia was never in the Pact.";
        facts.notes.push_back(trap);
    }
};

std::set<std::string> as_set(const std::vector<std::string>& v) { return {v.begin(), v.end()}; }

std::vector<Question> of_kind(const Invented& d, QuestionKind k) {
    return questions_of_kind(k, d.facts, d.world, d.article);
}

// Planar degrees of 111 km: enough to judge clicks in a test (the program passes PROJ's geodesic).
double flat_km(Vec2 a, Vec2 b) { return std::hypot(a.x - b.x, a.y - b.y) * 111.0; }

TEST(Quiz, MembersOnADayAreTheMembershipsHoldingThatDay) {
    const Invented d;
    const auto qs = of_kind(d, QuestionKind::MembersOnDay);
    ASSERT_FALSE(qs.empty());
    std::set<Date> days;
    for (const Question& q : qs) {
        ASSERT_TRUE(q.day);
        days.insert(*q.day);
        std::set<std::string> members;
        for (const Country& c : d.world.countries)
            if (d.facts.status_on("pact", c.iso_a3, *q.day) == Status::Member) members.insert(c.iso_a3);
        EXPECT_EQ(as_set(q.countries), members) << q.text;
        EXPECT_EQ(q.facts.size(), members.size()) << q.text;
        EXPECT_EQ(q.form, AnswerForm::Country);
        // The passage linked to the Pact and to most of that day's members, the earlier on a tie:
        // Borduria's (one-1) while it is a member, Aland's (one-2) after.
        EXPECT_EQ(q.passage, q.day < day("2010-06-01") ? "one-1" : "one-2") << q.text;
    }
    // The last day of every year of its life but the timeline's unfinished last one, and the article's day.
    EXPECT_EQ(days.size(), size_t(2026 - 1995));
    EXPECT_TRUE(days.count(day("1995-12-31")));
    EXPECT_TRUE(days.count(day("2012-12-31")));
    EXPECT_FALSE(days.count(day("2026-12-31")));
    // Three days the test reads itself: before Aland joined, after, and after Borduria's suspension.
    auto on = [&](const char* when) {
        for (const Question& q : qs)
            if (q.day == day(when)) return as_set(q.countries);
        return std::set<std::string>{};
    };
    EXPECT_EQ(on("1999-12-31"), (std::set<std::string>{"BBB", "CCC"}));
    EXPECT_EQ(on("2007-12-31"), (std::set<std::string>{"AAA", "BBB", "CCC"}));
    EXPECT_EQ(on("2012-12-31"), (std::set<std::string>{"AAA", "CCC"}));
    for (const Question& q : qs) {
        if (q.day == day("2012-12-31")) {
            EXPECT_EQ(q.text, "Click a country that was a member of the PoF on 31 December 2012.");
        }
    }
}

TEST(Quiz, ASuspensionIsAskedInItsYear) {
    const Invented d;
    const auto qs = of_kind(d, QuestionKind::StatusChange);
    ASSERT_EQ(qs.size(), 1u);
    EXPECT_EQ(qs[0].text, "Which country suspended its membership of the PoF in 2010? Click it.");
    EXPECT_EQ(qs[0].printed, "Which country suspended its membership of the PoF in 2010?");
    EXPECT_EQ(qs[0].countries, std::vector<std::string>{"BBB"});
    EXPECT_EQ(qs[0].facts, std::vector<std::string>{"memberships.csv:3"});
    EXPECT_EQ(qs[0].day, day("2010-06-01"));
    EXPECT_TRUE(judge_country(qs[0], d.world, "BBB").right);
    const Verdict wrong = judge_country(qs[0], d.world, "CCC");
    EXPECT_FALSE(wrong.right);
    EXPECT_EQ(wrong.said, "Not this one: Carpania. The answer: Borduria.");
    EXPECT_EQ(judge_country(qs[0], d.world, "").said, "Not this one: the sea. The answer: Borduria.");
}

TEST(Quiz, APlaceIsFoundByAClickNearIt) {
    const Invented d;
    const auto qs = of_kind(d, QuestionKind::WhereIsPlace);
    ASSERT_EQ(qs.size(), 1u) << "the exercise known only by its area is not asked";
    const Question& q = qs[0];
    EXPECT_EQ(q.text, "Where is the North airbase? Click the map.");
    EXPECT_EQ(q.form, AnswerForm::Point);
    EXPECT_EQ(q.facts, std::vector<std::string>{"north-base"});
    EXPECT_TRUE(judge_point(q, {70.5, 40.2}, flat_km).right);  // 60 km away
    const Verdict far = judge_point(q, {72, 40}, flat_km);     // 222 km away
    EXPECT_FALSE(far.right);
    EXPECT_EQ(far.said, "Not here: that is 222 km away. The answer: North airbase (Carpania).");
    EXPECT_FALSE(judge_point(q, {std::nan(""), std::nan("")}, flat_km).right);
}

TEST(Quiz, TheCityOfASigningIsTheEndOfItsName) {
    const Invented d;
    const auto qs = of_kind(d, QuestionKind::SigningCity);
    ASSERT_EQ(qs.size(), 1u);
    EXPECT_EQ(qs[0].text, "In which city was the Pact of Friendship signed? Click it on the map.");
    EXPECT_EQ(qs[0].printed,
              "In which city was the Pact of Friendship signed? Name it, and mark it on the map with the question's number.");
    EXPECT_EQ(qs[0].answer, "Port Carp (Carpania)");
    EXPECT_EQ(qs[0].point.x, 72);
    EXPECT_TRUE(judge_point(qs[0], {72.1, 41}, flat_km).right);
}

TEST(Quiz, TheLongestBorderIsThePublishedLengths) {
    Invented d;
    auto qs = of_kind(d, QuestionKind::LongestBorder);
    ASSERT_EQ(qs.size(), 1u);
    EXPECT_EQ(qs[0].text, "Of the countries along Aland's southern border, which has the longest border with Aland? Click it.");
    EXPECT_EQ(qs[0].countries, std::vector<std::string>{"CCC"});
    EXPECT_EQ(qs[0].answer, "Carpania (Carpania 1200 km, Elbonia 700 km, Borduria 300 km)");
    EXPECT_EQ(qs[0].passage, "one-2");
    // Another figure changes the answer; a missing one leaves the kind without a question.
    d.facts.border_lengths[2].km = 1500;
    EXPECT_EQ(of_kind(d, QuestionKind::LongestBorder)[0].countries, std::vector<std::string>{"EEE"});
    d.facts.border_lengths.pop_back();
    EXPECT_TRUE(of_kind(d, QuestionKind::LongestBorder).empty());
}

TEST(Quiz, TheArticlesOwnNameForACountryIsAskedWhereItIsUsed) {
    const Invented d;
    const auto qs = of_kind(d, QuestionKind::ArticleName);
    ASSERT_EQ(qs.size(), 1u) << "'the Republic of Borduria' and 'the Bordur Republic' give the answer away";
    EXPECT_EQ(qs[0].text, "The article calls it \u201cthe BR\u201d: which country is it? Click it.");
    EXPECT_EQ(qs[0].countries, std::vector<std::string>{"BBB"});
    EXPECT_EQ(qs[0].passage, "one-1");
    EXPECT_EQ(qs[0].facts, std::vector<std::string>{"aliases.csv:2"});
}

TEST(Quiz, ACorrectionNoteSetsTheTrapOfANeighbourLeftOut) {
    Invented d;
    auto qs = of_kind(d, QuestionKind::NeighbourOutside);
    ASSERT_EQ(qs.size(), 1u);
    EXPECT_EQ(qs[0].text,
              "Click a neighbour of Aland that had no standing at all in the PoF (not a member, observer, dialogue "
              "partner or partner) on 31 December 2012.");
    EXPECT_EQ(qs[0].countries, std::vector<std::string>{"EEE"});
    EXPECT_EQ(qs[0].note, "elbonia-outside");
    EXPECT_EQ(qs[0].passage, "one-2");
    // Dastan was an observer: it has a standing, so it is not an answer; once its record goes, it is.
    d.facts.memberships.erase(d.facts.memberships.begin() + 3);
    qs = of_kind(d, QuestionKind::NeighbourOutside);
    ASSERT_EQ(qs.size(), 1u);
    EXPECT_EQ(as_set(qs[0].countries), (std::set<std::string>{"DDD", "EEE"}));
}

TEST(Quiz, ARoundIsTheSameForTheSameSeed) {
    const Invented d;
    const QuizRound a = make_round(d.facts, d.world, d.article, 7), b = make_round(d.facts, d.world, d.article, 7);
    ASSERT_EQ(a.questions.size(), 10u);
    EXPECT_TRUE(a.skipped.empty());
    for (size_t i = 0; i < a.questions.size(); ++i) EXPECT_EQ(a.questions[i].text, b.questions[i].text);
    // Every kind is in a round of ten, each question once.
    std::set<QuestionKind> kinds;
    std::set<std::string> texts;
    for (const Question& q : a.questions) {
        kinds.insert(q.kind);
        texts.insert(q.text);
        EXPECT_FALSE(q.facts.empty()) << q.text;
        EXPECT_EQ(q.printed.find("Click"), std::string::npos) << "on paper nothing is clicked: " << q.printed;
        EXPECT_FALSE(q.printed.empty()) << q.text;
        // Asked of a class, the question is a question: nothing to click or mark, ending with "?".
        EXPECT_EQ(q.aloud.find("Click"), std::string::npos) << q.aloud;
        EXPECT_EQ(q.aloud.find("mark"), std::string::npos) << q.aloud;
        ASSERT_FALSE(q.aloud.empty()) << q.text;
        EXPECT_EQ(q.aloud.back(), '?') << q.aloud;
    }
    EXPECT_EQ(kinds.size(), size_t(kQuestionKinds));
    EXPECT_EQ(texts.size(), a.questions.size());
    // Another seed, another round.
    bool differs = false;
    const QuizRound c = make_round(d.facts, d.world, d.article, 8);
    for (size_t i = 0; i < a.questions.size(); ++i) differs = differs || a.questions[i].text != c.questions[i].text;
    EXPECT_TRUE(differs);
    EXPECT_EQ(make_round(d.facts, d.world, d.article, 7, 3).questions.size(), 3u);
}

TEST(Quiz, KindsTheDataCannotMakeAreSkippedWithTheReason) {
    Invented d;
    d.facts.border_lengths.clear();
    d.facts.notes.clear();
    const QuizRound r = make_round(d.facts, d.world, d.article, 1);
    ASSERT_EQ(r.skipped.size(), 2u);
    EXPECT_EQ(r.skipped[0], "no longest-border question: no region of boundaries has every border's published length");
    EXPECT_EQ(r.skipped[1], "no neighbour-outside question: no correction note names a country left out of an organisation");
    EXPECT_EQ(r.questions.size(), 10u);
    const QuizRound none = make_round(Facts{}, d.world, d.article, 1);
    EXPECT_TRUE(none.questions.empty());
    EXPECT_EQ(none.skipped.size(), size_t(kQuestionKinds));
}

}  // namespace
}  // namespace atlas
