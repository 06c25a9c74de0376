// Where the atlas finds its data and keeps the user's tour: --data, a build tree, an installed
// share/ca-atlas beside the program, XDG_DATA_DIRS, the compiled-in fallback, and the user's edits
// in XDG_DATA_HOME layered over the shipped tour with a way back.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "core/errors.hpp"
#include "geo/data_paths.hpp"
#include "geo/facts_load.hpp"
#include "support/data_copy.hpp"
#include "support/paths.hpp"
#include "support/process.hpp"

namespace atlas {
namespace {

namespace fs = std::filesystem;

// A folder that holds data as far as locate_data is concerned (an atlas.gpkg).
std::string data_folder(const fs::path& dir) {
    fs::create_directories(dir);
    std::ofstream(dir / "atlas.gpkg") << "map";
    return dir.string();
}

class DataPathsTest : public ::testing::Test {
protected:
    fs::path root;
    void SetUp() override {
        root = test::fresh_dir(std::string("data-paths-") + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    }
};

TEST_F(DataPathsTest, GivenFolderIsUsedAsItIsAndKeepsTheTour) {
    DataSearch s;
    s.given = (root / "mine").string();  // need not exist: its loader names what is missing
    s.home = (root / "home").string();
    const DataPaths p = locate_data(s);
    EXPECT_EQ(p.dir, s.given);
    EXPECT_EQ(p.tour, s.given + "/tour.csv");
    EXPECT_EQ(p.tour_save, s.given + "/tour.csv");
    EXPECT_FALSE(p.user_tour);
    EXPECT_TRUE(p.problem.empty());
}

TEST_F(DataPathsTest, AnInstalledProgramReadsTheShareFolderBesideIt) {
    const std::string installed = data_folder(root / "usr/share/ca-atlas");
    DataSearch s;
    s.exe = (root / "usr/bin/ca-atlas").string();
    s.built = (root / "build/app/ca-atlas").string();
    s.source_data = data_folder(root / "src/geodata");  // exists, but the program is not the built one
    data_folder(root / "xdg/ca-atlas");
    s.xdg_data_dirs = (root / "xdg").string();
    s.home = (root / "home").string();
    const DataPaths p = locate_data(s);
    EXPECT_EQ(p.dir, installed);
    EXPECT_EQ(p.tour, installed + "/tour.csv");  // no user tour yet
    EXPECT_EQ(p.tour_save, (root / "home/.local/share/ca-atlas/tour.csv").string());
}

TEST_F(DataPathsTest, TheProgramWhereTheBuildWroteItReadsItsSourceTree) {
    data_folder(root / "usr/share/ca-atlas");
    DataSearch s;
    s.exe = (root / "build/app/ca-atlas").string();
    s.built = (root / "build/app/../app/ca-atlas").string();  // the same file, spelt otherwise
    s.source_data = data_folder(root / "src/geodata");
    s.xdg_data_dirs = (root / "none").string();  // not this machine's /usr/share
    EXPECT_EQ(locate_data(s).dir, s.source_data);
    // Any other program never reads the source tree (a copy whose source is gone), even one in a
    // folder of the build tree: it finds the data beside it, or none.
    s.exe = (root / "build/tests/scratch/usr/bin/ca-atlas").string();
    EXPECT_TRUE(locate_data(s).dir.empty());
    data_folder(root / "build/tests/scratch/usr/share/ca-atlas");
    EXPECT_EQ(locate_data(s).dir, (root / "build/tests/scratch/usr/share/ca-atlas").string());
}

TEST_F(DataPathsTest, XdgDataDirsAreSearchedInOrderAfterTheProgramsOwnShare) {
    const std::string second = data_folder(root / "b/ca-atlas");
    const std::string third = data_folder(root / "c/ca-atlas");
    DataSearch s;
    s.exe = (root / "opt/bin/ca-atlas").string();  // no share/ beside it
    s.xdg_data_dirs = (root / "a").string() + ":relative/ignored:" + (root / "b").string() + ":" + (root / "c").string();
    EXPECT_EQ(locate_data(s).dir, second);
    s.xdg_data_dirs = (root / "c").string();
    EXPECT_EQ(locate_data(s).dir, third);
}

TEST_F(DataPathsTest, NoFolderFoundNamesEveryPlaceLookedAt) {
    DataSearch s;
    s.exe = (root / "opt/bin/ca-atlas").string();
    s.xdg_data_dirs = (root / "x").string();
    s.source_data = (root / "gone/geodata").string();
    const DataPaths p = locate_data(s);
    EXPECT_TRUE(p.dir.empty());
    EXPECT_EQ(p.problem, "no data folder found: none of " + (root / "opt/share/ca-atlas").string() + ", " +
                             (root / "x/ca-atlas").string() +
                             " holds atlas.gpkg (reinstall ca-atlas, or give the folder with --data DIR)");
}

TEST_F(DataPathsTest, TheUsersSavedTourIsReadOverTheShippedOne) {
    const std::string installed = data_folder(root / "usr/share/ca-atlas");
    DataSearch s;
    s.exe = (root / "usr/bin/ca-atlas").string();
    s.home = (root / "home").string();
    s.xdg_data_home = (root / "data-home").string();  // wins over HOME
    EXPECT_EQ(locate_data(s).tour_save, (root / "data-home/ca-atlas/tour.csv").string());
    EXPECT_FALSE(locate_data(s).user_tour);
    fs::create_directories(root / "data-home/ca-atlas");
    std::ofstream(root / "data-home/ca-atlas/tour.csv") << "id\n";
    const DataPaths p = locate_data(s);
    EXPECT_TRUE(p.user_tour);
    EXPECT_EQ(p.tour, p.tour_save);
    EXPECT_EQ(p.shipped_tour(), installed + "/tour.csv");
    // A relative XDG_DATA_HOME is invalid (the specification): HOME's default is used.
    s.xdg_data_home = "relative";
    EXPECT_EQ(locate_data(s).tour_save, (root / "home/.local/share/ca-atlas/tour.csv").string());
    // Neither: nowhere to save, and saving says so.
    s.xdg_data_home.clear();
    s.home.clear();
    EXPECT_TRUE(locate_data(s).tour_save.empty());
    EXPECT_THROW(save_user_tour("", {}), OutputError);
}

TEST_F(DataPathsTest, SavingMakesTheUsersFolderAndTheShippedTourComesBack) {
    const std::string shipped_dir = test::copy_data("data-paths-shipped");
    std::vector<DataProblem> problems;
    auto scenes = load_tour(shipped_dir, problems);
    ASSERT_TRUE(problems.empty());
    ASSERT_GT(scenes.size(), 2u);
    const std::string user = (root / "home/.local/share/ca-atlas/tour.csv").string();
    scenes.resize(2);
    save_user_tour(user, scenes);
    EXPECT_EQ(load_tour_file(user, problems).size(), 2u);
    EXPECT_TRUE(problems.empty());
    const auto back = restore_shipped_tour(user, shipped_dir + "/tour.csv", problems);
    EXPECT_GT(back.size(), 2u);
    EXPECT_FALSE(fs::exists(user));
    EXPECT_TRUE(fs::exists(user + ".bak"));  // the user's edits are put aside, not lost
}

TEST_F(DataPathsTest, AnUnwritableDataHomeIsAClearError) {
    // A file where the folder should be: the same failure as a read-only folder, for root too.
    std::ofstream(root / "file") << "x";
    try {
        save_user_tour((root / "file/ca-atlas/tour.csv").string(), {});
        FAIL() << "saved below a file";
    } catch (const OutputError& e) {
        EXPECT_EQ(std::string(e.what()).rfind("cannot make the folder '" + (root / "file/ca-atlas").string() + "': ", 0),
                  0u)
            << e.what();
    }
}

}  // namespace
}  // namespace atlas
