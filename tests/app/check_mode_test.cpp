// `ca-atlas --check-data` (app/check_mode.cpp): the shipped data passes, and every problem of a
// broken copy is listed as "file:line: what is wrong" with exit 1.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "geo/facts_load.hpp"
#include "support/cli.hpp"
#include "support/data_copy.hpp"
#include "support/paths.hpp"
#include "support/process.hpp"

namespace atlas {
namespace {

namespace fs = std::filesystem;
using test::Cli;

TEST_F(Cli, CheckDataPassesOnTheShippedData) {
    const auto r = test::run({"--check-data", test::data_dir()});
    EXPECT_EQ(r.exit_code, 0) << r.out;
    EXPECT_EQ(
        r.out.rfind("ca-atlas: " + test::data_dir() + " is consistent: 80 countries, 114 passages, 4 organisations", 0),
        0u)
        << r.out;
    // Without a folder it checks --data's.
    const auto d = test::run({"--data", test::data_dir(), "--check-data"});
    EXPECT_EQ(d.exit_code, 0) << d.out;
}

TEST_F(Cli, CheckDataListsEveryProblemAndFails) {
    const std::string data = test::copy_data("cli-check-data-broken");
    const std::string memberships = data + "/" + kMembershipsFile, links = data + "/" + kLinksFile;
    const int m = test::find_line(memberships, "sco,MNG,observer");
    test::replace_line(memberships, m, "sco,MNG,onlooker,2004-06-17,2025-09-01,a source");
    const int l = test::find_line(links, "integration-22,kant-airbase");
    test::replace_line(links, l, "integration-99,kant-airbase,alias");
    const auto r = test::run({"--check-data", data});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.out.find(links + ":" + std::to_string(l) + ": no passage 'integration-99' in the article\n"),
              std::string::npos)
        << r.out;
    EXPECT_NE(r.out.find(memberships + ":" + std::to_string(m) +
                         ": status 'onlooker' is not one of member, observer, "
                         "dialogue-partner, partner, suspended, frozen\n"),
              std::string::npos)
        << r.out;
    EXPECT_NE(r.out.find("ca-atlas: 3 problems in " + data + "\n"), std::string::npos) << r.out;

    // An export from broken data writes nothing and fails.
    const auto e = test::run({"--data", data, "--export", dir + "/x.png"});
    EXPECT_EQ(e.exit_code, 1);
    EXPECT_NE(e.err.find("; nothing was written"), std::string::npos) << e.err;
    EXPECT_EQ(entries(dir), 0u);
}

// A name in a script no installed font has is reported where it is written; a Cyrillic one
// beside it is not (DejaVu, a dependency, has Cyrillic).
TEST_F(Cli, CheckDataNamesTextNoInstalledFontCanDraw) {
    const std::string data = test::copy_data("cli-check-data-fonts");
    const std::string names = data + "/" + kNamesFile;
    const int last = test::find_line(names, "afghan-badakhshan,");
    {
        std::ofstream out(names, std::ios::app);
        out << "KGZ,\U0010FFFDКыр,ru,a source for the test\n";
    }
    const auto r = test::run({"--check-data", data});
    EXPECT_EQ(r.exit_code, 1) << r.out;
    EXPECT_NE(r.out.find(names + ":" + std::to_string(last + 1) + ": name '\U0010FFFDКыр' has characters no installed "
                         "font has (U+10FFFD): they are left out where it is drawn\n"),
              std::string::npos)
        << r.out;
    EXPECT_NE(r.out.find("ca-atlas: 1 problem in " + data + "\n"), std::string::npos) << r.out;
}

// A journal left beside the GeoPackage by an interrupted write: SQLite would fold it into what it
// reads (and delete it). The check and the export both refuse the folder and leave it as it is.
TEST_F(Cli, ALeftoverJournalBesideTheMapIsRefusedAndKept) {
    for (const std::string leftover : {"-wal", "-journal"}) {
        const std::string data = test::copy_data("cli-leftover" + leftover);
        const std::string journal = data + "/atlas.gpkg" + leftover;
        test::write_text(journal, std::string(4096, '\x5a'));
        const std::string message = journal + ": left by an interrupted write to atlas.gpkg; the map it holds is "
                                              "uncertain (restore the data folder, or remove this file)";
        const auto c = test::run({"--check-data", data});
        EXPECT_EQ(c.exit_code, 1);
        EXPECT_NE(c.out.find(message + "\n"), std::string::npos) << c.out;
        const auto e = test::run({"--data", data, "--export", dir + "/x.svg"});
        EXPECT_EQ(e.exit_code, 1);
        EXPECT_NE(e.err.find(message), std::string::npos) << e.err;
        EXPECT_FALSE(fs::exists(dir + "/x.svg"));
        EXPECT_EQ(test::read_text(journal), std::string(4096, '\x5a'));
    }
}

}  // namespace
}  // namespace atlas
