// Loading the data folder (app/geo/facts_load.cpp): the shipped tables pass the check, memberships
// answer right across the years, every place lies in its country, every link resolves and every
// alias in the text is linked; each kind of broken record is reported as "file:line: what is
// wrong"; the tour's scene file loads in order, saves back byte for byte (keeping the previous
// version as a backup) and reports a broken scene at its line. And the core's readings of what it
// loads (they need the loaded data, which the core's suite cannot load): the overlays' legend
// follows the date and keeps every two classes apart for all viewers, the timeline's events are
// the dated facts, and the keyboard walks the whole tour.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>
#include <sstream>

#include "core/colour.hpp"
#include "core/explore.hpp"
#include "core/overlay.hpp"
#include "core/quiz.hpp"
#include "core/timeline.hpp"
#include "geo/facts_load.hpp"
#include "support/data_copy.hpp"
#include "support/dates.hpp"
#include "support/paths.hpp"

namespace atlas {
namespace {

using test::day;

const DataSet& shipped_facts() {
    static const DataSet data = load_data_set(test::data_dir());
    return data;
}

// The shipped data set, by the name the overlays' and the timeline's tests give it.
const DataSet& data() { return shipped_facts(); }

std::string all(const std::vector<DataProblem>& problems) {
    std::string out;
    for (const auto& p : problems) out += p.str() + "\n";
    return out;
}

TEST(Facts, ShippedDataIsConsistent) {
    const DataSet& d = shipped_facts();
    ASSERT_TRUE(d.world);
    ASSERT_TRUE(d.article);
    EXPECT_TRUE(d.problems.empty()) << all(d.problems);
    EXPECT_EQ(d.facts->organisations.size(), 4u);
    EXPECT_GE(d.facts->memberships.size(), 60u);
    EXPECT_GE(d.facts->places.size(), 25u);
}

// Every source the inspector shows reads as a citation: no web address or piece of one, no
// file of the data, and its parentheses balanced (an address with parentheses of its own left
// "Kant Air Base?oldid=734008888)" on screen).
TEST(Facts, EverySourceReadsWithoutAddresses) {
    const Facts& f = *shipped_facts().facts;
    size_t read = 0;
    const auto check = [&](const std::string& source, const std::string& what) {
        const std::string shown = source_for_readers(source);
        for (const char* bit : {"://", "www.", "?oldid", "geodata/", ".html", ".htm"})
            EXPECT_EQ(shown.find(bit), std::string::npos) << what << ": " << shown;
        EXPECT_EQ(std::count(shown.begin(), shown.end(), '('), std::count(shown.begin(), shown.end(), ')'))
            << what << ": " << shown;
        EXPECT_FALSE(shown.empty()) << what << ": nothing left of " << source;
        ++read;
    };
    for (const auto& p : f.places) check(p.source, p.id);
    for (const auto& r : f.regions) check(r.source, r.id);
    for (const auto& m : f.memberships) check(m.source, m.country + " in " + m.organisation);
    EXPECT_GT(read, 100u);
}

TEST(Facts, CrimeaIsUkrainesUntilMarch2014) {
    const Facts& f = *shipped_facts().facts;
    for (const char* area : {"RUS-5457", "RUS-5850"}) {  // Crimea, Sevastopol
        EXPECT_EQ(f.controlled_by(area, kArticleDate), "UKR") << area;
        EXPECT_EQ(f.controlled_by(area, Date{1992, 1, 1}), "UKR") << area;
        EXPECT_EQ(f.controlled_by(area, Date{2014, 3, 17}), "UKR") << area;
        EXPECT_EQ(f.controlled_by(area, Date{2014, 3, 18}), "RUS") << area;
        EXPECT_EQ(f.controlled_by(area, Date{2026, 1, 1}), "RUS") << area;
    }
    EXPECT_EQ(f.controlled_by("KGZ-1234", kArticleDate), "");
}

// The notes a student reads beside the article's dated or misreadable passages (issue list of
// what they must cover), each with a source and marked as not the author's words by its kind.
TEST(Facts, NotesCoverWhatChangedSinceTheArticle) {
    const Facts& f = *shipped_facts().facts;
    auto note = [&](const std::string& id) -> const Note* {
        for (const auto& n : f.notes)
            if (n.id == id) return &n;
        return nullptr;
    };
    for (const char* id : {"kant-2003", "sco-afghanistan-contact-group", "afghanistan-sco-observer",
                           "pakistan-iran-members", "afghan-election-2014", "neighbours-and-the-sco"}) {
        const Note* n = note(id);
        ASSERT_NE(n, nullptr) << id;
        EXPECT_FALSE(n->source.empty()) << id;
    }
    EXPECT_EQ(note("kant-2003")->kind, "clarification");
    EXPECT_NE(note("kant-2003")->text.find("23 October 2003"), std::string::npos);
    EXPECT_NE(note("sco-afghanistan-contact-group")->text.find("2009"), std::string::npos);
    EXPECT_NE(note("sco-afghanistan-contact-group")->text.find("2017"), std::string::npos);
    EXPECT_NE(note("pakistan-iran-members")->text.find("2023"), std::string::npos);
    EXPECT_NE(note("neighbours-and-the-sco")->text.find("804 km"), std::string::npos);
    EXPECT_EQ(note("neighbours-and-the-sco")->text.find("about 800"), std::string::npos);
}

struct Query {
    const char* organisation;
    const char* country;
    const char* date;
    Status expected;
};

// Each row is a fact from the sources named in memberships.csv, checked by hand.
TEST(Facts, StatusOnAnyDayFrom1992To2026) {
    const Facts& f = *shipped_facts().facts;
    const Query table[] = {
        // The Collective Security Treaty: signatories, the 1999 departures, succession by the CSTO.
        {"cst", "UZB", "1992-05-15", Status::Member},
        {"cst", "UZB", "1992-05-14", Status::None},
        {"cst", "AZE", "1993-09-23", Status::None},
        {"cst", "AZE", "1993-09-24", Status::Member},
        {"cst", "AZE", "1999-04-19", Status::Member},
        {"cst", "AZE", "1999-04-20", Status::None},
        {"cst", "GEO", "1998-01-01", Status::Member},
        {"cst", "GEO", "2000-01-01", Status::None},
        {"cst", "UZB", "2000-01-01", Status::None},
        {"cst", "BLR", "1994-01-01", Status::Member},
        {"cst", "RUS", "2002-10-06", Status::Member},
        {"cst", "RUS", "2002-10-07", Status::None},
        // The CSTO: founders, Uzbekistan's return and suspension, Armenia's freeze.
        {"csto", "RUS", "2002-10-06", Status::None},
        {"csto", "RUS", "2002-10-07", Status::Member},
        {"csto", "BLR", "2026-11-28", Status::Member},
        {"csto", "UZB", "2005-01-01", Status::None},
        {"csto", "UZB", "2007-01-01", Status::Member},
        {"csto", "UZB", "2012-06-27", Status::Member},
        {"csto", "UZB", "2012-06-28", Status::Suspended},
        {"csto", "UZB", "2026-11-28", Status::Suspended},
        {"csto", "ARM", "2012-12-31", Status::Member},
        {"csto", "ARM", "2024-02-21", Status::Member},
        {"csto", "ARM", "2024-02-22", Status::Frozen},
        // The Shanghai Five and its succession by the SCO.
        {"shanghai5", "CHN", "1996-04-26", Status::Member},
        {"shanghai5", "CHN", "2001-06-14", Status::Member},
        {"shanghai5", "CHN", "2001-06-15", Status::None},
        {"shanghai5", "UZB", "2000-01-01", Status::None},
        {"sco", "CHN", "2001-06-15", Status::Member},
        {"sco", "UZB", "2001-06-15", Status::Member},
        // SCO enlargements, observers and dialogue partners, and the 2025 merge into partners.
        {"sco", "MNG", "2004-06-17", Status::Observer},
        {"sco", "IND", "2004-01-01", Status::None},
        {"sco", "IND", "2005-07-05", Status::Observer},
        {"sco", "IND", "2017-06-08", Status::Observer},
        {"sco", "IND", "2017-06-09", Status::Member},
        {"sco", "PAK", "2012-12-31", Status::Observer},
        {"sco", "IRN", "2023-07-03", Status::Observer},
        {"sco", "IRN", "2023-07-04", Status::Member},
        {"sco", "BLR", "2009-06-16", Status::DialoguePartner},
        {"sco", "BLR", "2015-07-10", Status::Observer},
        {"sco", "BLR", "2024-07-04", Status::Member},
        {"sco", "AFG", "2012-06-06", Status::None},
        {"sco", "AFG", "2012-06-07", Status::Observer},
        {"sco", "AFG", "2025-08-31", Status::Observer},
        {"sco", "AFG", "2025-09-01", Status::Partner},
        {"sco", "TUR", "2012-12-31", Status::DialoguePartner},
        {"sco", "TUR", "2026-01-01", Status::Partner},
        // Never joined.
        {"csto", "CHN", "2012-12-31", Status::None},
        {"sco", "GEO", "2026-11-28", Status::None},
        {"csto", "AZE", "2012-12-31", Status::None},
    };
    for (const auto& q : table)
        EXPECT_EQ(f.status_on(q.organisation, q.country, day(q.date)), q.expected)
            << q.organisation << " " << q.country << " " << q.date << ": got "
            << status_key(f.status_on(q.organisation, q.country, day(q.date)));

    // Turkmenistan, neutral, never joined any of them: every day of every year.
    for (int y = 1992; y <= 2026; ++y)
        for (int m = 1; m <= 12; ++m)
            for (const char* org : {"cst", "csto", "shanghai5", "sco"})
                EXPECT_EQ(f.status_on(org, "TKM", Date{y, m, 1}), Status::None) << org << " " << y << "-" << m;
}

std::set<std::string> with_status(const Facts& f, const std::string& org, Status s, const Date& d) {
    std::set<std::string> out;
    for (const auto& m : f.memberships)
        if (m.organisation == org && m.status == s && m.holds_on(d)) out.insert(m.country);
    return out;
}

TEST(Facts, TheArticlesPresentMatchesItsText) {
    const Facts& f = *shipped_facts().facts;
    // integration-6: "The following countries belong to the CSTO: ... Uzbekistan suspended its membership in 2012."
    EXPECT_EQ(with_status(f, "csto", Status::Member, kArticleDate),
              (std::set<std::string>{"ARM", "BLR", "KAZ", "KGZ", "RUS", "TJK"}));
    EXPECT_EQ(with_status(f, "csto", Status::Suspended, kArticleDate), (std::set<std::string>{"UZB"}));
    // integration-34: the six founders; Mongolia, Pakistan, Iran, India and Afghanistan observers;
    // Belarus and Sri Lanka dialogue partners (and Turkey, from June 2012, which the article omits).
    EXPECT_EQ(with_status(f, "sco", Status::Member, kArticleDate),
              (std::set<std::string>{"CHN", "KAZ", "KGZ", "RUS", "TJK", "UZB"}));
    EXPECT_EQ(with_status(f, "sco", Status::Observer, kArticleDate),
              (std::set<std::string>{"AFG", "IND", "IRN", "MNG", "PAK"}));
    EXPECT_EQ(with_status(f, "sco", Status::DialoguePartner, kArticleDate),
              (std::set<std::string>{"BLR", "LKA", "TUR"}));
}

TEST(Facts, ChangesAfterTheArticleAreMarked) {
    const Facts& f = *shipped_facts().facts;
    const Membership* armenia = f.membership_on("csto", "ARM", day("2025-01-01"));
    ASSERT_TRUE(armenia);
    EXPECT_TRUE(armenia->after_article());
    const Membership* uzbekistan = f.membership_on("csto", "UZB", day("2012-12-31"));
    ASSERT_TRUE(uzbekistan);
    EXPECT_FALSE(uzbekistan->after_article());
    for (const auto& m : f.memberships) EXPECT_FALSE(m.source.empty()) << m.at.str();
}

TEST(Facts, EveryPlaceLiesInsideItsCountryAndArea) {
    const DataSet& d = shipped_facts();
    ASSERT_TRUE(d.world);
    for (const auto& p : d.facts->places) {
        const int c = d.world->country_index(p.country);
        ASSERT_GE(c, 0) << p.id;
        EXPECT_TRUE(contains(d.world->countries[size_t(c)].shape, p.lonlat)) << p.id << " is not in " << p.country;
        EXPECT_FALSE(p.source.empty()) << p.id;
        if (p.precision == Precision::Area) {
            const auto it = std::find_if(d.world->provinces.begin(), d.world->provinces.end(),
                                         [&](const Province& pr) { return pr.id == p.area; });
            if (it != d.world->provinces.end()) {
                EXPECT_TRUE(contains(it->shape, p.lonlat)) << p.id;
            }
        }
    }
    // The places the issue names are there, with an honest precision.
    const Place* kant = d.facts->place("kant-airbase");
    ASSERT_TRUE(kant);
    EXPECT_EQ(kant->precision, Precision::Site);
    EXPECT_EQ(kant->country, "KGZ");
    const Place* east = d.facts->place("east-antiterror-2012");
    ASSERT_TRUE(east);
    EXPECT_EQ(east->precision, Precision::Area);  // only "Jizzakh region" is known
}

TEST(Facts, EveryLinkResolvesAndEveryEntityHasAPassage) {
    const DataSet& d = shipped_facts();
    const Facts& f = *d.facts;
    std::set<std::string> linked;
    for (const auto& l : f.links) {
        EXPECT_TRUE(d.article->passage(l.passage)) << l.at.str();
        const bool entity = d.world->country_index(l.entity) >= 0 || f.organisation(l.entity) || f.place(l.entity) ||
                            f.region(l.entity);
        EXPECT_TRUE(entity) << l.at.str() << ": " << l.entity;
        linked.insert(l.entity);
    }
    for (const auto& o : f.organisations) EXPECT_TRUE(linked.count(o.id)) << o.id;
    for (const auto& p : f.places) EXPECT_TRUE(linked.count(p.id)) << p.id;
    for (const auto& r : f.regions) EXPECT_TRUE(linked.count(r.id)) << r.id;
    // The links of an entity come in article order.
    const auto kant = f.links_of("kant-airbase", *d.article);
    ASSERT_FALSE(kant.empty());
    EXPECT_EQ(kant.front()->passage, "integration-22");
}

TEST(Facts, EveryAliasFoundInTheTextIsLinked) {
    const DataSet& d = shipped_facts();
    const Facts& f = *d.facts;
    std::set<std::pair<std::string, std::string>> links;
    for (const auto& l : f.links) links.insert({l.passage, l.entity});
    size_t found = 0;
    for (const auto& p : d.article->passages)
        for (const auto& m : f.mentions(p.text)) {
            ++found;
            EXPECT_TRUE(links.count({p.id, m.alias->entity})) << p.id << " mentions '" << m.alias->text << "'";
            EXPECT_EQ(p.text.substr(m.begin, m.end - m.begin), m.alias->text);
        }
    EXPECT_GT(found, 150u);
    // The names the issue lists are found where the article writes them.
    auto entities_in = [&](const std::string& passage) {
        std::set<std::string> out;
        for (const auto& m : f.mentions(d.article->passage(passage)->text)) out.insert(m.alias->entity);
        return out;
    };
    EXPECT_TRUE(entities_in("integration-4").count("RUS"));  // "Russia"
    EXPECT_TRUE(entities_in("integration-6").count("RUS"));  // "the RF"
    EXPECT_TRUE(entities_in("integration-6").count("KGZ"));  // "the Kyrgyz Republic"
    EXPECT_TRUE(entities_in("afghanistan-19").count("afghan-badakhshan"));
    EXPECT_FALSE(entities_in("afghanistan-19").count("AFG"));  // "Afghan" inside "Afghan Badakhshan" is the province
    EXPECT_TRUE(entities_in("integration-31").count("shanghai5"));  // "the Shanghai Five"
    // "Collective Security Treaty" inside "Collective Security Treaty Organization" is the CSTO only.
    EXPECT_EQ(entities_in("intro-6").count("cst"), 0u);
    EXPECT_EQ(entities_in("intro-6").count("csto"), 1u);
}

// --- Broken fixtures: each breaks one line of a copy of the shipped data. ---

class BrokenFacts : public ::testing::Test {
protected:
    std::string dir;
    void SetUp() override {
        dir = test::copy_data(std::string("facts-") + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    }
    std::string file(const char* name) const { return dir + "/" + name; }
    // Replaces the first line of `table` containing `needle` with `text`; returns its number.
    int change(const char* table, const std::string& needle, const std::string& text) {
        const int line = test::find_line(file(table), needle);
        EXPECT_GT(line, 0) << needle << " not in " << table;
        if (line > 0) test::replace_line(file(table), line, text);
        return line;
    }
    std::vector<std::string> problems() const {
        std::vector<std::string> out;
        for (const auto& p : load_data_set(dir).problems) out.push_back(p.str());
        return out;
    }
    void expect_problem(const std::string& expected) const {
        const auto got = problems();
        std::string list;
        for (const auto& g : got) list += "  " + g + "\n";
        EXPECT_NE(std::find(got.begin(), got.end(), expected), got.end()) << "expected:\n  " << expected << "\ngot:\n"
                                                                          << list;
    }
    std::string at(const char* table, int line) const { return file(table) + ":" + std::to_string(line); }
};

TEST_F(BrokenFacts, TheCopyIsConsistentBeforeItIsBroken) { EXPECT_TRUE(problems().empty()); }

// Bytes the CSV driver would take quietly. The table is refused at the line, not read in part.
TEST_F(BrokenFacts, ANulByteIsReportedAndTheTableIsNotReadInPart) {
    const int line = test::find_line(file(kMembershipsFile), "sco,IND,observer");
    test::replace_line(file(kMembershipsFile), line, std::string("sco,IND,observer,2005-07-05,2017-06-09,a\0source", 46));
    expect_problem(at(kMembershipsFile, line) + ": a NUL byte (the file is damaged or not text)");
}

TEST_F(BrokenFacts, TextThatIsNotUtf8) {
    const int line = change(kPlacesFile, "kant-airbase", "kant-airbase,Kant \xff\xfe airbase");
    expect_problem(at(kPlacesFile, line) + ": not UTF-8 text");
}

TEST_F(BrokenFacts, ATableSeparatedBySemicolons) {
    std::string text = test::read_text(file(kOrganisationsFile));
    std::replace(text.begin(), text.end(), ',', ';');
    test::write_text(file(kOrganisationsFile), text);
    expect_problem(at(kOrganisationsFile, 1) +
                   ": the header has 1 comma-separated columns but reads as 9 (the separator must be a comma)");
}

TEST_F(BrokenFacts, AColumnNamedTwice) {
    // A second lat after the first: one of the two would never be checked.
    std::string text = test::read_text(file(kCapitalsFile));
    std::string out;
    std::istringstream in(text);
    for (std::string l; std::getline(in, l);) out += l + (out.empty() ? ",lat\n" : ",95\n");
    test::write_text(file(kCapitalsFile), out);
    expect_problem(at(kCapitalsFile, 1) + ": column 'lat' twice");
}

TEST_F(BrokenFacts, AnIdOfSpacesIsMissing) {
    const int line = change(kAliasesFile, "AFG,Afghan", "   ,Afghan");
    expect_problem(at(kAliasesFile, line) + ": missing entity (only spaces)");
}

// The atlas's own data folder is checked against SHA256SUMS: a table changed by a byte is named
// as altered, a missing list is said; a folder opened with --data (shipped = false) is not.
TEST_F(BrokenFacts, ShippedDataThatDiffersFromItsChecksumsIsNamed) {
    EXPECT_TRUE(load_data_set(dir, "", true).problems.empty()) << "the copy is as shipped";
    const int line = change(kPlacesFile, "kant-airbase", test::line_of(file(kPlacesFile),
                                                                       test::find_line(file(kPlacesFile), "kant-airbase")) + " ");
    ASSERT_GT(line, 0);
    auto shipped = load_data_set(dir, "", true).problems;
    ASSERT_EQ(shipped.size(), 1u) << shipped.front().str();
    EXPECT_EQ(shipped.front().str(), file(kPlacesFile) + ": differs from the data the atlas shipped (SHA256SUMS): "
                                                        "altered or damaged; reinstall the atlas, or open a changed "
                                                        "copy on purpose with --data DIR");
    EXPECT_TRUE(problems().empty()) << "with --data the check is the consistency check";
    std::filesystem::remove(file("SHA256SUMS"));
    shipped = load_data_set(dir, "", true).problems;
    ASSERT_FALSE(shipped.empty());
    EXPECT_EQ(shipped.front().str(),
              file("SHA256SUMS") + ": missing: the shipped data cannot be told intact (reinstall the atlas)");
}

TEST_F(BrokenFacts, UnknownCountryCode) {
    const int line = change(kMembershipsFile, "sco,MNG,observer", "sco,MNX,observer,2004-06-17,2025-09-01,a source");
    expect_problem(at(kMembershipsFile, line) + ": unknown country code 'MNX'");
}

TEST_F(BrokenFacts, PassageThatDoesNotExist) {
    const int line = change(kLinksFile, "integration-22,kant-airbase", "integration-99,kant-airbase,alias");
    expect_problem(at(kLinksFile, line) + ": no passage 'integration-99' in the article");
}

TEST_F(BrokenFacts, DatesOutOfOrderInOneRecord) {
    const int line = change(kMembershipsFile, "sco,IND,observer", "sco,IND,observer,2017-06-09,2005-07-05,a source");
    expect_problem(at(kMembershipsFile, line) + ": to 2005-07-05 is not after from 2017-06-09");
}

TEST_F(BrokenFacts, OverlappingMemberships) {
    const int first = test::find_line(file(kMembershipsFile), "sco,IND,observer");
    const int line = change(kMembershipsFile, "sco,IND,member", "sco,IND,member,2016-01-01,,a source");
    expect_problem(at(kMembershipsFile, line) + ": overlaps the record at line " + std::to_string(first) +
                   " (sco, IND)");
}

TEST_F(BrokenFacts, MembershipsOutOfDateOrder) {
    const int first = test::find_line(file(kMembershipsFile), "sco,IND,observer");
    const int line = change(kMembershipsFile, "sco,IND,member", "sco,IND,member,2004-01-01,2005-01-01,a source");
    expect_problem(at(kMembershipsFile, line) + ": out of date order: starts before the record at line " +
                   std::to_string(first));
}

TEST_F(BrokenFacts, StatusOutsideTheVocabulary) {
    const int line = change(kMembershipsFile, "sco,MNG,observer", "sco,MNG,onlooker,2004-06-17,2025-09-01,a source");
    expect_problem(at(kMembershipsFile, line) +
                   ": status 'onlooker' is not one of member, observer, dialogue-partner, partner, suspended, frozen");
}

TEST_F(BrokenFacts, DuplicateIds) {
    const int first = test::find_line(file(kPlacesFile), "kant-airbase,");
    const std::string kant = test::line_of(file(kPlacesFile), first);
    const int line = change(kPlacesFile, "sco-rats,", kant);
    expect_problem(at(kPlacesFile, line) + ": duplicate id 'kant-airbase' (first at " + at(kPlacesFile, first) + ")");
}

TEST_F(BrokenFacts, CoordinatesOutsideTheRegion) {
    const int line = change(kPlacesFile, "kant-airbase,",
                            "kant-airbase,Kant airbase,airbase,csto,-74.8464,42.8531,site,,KGZ,2003-10-23,,a source");
    const auto got = problems();
    const std::string prefix = at(kPlacesFile, line) + ": lon/lat -74.8464, 42.8531 is outside the map's region (lon ";
    EXPECT_TRUE(std::any_of(got.begin(), got.end(), [&](const std::string& p) { return p.rfind(prefix, 0) == 0; }))
        << prefix;
}

TEST_F(BrokenFacts, CoordinatesOutsideTheCountryTheyClaim) {
    const int line = change(kPlacesFile, "kant-airbase,",
                            "kant-airbase,Kant airbase,airbase,csto,74.8464,42.8531,site,,KAZ,2003-10-23,,a source");
    expect_problem(at(kPlacesFile, line) + ": lon/lat 74.8464, 42.8531 is not inside KAZ (Kazakhstan)");
}

TEST_F(BrokenFacts, EntityWithoutAPassage) {
    const int kant = test::find_line(file(kPlacesFile), "kant-airbase,");
    // Without its link and its alias, Kant airbase has no passage at all.
    test::replace_line(file(kLinksFile), test::find_line(file(kLinksFile), "integration-22,kant-airbase"), "", true);
    test::replace_line(file(kAliasesFile), test::find_line(file(kAliasesFile), "kant-airbase,"), "", true);
    expect_problem(at(kPlacesFile, kant) + ": 'kant-airbase' is linked to no passage");
}

TEST_F(BrokenFacts, AliasInTheTextWithoutALink) {
    test::replace_line(file(kLinksFile), test::find_line(file(kLinksFile), "integration-22,kant-airbase"), "", true);
    const int alias = test::find_line(file(kAliasesFile), "kant-airbase,the Kant airbase");
    expect_problem(at(kAliasesFile, alias) +
                   ": passage integration-22 mentions 'the Kant airbase' but has no link to kant-airbase");
}

TEST_F(BrokenFacts, AnAliasThatIsAlreadyAnotherEntitysName) {
    // "kazakhstan" as the article's word for Uzbekistan: every mention would link the wrong country.
    const int line = change(kAliasesFile, "UZB,Uzbekistan", "UZB,kazakhstan");
    const auto got = problems();
    const std::string prefix = at(kAliasesFile, line) + ": alias 'kazakhstan' of UZB is already a name of KAZ";
    EXPECT_TRUE(std::any_of(got.begin(), got.end(), [&](const std::string& p) { return p.rfind(prefix, 0) == 0; }))
        << prefix;
}

TEST_F(BrokenFacts, AnOtherNameThatIsAlreadyAnotherEntitysName) {
    // "KYRGYZSTAN" for Tajikistan: a search would find the wrong country. Case folds.
    const int line = change(kNamesFile, "Таджикистан", "TJK,KYRGYZSTAN,en,a source");
    const auto got = problems();
    const std::string prefix = at(kNamesFile, line) + ": name 'KYRGYZSTAN' of TJK is already a name of KGZ";
    EXPECT_TRUE(std::any_of(got.begin(), got.end(), [&](const std::string& p) { return p.rfind(prefix, 0) == 0; }))
        << prefix;
}

TEST_F(BrokenFacts, AnOtherNameOfNothingOrWithoutASource) {
    const int a = change(kNamesFile, "Таджикистан", "TJX,Таджикистан,ru,a source");
    const int b = change(kNamesFile, "Душанбе", "Dushanbe,Душанбе,ru,");
    expect_problem(at(kNamesFile, a) + ": unknown entity 'TJX' (an id, an ISO code or a capital's name)");
    expect_problem(at(kNamesFile, b) + ": missing source");
}

TEST_F(BrokenFacts, APublishedLengthOfNoBoundary) {
    const int line = change(kBorderLengthsFile, "AFG-TJK", "AFG-KAZ,1357,a source");
    expect_problem(at(kBorderLengthsFile, line) + ": no land boundary 'AFG-KAZ' in the map data");
}

TEST_F(BrokenFacts, AChangeOfControlWithoutASourceOrOfNoProvince) {
    const int a = change(kControlFile, "RUS-5457", "RUS-5457,UKR,RUS,2014-03-18,");
    const int b = change(kControlFile, "RUS-5850", "RUS-9999,UKR,RUS,2014-03-18,a source");
    expect_problem(at(kControlFile, a) + ": missing source");
    expect_problem(at(kControlFile, b) + ": unknown province id 'RUS-9999'");
}

TEST_F(BrokenFacts, AChangeOfControlOfAnAreaNeitherCountryHeld) {
    const int line = change(kControlFile, "RUS-5457", "RUS-5457,UKR,GEO,2014-03-18,a source");
    expect_problem(at(kControlFile, line) + ": RUS-5457 is RUS's in the map data, neither before nor after");
}

TEST_F(BrokenFacts, MalformedRecords) {
    const int fields = change(kRegionsFile, "balkh-province,", "balkh-province,Balkh Province,province,AFG-5070,a, b");
    const int date = change(kMembershipsFile, "sco,MNG,observer", "sco,MNG,observer,2004-6-17,2025-09-01,a source");
    const int lon = change(kPlacesFile, "sco-rats,", "sco-rats,RATS,seat,sco,east,41.3,city,,UZB,2004-06-17,,a source");
    const auto got = problems();
    auto has = [&](const std::string& p) { return std::find(got.begin(), got.end(), p) != got.end(); };
    EXPECT_TRUE(has(at(kRegionsFile, fields) + ": 6 fields, the header has 5 (quote a field that contains a comma)"));
    EXPECT_TRUE(has(at(kMembershipsFile, date) + ": from '2004-6-17' is not a date (YYYY-MM-DD)"));
    EXPECT_TRUE(has(at(kPlacesFile, lon) + ": lon 'east' is not a number from -180 to 180"));
}

TEST_F(BrokenFacts, MissingTable) {
    std::filesystem::remove(file(kNotesFile));
    expect_problem(file(kNotesFile) + ": file missing or unreadable");
}

TEST_F(BrokenFacts, EveryProblemIsReportedAtOnce) {
    change(kMembershipsFile, "sco,MNG,observer", "sco,MNX,observer,2004-06-17,2025-09-01,a source");
    change(kLinksFile, "integration-22,kant-airbase", "integration-99,kant-airbase,alias");
    change(kMembershipsFile, "csto,UZB,suspended", "csto,UZB,sleeping,2012-06-28,,a source");
    EXPECT_GE(problems().size(), 3u);
}

// --- The tour's scene file. ---

std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(in)), {});
}

