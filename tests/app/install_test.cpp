// Installing the atlas as a school's IT person would: `cmake --install` into a DESTDIR gives a tree
// with the program, its data, the desktop entry, the icons and the manual page; the installed
// program, moved anywhere, reads the data beside it (or through XDG_DATA_DIRS) and never the source
// tree; a user's saved tour is layered over the shipped one; and CPack makes a Debian package with
// its library dependencies computed.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "geo/facts_load.hpp"
#include "support/gl.hpp"
#include "support/image.hpp"
#include "support/paths.hpp"
#include "support/process.hpp"

namespace atlas {
namespace {

namespace fs = std::filesystem;

std::string slurp(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(in)), {});
}

// A tool every run of these tests needs: its absence is a broken machine, not a reason to skip.
std::string tool(const std::string& name) {
    const std::string path = test::find_on_path(name);
    EXPECT_FALSE(path.empty()) << name << " is not installed (cmake/packages.txt lists it)";
    return path;
}

// An installed program's environment: no user data, and XDG_DATA_DIRS pointing at nothing, so that
// a package installed on this machine (/usr/share/ca-atlas) is not what the test finds.
std::vector<std::string> clean_env(const fs::path& root) {
    return {"XDG_DATA_HOME=" + (root / "home-data").string(), "XDG_DATA_DIRS=" + (root / "no-data-dirs").string()};
}

// Installs the build tree into `root`/stage/usr (DESTDIR), a folder of each test's own: CTest runs
// the tests as processes side by side.
class Install : public ::testing::Test {
protected:
    fs::path root;
    void SetUp() override {
        root = test::fresh_dir(std::string("install-") + ::testing::UnitTest::GetInstance()->current_test_info()->name());
        const auto installed = test::run_tool(ATLAS_TEST_CMAKE, {"--install", ATLAS_TEST_BUILD_TREE, "--prefix", "/usr"},
                                              {"DESTDIR=" + (root / "stage").string()}, 120);
        ASSERT_EQ(installed.exit_code, 0) << installed.out << installed.err;
    }
    fs::path usr() const { return root / "stage/usr"; }
};

TEST_F(Install, TheTreeHoldsTheProgramItsDataDesktopEntryIconsAndManual) {
    EXPECT_TRUE(fs::is_regular_file(usr() / "bin/ca-atlas"));
    for (const char* f : {"atlas.gpkg", "article.json", "tour.csv", "README.md", "SHA256SUMS", "memberships.csv", "places.csv",
                          "organisations.csv", "regions.csv", "aliases.csv", "links.csv", "notes.csv", "capitals.csv",
                          "names.csv", "border_lengths.csv", "control.csv"})
        EXPECT_TRUE(fs::is_regular_file(usr() / "share/ca-atlas" / f)) << f;
    // Only what the program reads and its documentation: not the scripts that rebuild the data.
    EXPECT_FALSE(fs::exists(usr() / "share/ca-atlas/build.sh"));
    const fs::path desktop = usr() / "share/applications/ca-atlas.desktop";
    ASSERT_TRUE(fs::is_regular_file(desktop));
    const auto valid = test::run_tool(tool("desktop-file-validate"), {desktop.string()});
    EXPECT_EQ(valid.exit_code, 0) << valid.out << valid.err;
    EXPECT_NE(slurp(desktop).find("\nExec=ca-atlas %f\n"), std::string::npos);
    EXPECT_NE(slurp(desktop).find("\nIcon=ca-atlas\n"), std::string::npos);
    // The icon in every size the desktop asks for, each a PNG of exactly that size, and scalable.
    for (int size : {16, 24, 32, 48, 64, 128, 256, 512}) {
        const std::string dim = std::to_string(size) + "x" + std::to_string(size);
        const fs::path png = usr() / "share/icons/hicolor" / dim / "apps/ca-atlas.png";
        ASSERT_TRUE(fs::is_regular_file(png)) << png;
        const test::Image img = test::read_png(png.string());
        EXPECT_EQ(img.width, size);
        EXPECT_EQ(img.height, size);
        // Drawn from the map: Afghanistan's northern border in red is in it.
        int red = 0;
        for (int y = 0; y < size; ++y)
            for (int x = 0; x < size; ++x)
                if (img.at(x, y)[0] > 180 && img.at(x, y)[1] < 60 && img.at(x, y)[2] < 60) ++red;
        EXPECT_GT(red, 0) << dim;
    }
    const std::string svg = slurp(usr() / "share/icons/hicolor/scalable/apps/ca-atlas.svg");
    EXPECT_EQ(svg.rfind("<?xml", 0), 0u);
    EXPECT_NE(svg.find("<svg"), std::string::npos);
    // The manual page, compressed, made from --help: it documents the options and the exit codes.
    const fs::path man = usr() / "share/man/man1/ca-atlas.1.gz";
    ASSERT_TRUE(fs::is_regular_file(man));
    const auto page = test::run_tool(tool("gzip"), {"-dc", man.string()});
    EXPECT_EQ(page.exit_code, 0);
    EXPECT_NE(page.out.find(".TH CA-ATLAS \"1\""), std::string::npos);
    EXPECT_NE(page.out.find("\\-\\-export\\-tour"), std::string::npos);
    EXPECT_NE(page.out.find("Exit codes"), std::string::npos);
}

