// The article as data: it loads, keeps every letter and digit of the author's text in order
// (checked against the shared source), and each kind of broken file gets its "file:line" message.
#include "geo/article_load.hpp"

#include <gtest/gtest.h>

#include <cctype>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "support/gl.hpp"
#include "support/paths.hpp"
#include "support/process.hpp"

namespace atlas {
namespace {

namespace fs = std::filesystem;

const Article& shipped_article() {
    static const Article a = load_article(test::data_dir());
    return a;
}

std::string read(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

// Letters and digits only, in order: what no repair of the conversion may change.
std::string letters(const std::string& text) {
    const std::string no_markers = std::regex_replace(text, std::regex("<sup>[0-9]+</sup>"), "");
    std::string out;
    for (unsigned char c : no_markers)
        if (std::isalnum(c) || c >= 0x80) out.push_back(char(c));
    return out;
}

TEST(Article, LoadsWithCitationSectionsAndFootnotes) {
    const Article& a = shipped_article();
    EXPECT_EQ(a.author, "Akbarsho Iskandarov");
    EXPECT_NE(a.citation.find("Central Asia and the Caucasus"), std::string::npos);
    EXPECT_NE(a.citation.find("2013"), std::string::npos);
    std::vector<std::string> ids;
    for (const auto& s : a.sections) ids.push_back(s.id);
    EXPECT_EQ(ids, (std::vector<std::string>{"abstract", "intro", "threats", "afghanistan", "system", "integration", "conclusion"}));
    size_t listed = 0;
    for (const auto& s : a.sections) listed += s.passages.size();
    EXPECT_EQ(listed, a.passages.size());
    for (const auto& p : a.passages) {
        EXPECT_EQ(p.text.find("<sup>"), std::string::npos) << p.id;
        EXPECT_EQ(p.text.find("**"), std::string::npos) << p.id;
        EXPECT_EQ(a.passage(p.id), &p);
    }
    ASSERT_FALSE(a.footnotes.empty());
    for (const auto& f : a.footnotes) EXPECT_FALSE(f.cited_by.empty()) << f.number;
    // The page-break split of the abstract is repaired: "regional in-" / "tegration".
    EXPECT_NE(a.passage("abstract-1")->text.find("regional integration as the only effective answer"), std::string::npos);
    EXPECT_EQ(a.passage("afghanistan-1")->text.rfind("Today, Afghanistan and the Taliban", 0), 0u);
}

TEST(Article, KeepsEveryLetterOfTheSource) {
    // The project's shared folder sits beside the repository (as on developers' machines and in
    // CI); a checkout elsewhere has only the shipped article.json to test.
    const std::string source = test::source_dir() + "/../../shared/article/article.md";
    if (!fs::exists(source)) GTEST_SKIP() << "the shared article is not beside this checkout: " << source;
    // The source's body: from the abstract on, without headings, rules and footnote bodies.
    std::istringstream in(read(source));
    std::string line, body, notes;
    bool started = false;
    while (std::getline(in, line)) {
        if (line.rfind("### ABSTRACT", 0) == 0) started = true;
        if (!started || line.rfind("#", 0) == 0 || line == "---") continue;
        (line.rfind("<sup>", 0) == 0 ? notes : body) += line + "\n";
    }
    std::string passages, footnotes;
    for (const auto& p : shipped_article().passages) passages += p.text + "\n";
    for (const auto& f : shipped_article().footnotes) footnotes += f.text + "\n";
    EXPECT_EQ(letters(passages), letters(body));
    EXPECT_EQ(letters(footnotes), letters(notes));
    const std::regex marker("<sup>[0-9]+</sup>");
    const auto markers = size_t(std::distance(std::sregex_iterator(body.begin(), body.end(), marker), std::sregex_iterator()));
    EXPECT_EQ(shipped_article().footnotes.size(), markers);
}

class BrokenArticle : public ::testing::Test {
protected:
    std::string dir, file;
    void SetUp() override {
        dir = test::fresh_dir(std::string("article-") + ::testing::UnitTest::GetInstance()->current_test_info()->name());
        file = dir + "/article.json";
    }
    void write_shipped_with(const std::string& from, const std::string& to, int nth = 0) {
        std::string text = read(test::data_dir() + "/article.json");
        size_t at = text.find(from);
        for (int k = 0; k < nth && at != std::string::npos; ++k) at = text.find(from, at + 1);
        ASSERT_NE(at, std::string::npos) << from;
        text.replace(at, from.size(), to);
        std::ofstream(file, std::ios::binary) << text;
    }
    int line_of(const std::string& needle) {
        const std::string text = read(file);
        const size_t at = text.find(needle);
        return int(std::count(text.begin(), text.begin() + std::ptrdiff_t(at), '\n')) + 1;
    }
    std::string error() {
        try {
            load_article(dir);
        } catch (const DataError& e) {
            return e.what();
        }
        return "(no error)";
    }
};

TEST_F(BrokenArticle, MissingFile) { EXPECT_EQ(error(), file + ": file not found or unreadable"); }

TEST_F(BrokenArticle, MalformedJson) {
    write_shipped_with("\"id\": \"intro-2\",", "\"id\": \"intro-2\" oops,");
    EXPECT_EQ(error(), file + ":" + std::to_string(line_of("oops")) + ": not valid JSON");
}

TEST_F(BrokenArticle, DuplicatePassageId) {
    write_shipped_with("\"id\": \"intro-3\"", "\"id\": \"intro-2\"");
    // The duplicate is reported where the id is written the second time.
    const std::string text = read(file);
    const size_t second = text.find("\"id\": \"intro-2\"", text.find("\"id\": \"intro-2\"") + 1);
    const int line = int(std::count(text.begin(), text.begin() + std::ptrdiff_t(second), '\n')) + 1;
    EXPECT_EQ(error(), file + ":" + std::to_string(line) + ": duplicate passage id 'intro-2'");
}

TEST_F(BrokenArticle, SectionListsAnUnknownPassage) {
    write_shipped_with("\"conclusion-4\"", "\"conclusion-99\"");
    EXPECT_EQ(error(), file + ":" + std::to_string(line_of("\"id\": \"conclusion\"")) +
                           ": section 'conclusion' lists passage 'conclusion-99', which does not exist");
}

TEST_F(BrokenArticle, PassageCitesAMissingFootnote) {
    write_shipped_with("\"footnotes\": [\n    1\n   ]", "\"footnotes\": [\n    1,\n    9\n   ]");
    EXPECT_EQ(error(), file + ":" + std::to_string(line_of("\"id\": \"system-6\"")) +
                           ": passage 'system-6' cites footnote 9, which does not exist");
}

// 4294967297 is 2^32 + 1: narrowed to an int it would cite footnote 1.
TEST_F(BrokenArticle, AFootnoteNumberBeyondAnyArticleIsRejectedNotNarrowed) {
    write_shipped_with("\"footnotes\": [\n    1\n   ]", "\"footnotes\": [\n    4294967297\n   ]");
    EXPECT_EQ(error(), file + ":" + std::to_string(line_of("\"id\": \"system-6\"")) +
                           ": passage 'system-6': footnote number 4294967297 is not from 1 to 9999");
}

TEST_F(BrokenArticle, FootnoteCitedByNoPassage) {
    write_shipped_with("\"footnotes\": [\n    1\n   ]", "\"footnotes\": []");
    EXPECT_EQ(error(), file + ":" + std::to_string(line_of("\"id\": \"fn1\"")) + ": footnote 1 is cited by no passage");
}

}  // namespace
}  // namespace atlas