TEST(Tour, TheShippedTourFollowsTheArticleAndChecksClean) {
    const DataSet d = load_data_set(test::data_dir());
    EXPECT_TRUE(d.problems.empty());
    ASSERT_EQ(d.tour.size(), 10u);
    std::vector<std::string> ids;
    for (const auto& s : d.tour) ids.push_back(s.id);
    EXPECT_EQ(ids, (std::vector<std::string>{"region", "threats", "northern-border", "badakhshan", "csto", "kant",
                                             "shanghai-five", "sco-exercises", "cooperation", "after"}));
    const Scene& kant = d.tour[5];
    EXPECT_EQ(kant.passage, "integration-22");
    EXPECT_EQ(kant.highlight, std::vector<std::string>{"kant-airbase"});
    EXPECT_TRUE(kant.layers.places);
    EXPECT_FALSE(kant.layers.graticule);
    EXPECT_EQ(d.tour[6].date, (Date{1997, 6, 1}));
}

TEST(Tour, SavesBackUnchangedKeepingABackup) {
    const std::string dir = test::copy_data("tour-save");
    const std::string path = dir + "/" + kTourFile;
    std::vector<DataProblem> problems;
    const auto scenes = load_tour(dir, problems);
    ASSERT_TRUE(problems.empty());
    const std::string before = slurp(path);
    save_tour(path, scenes);
    EXPECT_EQ(slurp(path), before);
    EXPECT_EQ(slurp(path + ".bak"), before);
    // A change is written, and the backup is the previous version.
    auto changed = scenes;
    changed.front().title = "Central Asia";
    std::swap(changed[1], changed[2]);  // reordered
    save_tour(path, changed);
    EXPECT_EQ(slurp(path + ".bak"), before);
    const auto again = load_tour(dir, problems);
    ASSERT_EQ(again.size(), scenes.size());
    EXPECT_EQ(again.front().title, "Central Asia");
    EXPECT_EQ(again[1].id, "northern-border");
}