TEST_F(Install, TheInstalledProgramReadsTheDataBesideItWhereverItIsMoved) {
    // Moved as a whole to another prefix: it still finds ../share/ca-atlas.
    const fs::path moved = root / "moved";
    fs::remove_all(moved);
    fs::create_directories(moved);
    fs::copy(usr(), moved / "opt", fs::copy_options::recursive);
    const std::string program = (moved / "opt/bin/ca-atlas").string();
    const auto check = test::run_tool(program, {"--check-data"}, clean_env(root));
    EXPECT_EQ(check.exit_code, 0) << check.err;
    EXPECT_EQ(check.out.rfind("ca-atlas: " + (moved / "opt/share/ca-atlas").string() + " is consistent", 0), 0u)
        << check.out;
    // Its export is the build tree's, byte for byte.
    const std::string mine = (root / "installed.png").string(), theirs = (root / "built.png").string();
    const auto e = test::run_tool(program, {"--export", mine, "--size", "640x360"}, clean_env(root));
    if (e.exit_code != 0 && e.err.find("no OpenGL context") != std::string::npos && !test::in_ci())
        GTEST_SKIP() << e.err;
    ASSERT_EQ(e.exit_code, 0) << e.err;
    const auto b = test::run({"--export", theirs, "--size", "640x360"});
    ASSERT_EQ(b.exit_code, 0) << b.err;
    EXPECT_EQ(slurp(mine), slurp(theirs)) << "the installed program drew another map";
    // The program alone, its data elsewhere: found through XDG_DATA_DIRS.
    const fs::path alone = root / "alone";
    fs::create_directories(alone);
    fs::copy_file(program, alone / "ca-atlas", fs::copy_options::overwrite_existing);
    auto env = clean_env(root);
    env[1] = "XDG_DATA_DIRS=" + (root / "nowhere").string() + ":" + (moved / "opt/share").string();
    const auto xdg = test::run_tool((alone / "ca-atlas").string(), {"--check-data"}, env);
    EXPECT_EQ(xdg.exit_code, 0) << xdg.err;
    EXPECT_NE(xdg.out.find((moved / "opt/share/ca-atlas").string() + " is consistent"), std::string::npos) << xdg.out;
    // Nowhere: one line naming where it looked, exit 1, no file; the source tree is not read.
    const auto none = test::run_tool((alone / "ca-atlas").string(), {"--export", (root / "none.png").string()},
                                     clean_env(root));
    EXPECT_EQ(none.exit_code, 1);
    EXPECT_EQ(none.err, "ca-atlas: no data folder found: none of " + (root / "share/ca-atlas").string() + ", " +
                            (root / "no-data-dirs/ca-atlas").string() +
                            " holds atlas.gpkg (reinstall ca-atlas, or give the folder with --data DIR)\n");
    EXPECT_FALSE(fs::exists(root / "none.png"));
}

