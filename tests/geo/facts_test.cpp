// The article's facts: the shipped tables pass the check, memberships answer right across the
// years, every place lies in its country, every link resolves and every alias in the text is
// linked; and each kind of broken record is reported as "file:line: what is wrong".
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <set>
#include <sstream>

#include "geo/facts_load.hpp"
#include "support/data_copy.hpp"
#include "support/dates.hpp"
#include "support/paths.hpp"

namespace atlas {
namespace {

using test::day;

const DataSet& shipped() {
    static const DataSet data = load_data_set(test::data_dir());
    return data;
}

std::string all(const std::vector<DataProblem>& problems) {
    std::string out;
    for (const auto& p : problems) out += p.str() + "\n";
    return out;
}

TEST(Facts, ShippedDataIsConsistent) {
    const DataSet& d = shipped();
    ASSERT_TRUE(d.world);
    ASSERT_TRUE(d.article);
    EXPECT_TRUE(d.problems.empty()) << all(d.problems);
    EXPECT_EQ(d.facts->organisations.size(), 4u);
    EXPECT_GE(d.facts->memberships.size(), 60u);
    EXPECT_GE(d.facts->places.size(), 25u);
}

TEST(Facts, CrimeaIsUkrainesUntilMarch2014) {
    const Facts& f = *shipped().facts;
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
    const Facts& f = *shipped().facts;
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
    const Facts& f = *shipped().facts;
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
    const Facts& f = *shipped().facts;
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
    const Facts& f = *shipped().facts;
    const Membership* armenia = f.membership_on("csto", "ARM", day("2025-01-01"));
    ASSERT_TRUE(armenia);
    EXPECT_TRUE(armenia->after_article());
    const Membership* uzbekistan = f.membership_on("csto", "UZB", day("2012-12-31"));
    ASSERT_TRUE(uzbekistan);
    EXPECT_FALSE(uzbekistan->after_article());
    for (const auto& m : f.memberships) EXPECT_FALSE(m.source.empty()) << m.at.str();
}

TEST(Facts, EveryPlaceLiesInsideItsCountryAndArea) {
    const DataSet& d = shipped();
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
    const DataSet& d = shipped();
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
    const DataSet& d = shipped();
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

}  // namespace
}  // namespace atlas