// A hand-edited scene keeps every digit through a save of another scene ("%g" kept six).
TEST(Tour, SavingKeepsEveryDigitOfAHandEditedScene) {
    const std::string dir = test::copy_data("tour-digits");
    const std::string path = dir + "/" + kTourFile;
    std::vector<DataProblem> problems;
    auto scenes = load_tour(dir, problems);
    ASSERT_TRUE(problems.empty());
    scenes[1].view = View{68.123456789, 37.0000001, 1234.5678901};
    save_tour(path, scenes);
    auto again = load_tour(dir, problems);
    ASSERT_TRUE(problems.empty());
    again[0].title = "Edited elsewhere";
    save_tour(path, again);
    const auto last = load_tour(dir, problems);
    EXPECT_EQ(last[1].view.lon, 68.123456789);
    EXPECT_EQ(last[1].view.lat, 37.0000001);
    EXPECT_EQ(last[1].view.height_km, 1234.5678901);
    EXPECT_NE(test::line_of(path, 3).find(",68.123456789,37.0000001,1234.5678901,"), std::string::npos)
        << test::line_of(path, 3);
}

TEST(Tour, ABrokenSceneIsReportedAtItsLine) {
    const std::string dir = test::copy_data("tour-broken");
    const std::string path = dir + "/" + kTourFile;
    const int line = test::find_line(path, "kant,The Kant airbase");
    test::replace_line(
        path, line,
        "kant,The Kant airbase,74.8,42.9,400,albers,2012-12-31,countries sattelite,kant-base,integration-99,");
    std::vector<std::string> got;
    for (const auto& p : load_data_set(dir).problems) got.push_back(p.str());
    const std::string at = path + ":" + std::to_string(line) + ": ";
    auto has = [&](const std::string& m) { return std::find(got.begin(), got.end(), at + m) != got.end(); };
    EXPECT_TRUE(
        has("unknown layer 'sattelite' (one of countries provinces labels memberships northern_border regions "
            "places capitals graticule, all)"));
    // The record with an unknown layer is left out; fix the layer and the rest is checked.
    test::replace_line(path, line,
                       "kant,The Kant airbase,74.8,42.9,400,albers,2012-12-31,countries,kant-base,integration-99,");
    got.clear();
    for (const auto& p : load_data_set(dir).problems) got.push_back(p.str());
    EXPECT_TRUE(has("no passage 'integration-99' in the article"));
    EXPECT_TRUE(has("unknown entity 'kant-base'"));
}