TEST_F(Install, AUsersSavedTourIsReadInsteadOfTheShippedOne) {
    // The teacher's tour, saved in their data folder: its two scenes are what the slides show.
    const fs::path home = root / "teacher";
    fs::create_directories(home / "ca-atlas");
    std::vector<DataProblem> problems;
    auto scenes = load_tour(test::data_dir(), problems);
    ASSERT_GT(scenes.size(), 2u);
    scenes.resize(2);
    save_tour((home / "ca-atlas/tour.csv").string(), scenes);
    auto env = clean_env(root);
    env[0] = "XDG_DATA_HOME=" + home.string();
    const std::string program = (usr() / "bin/ca-atlas").string();
    const fs::path slides = root / "slides";
    const auto r = test::run_tool(program, {"--export-tour", slides.string(), "--format", "svg", "--size", "320x180"}, env);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(std::distance(fs::directory_iterator(slides), fs::directory_iterator{}), 2);
    const auto check = test::run_tool(program, {"--check-data"}, env);
    EXPECT_NE(check.out.find("with the tour " + (home / "ca-atlas/tour.csv").string()), std::string::npos) << check.out;
    // --data keeps everything in the folder given: the shipped tour's ten scenes.
    const fs::path all = root / "slides-shipped";
    const auto d = test::run_tool(program, {"--data", (usr() / "share/ca-atlas").string(), "--export-tour", all.string(),
                                            "--format", "svg", "--size", "320x180"},
                                  env);
    ASSERT_EQ(d.exit_code, 0) << d.err;
    EXPECT_EQ(size_t(std::distance(fs::directory_iterator(all), fs::directory_iterator{})),
              load_tour(test::data_dir(), problems).size());
}

TEST_F(Install, CPackMakesADebianPackageWithItsDependencies) {
    const fs::path out = root / "deb";
    const auto r = test::run_tool(tool("cpack"), {"--config", std::string(ATLAS_TEST_BUILD_TREE) + "/CPackConfig.cmake",
                                                  "-G", "DEB", "-B", out.string()},
                                  {}, 300);
    ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
    const fs::path deb = out / ("ca-atlas_" + std::string(ATLAS_TEST_VERSION) + "_amd64.deb");
    ASSERT_TRUE(fs::is_regular_file(deb)) << r.out;
    const auto info = test::run_tool(tool("dpkg-deb"), {"--field", deb.string(), "Package", "Depends"});
    ASSERT_EQ(info.exit_code, 0) << info.err;
    // The libraries found by dpkg-shlibdeps, and what no library names.
    for (const char* dep : {"libgdal32", "libproj25", "libsdl2-2.0-0", "libcairo2", "libqpdf29", "libepoxy0",
                            "libharfbuzz0b", "libicu72", "fonts-dejavu-core", "fonts-wqy-microhei", "libegl1", "libgl1",
                            "libegl-mesa0", "libgl1-mesa-dri"})
        EXPECT_NE(info.out.find(dep), std::string::npos) << dep << " missing from " << info.out;
    const auto files = test::run_tool(tool("dpkg-deb"), {"--contents", deb.string()});
    for (const char* f : {"./usr/bin/ca-atlas", "./usr/share/ca-atlas/atlas.gpkg", "./usr/share/applications/ca-atlas.desktop",
                          "./usr/share/icons/hicolor/scalable/apps/ca-atlas.svg", "./usr/share/man/man1/ca-atlas.1.gz"})
        EXPECT_NE(files.out.find(f), std::string::npos) << f;
}

}  // namespace
}  // namespace atlas