// The tour's path in a fresh copy of the data folder named `name`.
std::string copy_tour(const std::string& name) { return test::copy_data(name) + "/" + kTourFile; }

TEST(Tour, AnnotationsAreSavedWithTheirSceneAndReadBack) {
    const std::string path = copy_tour("tour-annotations");
    const std::string dir = std::filesystem::path(path).parent_path().string();
    std::vector<DataProblem> problems;
    auto scenes = load_tour(dir, problems);
    ASSERT_TRUE(problems.empty());
    for (const auto& sc : scenes) EXPECT_TRUE(sc.annotations.empty()) << sc.id;  // the shipped tour has none
    // The presenter's circle round Kant, an arrow and a label with a comma and quotes in it.
    const std::string drawn =
        "circle 74.8464 42.8531 30km; arrow 74.2 43.3 74.75 42.9 #ffd400; text 74.9 43 \"Kant, the \\\"airbase\\\"\"";
    std::string error;
    const auto notes = parse_annotations(drawn, error);
    ASSERT_TRUE(notes) << error;
    ASSERT_EQ(scenes[5].id, "kant");
    scenes[5].annotations = *notes;
    save_tour(path, scenes);
    // The CSV field is quoted (it holds a comma), its quotes doubled; the other scenes' are empty.
    const std::string line = test::line_of(path, 7);
    const std::string field =
        "\"circle 74.8464 42.8531 30km; arrow 74.2 43.3 74.75 42.9 #ffd400; text 74.9 43 \"\"Kant, the \\\"\"airbase\\\"\"\"\"\"";
    EXPECT_EQ(line.substr(line.size() - std::min(line.size(), field.size())), field) << line;
    EXPECT_EQ(test::line_of(path, 6).back(), ',');
    // Read back: the same shapes, and saved again the file is unchanged.
    const auto again = load_tour(dir, problems);
    ASSERT_TRUE(problems.empty()) << problems.front().str();
    ASSERT_EQ(again.size(), scenes.size());
    EXPECT_EQ(again[5].annotations, *notes);
    EXPECT_EQ(again[5].annotations.shapes.at(2).text, "Kant, the \"airbase\"");
    const std::string saved = slurp(path);
    save_tour(path, again);
    EXPECT_EQ(slurp(path), saved);
    // A tour written before the column existed still loads, without annotations.
    std::ofstream(path, std::ios::binary) << "id,title,lon,lat,height_km,projection,date,layers,highlight,passage\n"
                                             "kant,The Kant airbase,74.8,42.9,400,albers,2012-12-31,countries,kant-airbase,integration-22\n";
    const auto old = load_tour(dir, problems);
    EXPECT_TRUE(problems.empty());
    ASSERT_EQ(old.size(), 1u);
    EXPECT_TRUE(old[0].annotations.empty());
}

TEST(Tour, ABadAnnotationIsReportedAtItsLine) {
    const std::string path = copy_tour("tour-bad-annotation");
    const std::string dir = std::filesystem::path(path).parent_path().string();
    const int line = test::find_line(path, "kant,The Kant airbase");
    test::replace_line(path, line,
                       "kant,The Kant airbase,74.8,42.9,400,albers,2012-12-31,countries,kant-airbase,integration-22,"
                       "circle 74.8 42.9 30km; circle 74.8 42.9 30");
    std::vector<DataProblem> problems;
    const auto scenes = load_tour(dir, problems);
    ASSERT_EQ(problems.size(), 1u);
    EXPECT_EQ(problems[0].str(), path + ":" + std::to_string(line) +
                                     ": annotations: shape 2 (circle): radius '30' is not a distance from 0.01km to "
                                     "20000km (circle LON LAT 30km)");
    EXPECT_EQ(scenes.size(), 9u);  // the scene is left out
}

TEST(Tour, AKeyboardOnlyWalkThroughTheWholeTour) {
    const DataSet d = load_data_set(test::data_dir());
    ASSERT_FALSE(d.tour.empty());
    TourPlayer player(d.tour.size());
    AppState state;
    auto check = [&](size_t i) {
        const Scene& sc = d.tour[i];
        apply_scene(d.tour[player.scene()], state);
        EXPECT_EQ(player.scene(), i);
        EXPECT_EQ(state.projection, sc.projection) << sc.id;
        EXPECT_EQ(state.date, sc.date) << sc.id;
        EXPECT_TRUE(state.layers == sc.layers) << sc.id;
        EXPECT_EQ(state.selected, sc.highlight.empty() ? std::string() : sc.highlight.front()) << sc.id;
    };
    check(0);
    // Right / Page Down / Space through every scene, and no further than the last.
    for (size_t i = 1; i < d.tour.size(); ++i) {
        EXPECT_TRUE(player.key(TourKey::Next));
        check(i);
    }
    EXPECT_FALSE(player.key(TourKey::Next));
    check(d.tour.size() - 1);
    // Left / Page Up back, Home to the first.
    EXPECT_TRUE(player.key(TourKey::Previous));
    check(d.tour.size() - 2);
    EXPECT_TRUE(player.key(TourKey::First));
    check(0);
    EXPECT_FALSE(player.key(TourKey::Previous));
    // A number then Enter jumps; a number out of range does nothing.
    player.key(TourKey::Digit, 1);
    player.key(TourKey::Digit, 0);
    EXPECT_EQ(player.typed(), "10");
    EXPECT_TRUE(player.key(TourKey::Enter));
    check(9);
    player.key(TourKey::Digit, 9);
    player.key(TourKey::Digit, 9);
    EXPECT_FALSE(player.key(TourKey::Enter));
    check(9);
    player.key(TourKey::Digit, 6);
    EXPECT_TRUE(player.key(TourKey::Enter));
    check(5);
    // B blanks the screen and shows it again, without moving.
    EXPECT_FALSE(player.key(TourKey::Blank));
    EXPECT_TRUE(player.blank());
    player.key(TourKey::Blank);
    EXPECT_FALSE(player.blank());
    check(5);
    // The threats scene outlines the countries it names after the first.
    apply_scene(d.tour[1], state);
    EXPECT_EQ(state.selected, "AFG");
    EXPECT_EQ(state.selected_members, (std::vector<std::string>{"IRQ", "IND", "PAK"}));
}

// --- The core's overlays and timeline on the shipped facts. ---

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

// The quiz on the shipped data: every kind is made, each day's members are the memberships
// holding that day, and the questions the article itself raises come out with the answers the
// facts give (Uzbekistan's suspension in 2012, the CSTO Charter's city, the longest of
// Afghanistan's northern borders, "the RF", and Turkmenistan, the neighbour outside the SCO).
TEST(Facts, TheQuizIsMadeFromTheShippedFacts) {
    const DataSet& d = shipped_facts();
    const Facts& f = *d.facts;
    for (int k = 0; k < kQuestionKinds; ++k)
        EXPECT_FALSE(questions_of_kind(QuestionKind(k), f, *d.world, *d.article).empty())
            << question_kind_key(QuestionKind(k));
    const auto members = questions_of_kind(QuestionKind::MembersOnDay, f, *d.world, *d.article);
    for (const Question& q : members) {
        std::set<std::string> expected;
        for (const Country& c : d.world->countries)
            for (const Organisation& o : f.organisations)
                if (q.text.find("of the " + o.abbreviation + " on ") != std::string::npos &&
                    f.status_on(o.id, c.iso_a3, *q.day) == Status::Member)
                    expected.insert(c.iso_a3);
        EXPECT_EQ(std::set<std::string>(q.countries.begin(), q.countries.end()), expected) << q.text;
        EXPECT_FALSE(q.passage.empty()) << q.text;
    }
    auto find = [&](QuestionKind k, const std::string& text) -> const Question* {
        static std::vector<Question> kept;
        kept = questions_of_kind(k, f, *d.world, *d.article);
        for (const Question& q : kept)
            if (q.text.find(text) != std::string::npos) return &q;
        return nullptr;
    };
    const Question* q = find(QuestionKind::MembersOnDay, "member of the CSTO on 31 December 2012");
    ASSERT_TRUE(q);
    EXPECT_EQ(std::set<std::string>(q->countries.begin(), q->countries.end()),
              (std::set<std::string>{"ARM", "BLR", "KAZ", "KGZ", "RUS", "TJK"}));
    q = find(QuestionKind::StatusChange, "suspended its membership of the CSTO in 2012");
    ASSERT_TRUE(q);
    EXPECT_EQ(q->countries, std::vector<std::string>{"UZB"});
    EXPECT_EQ(q->note, "uzbekistan-suspension");
    q = find(QuestionKind::WhereIsPlace, "Where is the Kant airbase?");
    ASSERT_TRUE(q);
    EXPECT_EQ(q->facts, std::vector<std::string>{"kant-airbase"});
    q = find(QuestionKind::SigningCity, "the CSTO Charter and the Agreement on the Legal Status of the CSTO signed?");
    ASSERT_TRUE(q);
    EXPECT_EQ(q->answer, "Chisinau (Moldova)");
    q = find(QuestionKind::LongestBorder, "along Afghanistan's northern border");
    ASSERT_TRUE(q);
    EXPECT_EQ(q->countries, std::vector<std::string>{"TJK"});
    q = find(QuestionKind::ArticleName, "\u201cthe RF\u201d");
    ASSERT_TRUE(q);
    EXPECT_EQ(q->countries, std::vector<std::string>{"RUS"});
    q = find(QuestionKind::NeighbourOutside, "neighbour of Afghanistan");
    ASSERT_TRUE(q);
    EXPECT_EQ(q->countries, std::vector<std::string>{"TKM"});
    EXPECT_EQ(q->note, "neighbours-and-the-sco");
}

}  // namespace
}  // namespace atlas

namespace atlas {
namespace {

// A scene's own layers (the teacher's files it shows) are saved in a column of their own, only
// when a scene has some, and read back.
TEST(Tour, AScenesOwnLayersAreSavedAndReadBack) {
    const std::string dir = test::copy_data("tour-own-layers");
    const std::string path = dir + "/" + kTourFile;
    std::vector<DataProblem> problems;
    auto scenes = load_tour(dir, problems);
    ASSERT_TRUE(problems.empty());
    ASSERT_GE(scenes.size(), 2u);
    for (const auto& sc : scenes) EXPECT_TRUE(sc.user_layers.empty()) << sc.id;
    scenes[1].user_layers = {"/home/teacher/trip.geojson", "/home/teacher/My pipelines, 2009.kml"};
    save_tour(path, scenes);
    EXPECT_NE(test::line_of(path, 1).find(",user_layers"), std::string::npos) << test::line_of(path, 1);
    const auto again = load_tour(dir, problems);
    ASSERT_TRUE(problems.empty());
    EXPECT_EQ(again[1].user_layers, scenes[1].user_layers);
    EXPECT_TRUE(again[0].user_layers.empty());
    // Taken off again, the column goes.
    scenes[1].user_layers.clear();
    save_tour(path, scenes);
    EXPECT_EQ(test::line_of(path, 1).find("user_layers"), std::string::npos);
}

}  // namespace
}  // namespace atlas
