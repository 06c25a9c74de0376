// The command line: a good export, and every kind of bad input giving one clear line on stderr,
// a non-zero exit and no output file.
#include <gdal_frmts.h>
#include <gdal_priv.h>
#include <gdal_utils.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <ogr_spatialref.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <tuple>

#include "export/export.hpp"
#include "geo/facts_load.hpp"
#include "geo/load.hpp"
#include "geo/model.hpp"
#include "geo/projection.hpp"
#include "geo/raster.hpp"
#include "support/data_copy.hpp"
#include "support/gl.hpp"
#include "support/image.hpp"
#include "support/paths.hpp"
#include "support/process.hpp"

namespace atlas {
namespace {

namespace fs = std::filesystem;

size_t entries(const std::string& dir) {
    return size_t(std::distance(fs::directory_iterator(dir), fs::directory_iterator{}));
}

// A copy of the data folder whose Kant scene captions a passage the article does not have.
std::string data_with_a_broken_scene(const std::string& name) {
    const std::string data = test::copy_data(name);
    const std::string tour = data + "/tour.csv";
    test::replace_line(tour, test::find_line(tour, "kant,"),
                       "kant,The Kant airbase,74.8,42.9,400,albers,2012-12-31,countries,kant-airbase,nowhere-1,");
    return data;
}

// One line on stderr, starting with the program's name, and nothing on stdout.
void expect_one_line(const test::RunResult& r, const std::string& message) {
    EXPECT_EQ(r.err, "ca-atlas: " + message + "\n");
    EXPECT_TRUE(r.out.empty()) << r.out;
}

class Cli : public ::testing::Test {
protected:
    std::string dir;
    void SetUp() override {
        dir = test::fresh_dir(std::string("cli-") + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    }
};

TEST_F(Cli, ExportsAPngOfExactlyTheRequestedSize) {
    const std::string out = dir + "/map.png";
    const auto r = test::run({"--export", out, "--size", "1000x640"});
    if (r.exit_code != 0 && r.err.find("no OpenGL context") != std::string::npos && !test::in_ci())
        GTEST_SKIP() << r.err;
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_TRUE(r.err.empty()) << r.err;
    const test::Image img = test::read_png(out);
    EXPECT_EQ(img.width, 1000);
    EXPECT_EQ(img.height, 640);
    EXPECT_EQ(entries(dir), 1u);  // no temporary file left behind
}

TEST_F(Cli, HelpDocumentsEveryOption) {
    const auto r = test::run({"--help"});
    EXPECT_EQ(r.exit_code, 0);
    for (const char* opt :
         {"--data", "--check-data", "--view-from", "--date", "--select", "--projection", "--view", "--export", "--size",
          "--scale", "--timings", "--bench", "--window-screenshot", "--exit-after-first-frame", "--title", "--legend",
          "--scale-bar", "--attribution", "--citation", "--caption", "--furniture", "--dpi", "--paper",
          "--flight-seconds", "--present", "--export-tour", "--format", "--version", "--layers", "--ui-scale"})
        EXPECT_NE(r.out.find(opt), std::string::npos) << opt;
}

TEST_F(Cli, VersionExitCodesAndParserErrorsFollowTheConventions) {
    const auto v = test::run({"--version"});
    EXPECT_EQ(v.exit_code, 0);
    EXPECT_EQ(v.out.rfind("ca-atlas ", 0), 0u) << v.out;
    EXPECT_EQ(std::count(v.out.begin(), v.out.end(), '\n'), 1) << v.out;
    const auto h = test::run({"--help"});
    EXPECT_NE(h.out.find("Exit codes: 0 success; 1 a runtime failure"), std::string::npos);
    EXPECT_NE(h.out.find("2 a bad argument"), std::string::npos);
    // The parser's own errors: one line with the program's prefix, exit 2.
    for (const std::vector<std::string>& args : {std::vector<std::string>{"--no-such-option"},
                                                std::vector<std::string>{"--flight-seconds", "9"},
                                                std::vector<std::string>{"--size"}}) {
        const auto r = test::run(args);
        EXPECT_EQ(r.exit_code, 2) << args.front();
        EXPECT_EQ(r.err.rfind("ca-atlas: ", 0), 0u) << r.err;
        EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
        EXPECT_TRUE(r.out.empty()) << r.out;
    }
}

TEST_F(Cli, MissingDataFolder) {
    const auto r = test::run({"--data", dir + "/nowhere", "--export", dir + "/x.png"});
    EXPECT_EQ(r.exit_code, 1);
    expect_one_line(r, dir + "/nowhere/atlas.gpkg: file not found");
    EXPECT_EQ(entries(dir), 0u);
}

TEST_F(Cli, CorruptData) {
    fs::create_directories(dir + "/data");
    std::ofstream(dir + "/data/atlas.gpkg") << "garbage, not SQLite";
    const auto r = test::run({"--data", dir + "/data", "--export", dir + "/x.png"});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_EQ(r.err.rfind("ca-atlas: " + dir + "/data/atlas.gpkg: not a readable GeoPackage", 0), 0u) << r.err;
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1);
    EXPECT_FALSE(fs::exists(dir + "/x.png"));
    EXPECT_EQ(entries(dir), 1u);  // only the data folder
}

TEST_F(Cli, MissingLayer) {
    fs::create_directories(dir + "/data");
    fs::copy_file(test::data_dir() + "/atlas.gpkg", dir + "/data/atlas.gpkg");
    init_gdal();
    {
        GDALDatasetUniquePtr ds(GDALDataset::Open((dir + "/data/atlas.gpkg").c_str(), GDAL_OF_VECTOR | GDAL_OF_UPDATE));
        ASSERT_TRUE(ds);
        ds->ExecuteSQL("DROP TABLE coastlines", nullptr, nullptr);
    }
    const auto r = test::run({"--data", dir + "/data", "--export", dir + "/x.png"});
    EXPECT_EQ(r.exit_code, 1);
    expect_one_line(r, dir + "/data/atlas.gpkg: layer 'coastlines' is missing");
    EXPECT_FALSE(fs::exists(dir + "/x.png"));
}

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

// A view record is checked as the options it stands for, and its errors name the file.
TEST_F(Cli, AViewRecordOutOfRangeIsRefusedNamingTheFile) {
    auto png_with = [&](const std::string& name, std::vector<std::pair<std::string, std::string>> text) {
        const std::string path = dir + "/" + name;
        const std::vector<std::uint8_t> px(4 * 4 * 4, 200);
        PngWriter w(path, 4, 4, 6, text);
        w.write_rows(px.data(), 4);
        w.finish();
        return path;
    };
    const std::string old = png_with("old.png", {{kPngViewKey, "65,42,4200"}, {kPngDateKey, "1900-01-01"}});
    auto r = test::run({"--view-from", old, "--export", dir + "/x.png"});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("invalid --view-from '" + old +
                         "': recorded date '1900-01-01': the atlas covers 1992-01-01 to 2026-12-31"),
              std::string::npos)
        << r.err;
    const std::string far = png_with("far.png", {{kPngViewKey, "65,95,4200"}});
    r = test::run({"--view-from", far, "--export", dir + "/x.png"});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("invalid --view-from '" + far + "': recorded view '65,95,4200': latitude must be within"),
              std::string::npos)
        << r.err;
    const std::string odd = png_with("odd.png", {{kPngViewKey, "65,42,4200"}, {kPngProjectionKey, "gnomonic"}});
    r = test::run({"--view-from", odd, "--export", dir + "/x.png"});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("invalid --view-from '" + odd + "': recorded projection: "), std::string::npos) << r.err;
    EXPECT_FALSE(fs::exists(dir + "/x.png"));
}

// Nothing runs unseen: an empty name, a scene 0, or a window with no display to show it on each
// end at once with a message (they used to run until killed).
TEST_F(Cli, NothingRunsUnseenWithoutADisplayOrAName) {
    const std::vector<std::string> no_display{"DISPLAY=", "WAYLAND_DISPLAY="};
    const std::vector<std::pair<std::vector<std::string>, std::string>> cases{
        {{"--export", ""}, "ca-atlas: invalid --export '': needs a file or folder name"},
        {{"--export-tour", ""}, "ca-atlas: invalid --export-tour '': needs a file or folder name"},
        {{"--present", "0"}, "ca-atlas: invalid --present 0: scenes are numbered from 1"},
        {{"--present", "-1"}, "ca-atlas: invalid --present -1: scenes are numbered from 1"},
    };
    for (const auto& [args, message] : cases) {
        const auto r = test::run(args, no_display, 20);
        EXPECT_EQ(r.exit_code, 2) << args[0] << " " << args[1];
        EXPECT_NE(r.err.find(message), std::string::npos) << r.err;
    }
    for (const std::vector<std::string>& args : {std::vector<std::string>{}, {"--present", "999"}, {"--present", "3"}}) {
        const auto r = test::run(args, no_display, 20);
        EXPECT_EQ(r.exit_code, 1);
        EXPECT_NE(r.err.find("ca-atlas: cannot open a window: no display (DISPLAY and WAYLAND_DISPLAY are not set); "
                             "exports need none"),
                  std::string::npos)
            << r.err;
    }
}

// An export replaces only a regular file: never a link (it would replace the link), a device node
// or a pipe. Each is refused with the reason, and left as it was.
TEST_F(Cli, AnExportReplacesOnlyARegularFile) {
    test::write_text(dir + "/real.png", "keep");
    fs::create_symlink("real.png", dir + "/link.png");
    auto r = test::run({"--export", dir + "/link.png", "--size", "200x100"});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("cannot write '" + dir + "/link.png': it is a symbolic link; the atlas replaces only regular "
                         "files (name its target)"),
              std::string::npos)
        << r.err;
    EXPECT_TRUE(fs::is_symlink(dir + "/link.png"));
    EXPECT_EQ(test::read_text(dir + "/real.png"), "keep");
    ASSERT_EQ(::mkfifo((dir + "/pipe.svg").c_str(), 0644), 0);
    r = test::run({"--export", dir + "/pipe.svg", "--size", "200x100"});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("cannot write '" + dir + "/pipe.svg': it is a device or other special file, not a regular file"),
              std::string::npos)
        << r.err;
    EXPECT_TRUE(fs::is_fifo(dir + "/pipe.svg"));
}

// What a killed export left (NAME.tmp-PID, a tour's .ca-atlas-tour-PID/) is removed by the next
// run into that folder: only those names, and only where that process is gone.
TEST_F(Cli, LeftoversOfAKilledExportAreRemovedByTheNextRun) {
    const pid_t child = ::fork();
    ASSERT_GE(child, 0);
    if (child == 0) ::_exit(0);
    ASSERT_EQ(::waitpid(child, nullptr, 0), child);
    const std::string dead = std::to_string(child), alive = std::to_string(::getpid());
    for (const std::string& name : {"map.png.tmp-" + dead, "map.png.tmp-" + dead + ".svg", "map.png.tmp-" + alive,
                                   "other.png.tmp-" + dead, std::string("map.png.tmp-x")})
        test::write_text(dir + "/" + name, "left");
    fs::create_directories(dir + "/.ca-atlas-tour-" + dead + "/inner");
    fs::create_directories(dir + "/.ca-atlas-tour-" + alive);
    auto r = test::run({"--export", dir + "/map.png", "--size", "200x100", "--layers", "countries"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_FALSE(fs::exists(dir + "/map.png.tmp-" + dead));
    EXPECT_FALSE(fs::exists(dir + "/map.png.tmp-" + dead + ".svg"));
    EXPECT_TRUE(fs::exists(dir + "/map.png.tmp-" + alive)) << "a running process's file";
    EXPECT_TRUE(fs::exists(dir + "/other.png.tmp-" + dead)) << "another target's";
    EXPECT_TRUE(fs::exists(dir + "/map.png.tmp-x"));
    r = test::run({"--export-tour", dir, "--size", "160x90", "--no-captions"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_FALSE(fs::exists(dir + "/.ca-atlas-tour-" + dead));
    EXPECT_TRUE(fs::exists(dir + "/.ca-atlas-tour-" + alive));
}

// The tour's images go into place all or none: a name taken by a folder stops it before any
// slide is moved, and replacing the slides of an earlier run is said.
TEST_F(Cli, ATourExportMovesAllItsImagesOrNoneAndSaysWhatItReplaced) {
    const std::vector<std::string> args{"--export-tour", dir, "--size", "160x90", "--no-captions"};
    auto r = test::run(args);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("ca-atlas: wrote 10 files for 10 scenes into " + dir + "\n"), std::string::npos) << r.out;
    r = test::run(args);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("into " + dir + ", replacing 10 that were there\n"), std::string::npos) << r.out;
    const std::string first = test::read_text(dir + "/01-region.png");
    fs::remove(dir + "/03-northern-border.png");
    fs::create_directory(dir + "/03-northern-border.png");
    r = test::run({"--export-tour", dir, "--size", "200x90", "--no-captions"});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("cannot write '" + dir +
                         "/03-northern-border.png': it is not a regular file (a folder, a link or a device); "
                         "nothing was written"),
              std::string::npos)
        << r.err;
    EXPECT_EQ(test::read_text(dir + "/01-region.png"), first) << "a slide was replaced before the failure";
    EXPECT_EQ(entries(dir), 10u) << "the working folder is gone";
}

// A move that fails halfway (strace's fault injection makes the fifth slide's rename fail; it
// matches the slide's name only while that name exists, so the folder holds an earlier run's
// slides) leaves the folder as it was: the slide with no earlier file is taken out again, and the
// earlier slides that the first four replaced are put back, byte for byte.
TEST_F(Cli, ATourExportThatFailsHalfwayThroughItsMovesLeavesTheFolderAsItWas) {
    const std::string strace = test::find_on_path("strace");
    if (strace.empty()) GTEST_SKIP() << "strace is not installed (cmake/packages.txt lists it)";
    if (test::run_tool(strace, {"-o", "/dev/null", "true"}).exit_code != 0)
        GTEST_SKIP() << "strace cannot trace here (ptrace is not permitted)";
    auto r = test::run({"--export-tour", dir, "--size", "160x90", "--no-captions"});
    if (r.exit_code != 0 && r.err.find("no OpenGL context") != std::string::npos && !test::in_ci())
        GTEST_SKIP() << r.err;
    ASSERT_EQ(r.exit_code, 0) << r.err;
    fs::remove(dir + "/02-threats.png");
    std::map<std::string, std::string> before;
    for (const auto& e : fs::directory_iterator(dir)) before[e.path().filename()] = test::read_text(e.path());
    ASSERT_EQ(before.size(), 9u);

    const std::string home = test::fresh_dir("cli-halfway-home");
    r = test::run_tool(strace, {"-f", "-o", "/dev/null", "-P", dir + "/05-csto.png", "-e",
                                "inject=rename,renameat,renameat2:error=EIO", ATLAS_TEST_PROGRAM, "--export-tour", dir,
                                "--size", "200x90", "--no-captions"},
                       {"XDG_DATA_HOME=" + home});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("cannot move the images into place"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("Input/output error"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("the folder is as it was"), std::string::npos) << r.err;
    std::map<std::string, std::string> after;
    for (const auto& e : fs::directory_iterator(dir)) after[e.path().filename()] = test::read_text(e.path());
    EXPECT_EQ(after.size(), 9u) << "a slide moved in before the failure stayed, or the working folder did";
    EXPECT_TRUE(after == before) << "the earlier slides were not all put back as they were";
}

TEST_F(Cli, TheViewRecordedInAnExportRestoresIt) {
    const std::string a = dir + "/a.png", b = dir + "/b.png";
    const auto e = test::run({"--export", a, "--size", "640x400", "--view", "70.5,39.2,900", "--projection", "mercator",
                              "--date", "1999-06-01", "--select", "KGZ"});
    if (e.exit_code != 0 && e.err.find("no OpenGL context") != std::string::npos && !test::in_ci())
        GTEST_SKIP() << e.err;
    ASSERT_EQ(e.exit_code, 0) << e.err;
    std::map<std::string, std::string> text;
    for (auto& [k, v] : read_png_text(a)) text[k] = v;
    EXPECT_EQ(text["ca-atlas view"], "70.50000,39.20000,900.000");
    EXPECT_EQ(text["ca-atlas projection"], "mercator");
    EXPECT_EQ(text["ca-atlas date"], "1999-06-01");
    EXPECT_EQ(text["ca-atlas selected"], "KGZ");
    // Exported again from the first file's record alone: the same picture, byte for byte.
    const auto r = test::run({"--export", b, "--size", "640x400", "--view-from", a});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    std::ifstream fa(a, std::ios::binary), fb(b, std::ios::binary);
    const std::string ba((std::istreambuf_iterator<char>(fa)), {}), bb((std::istreambuf_iterator<char>(fb)), {});
    EXPECT_EQ(ba, bb);
    // A PNG the atlas did not make has no view to restore.
    write_png(dir + "/plain.png", std::vector<std::uint8_t>(16, 255).data(), 2, 2);
    const auto bad = test::run({"--export", dir + "/c.png", "--view-from", dir + "/plain.png"});
    EXPECT_EQ(bad.exit_code, 2);
    EXPECT_EQ(bad.err, "ca-atlas: invalid --view-from '" + dir +
                           "/plain.png': no view recorded in it (not exported by the atlas)\n");
}

TEST_F(Cli, AGeoTiffOpensInPlaceWithTheViewsCrsAndCorners) {
    for (const char* projection : {"albers", "mercator"}) {
        const std::string tif = dir + "/" + projection + ".tif", png = dir + "/" + projection + ".png";
        const auto e =
            test::run({"--export", tif, "--size", "640x400", "--view", "68,40,1500", "--projection", projection});
        if (e.exit_code != 0 && e.err.find("no OpenGL context") != std::string::npos && !test::in_ci())
            GTEST_SKIP() << e.err;
        ASSERT_EQ(e.exit_code, 0) << e.err;
        ASSERT_EQ(test::run({"--export", png, "--size", "640x400", "--view", "68,40,1500", "--projection", projection})
                      .exit_code,
                  0);
        init_gdal();
        GDALDatasetUniquePtr ds(GDALDataset::Open(tif.c_str(), GDAL_OF_RASTER));
        ASSERT_TRUE(ds);
        EXPECT_EQ(ds->GetRasterXSize(), 640);
        EXPECT_EQ(ds->GetRasterYSize(), 400);
        EXPECT_EQ(ds->GetRasterCount(), 3);
        // The CRS is the projection's, the corners those of the view's camera.
        OGRSpatialReference expected;
        ASSERT_EQ(expected.SetFromUserInput(projection_info(projection).crs), OGRERR_NONE);
        ASSERT_TRUE(ds->GetSpatialRef());
        EXPECT_TRUE(ds->GetSpatialRef()->IsSame(&expected)) << projection;
        const Projection proj(projection);
        const Camera cam = camera_for_view(proj, parse_view("68,40,1500"), 640, 400);
        const Box box = cam.visible();
        double gt[6] = {};
        ASSERT_EQ(ds->GetGeoTransform(gt), CE_None);
        EXPECT_NEAR(gt[0], box.min_x, 1e-3);
        EXPECT_NEAR(gt[3], box.max_y, 1e-3);
        EXPECT_NEAR(gt[0] + 640 * gt[1], box.max_x, 1e-3);
        EXPECT_NEAR(gt[3] + 400 * gt[5], box.min_y, 1e-3);
        // gdalinfo's report names the CRS and the corners.
        char* info = GDALInfo(GDALDataset::ToHandle(ds.get()), nullptr);
        ASSERT_TRUE(info);
        const std::string report = info;
        CPLFree(info);
        EXPECT_NE(report.find("Corner Coordinates"), std::string::npos);
        EXPECT_NE(report.find(projection == std::string("albers") ? "Albers" : "Pseudo-Mercator"), std::string::npos);
        // The pixels are the PNG export's.
        const test::Image img = test::read_png(png);
        std::vector<std::uint8_t> rgb(size_t(640) * 400 * 3);
        int bands[3] = {1, 2, 3};
        ASSERT_EQ(
            ds->RasterIO(GF_Read, 0, 0, 640, 400, rgb.data(), 640, 400, GDT_Byte, 3, bands, 3, 640 * 3, 1, nullptr),
            CE_None);
        size_t differ = 0;
        for (size_t i = 0; i < size_t(640) * 400; ++i)
            for (size_t c = 0; c < 3; ++c) differ += rgb[i * 3 + c] != img.rgba[i * 4 + c];
        EXPECT_EQ(differ, 0u) << projection;
    }
}

TEST_F(Cli, ExportTourWritesOneSlidePerSceneOrNothing) {
    const auto r = test::run({"--export-tour", dir, "--size", "320x180", "--format", "png,tif"});
    if (r.exit_code != 0 && r.err.find("no OpenGL context") != std::string::npos && !test::in_ci())
        GTEST_SKIP() << r.err;
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const DataSet d = load_data_set(test::data_dir());
    ASSERT_EQ(entries(dir), d.tour.size() * 2);
    for (size_t i = 0; i < d.tour.size(); ++i) {
        char prefix[32];
        std::snprintf(prefix, sizeof prefix, "%02zu-", i + 1);
        const std::string png = dir + "/" + prefix + d.tour[i].id + ".png";
        ASSERT_TRUE(fs::exists(png)) << png;
        EXPECT_TRUE(fs::exists(dir + "/" + prefix + d.tour[i].id + ".tif"));
        EXPECT_EQ(test::read_png(png).width, 320);
        std::map<std::string, std::string> text;
        for (auto& [k, v] : read_png_text(png)) text[k] = v;
        EXPECT_EQ(text["ca-atlas date"], d.tour[i].date.str()) << d.tour[i].id;
        EXPECT_EQ(parse_view(text["ca-atlas view"]).lon, d.tour[i].view.lon);
    }
    // A format the tour cannot write: refused before anything is drawn.
    const std::string other = test::fresh_dir("cli-tour-eps");
    const auto eps = test::run({"--export-tour", other, "--format", "png,eps"});
    EXPECT_EQ(eps.exit_code, 2);
    expect_one_line(eps, "invalid --format 'eps': the tour exports png, tif, svg and pdf");
    EXPECT_EQ(entries(other), 0u);
    // A broken scene: nothing at all is written.
    const std::string data = data_with_a_broken_scene("cli-tour-broken");
    const std::string out = test::fresh_dir("cli-tour-out");
    const auto bad = test::run({"--data", data, "--export-tour", out, "--size", "320x180"});
    EXPECT_EQ(bad.exit_code, 1);
    EXPECT_NE(bad.err.find("no passage 'nowhere-1' in the article"), std::string::npos) << bad.err;
    EXPECT_EQ(entries(out), 0u);
}

TEST_F(Cli, PaperSizesAndResolutionAreWrittenIntoTheFigure) {
    // A4 portrait at 150 dpi with every decoration: 1240 x 1754 pixels, 150 dpi in the PNG's pHYs
    // chunk; a GeoTIFF records the resolution in its TIFF tags.
    const std::string png = dir + "/handout.png", tif = dir + "/print.tif";
    const auto r = test::run({"--export", png, "--paper", "a4-portrait", "--dpi", "150", "--title", "The CSTO in 2012",
                              "--furniture", "--caption", "integration-22"});
    if (r.exit_code != 0 && r.err.find("no OpenGL context") != std::string::npos && !test::in_ci())
        GTEST_SKIP() << r.err;
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const auto r2 = test::run({"--export", tif, "--size", "800x600", "--dpi", "300"});
    ASSERT_EQ(r2.exit_code, 0) << r2.err;
    init_gdal();
    for (const auto& [path, w, h, dpi] : {std::make_tuple(png, 1240, 1754, 150), std::make_tuple(tif, 800, 600, 300)}) {
        GDALDatasetUniquePtr ds(GDALDataset::Open(path.c_str(), GDAL_OF_RASTER));
        ASSERT_TRUE(ds) << path;
        EXPECT_EQ(ds->GetRasterXSize(), w) << path;
        EXPECT_EQ(ds->GetRasterYSize(), h) << path;
        if (path == png) {
            EXPECT_NEAR(test::png_dpi(path), dpi, 0.05);  // pHYs stores whole pixels per metre
        } else {
            const char* xres = ds->GetMetadataItem("TIFFTAG_XRESOLUTION");
            ASSERT_TRUE(xres) << path;
            EXPECT_NEAR(std::atof(xres), dpi, 0.01) << path;
        }
    }
    // The figure scales with the resolution: the same A4 page at 300 dpi, box-filtered to half its
    // pixels, is the 150 dpi page (text, symbols, lines and layout all twice the pixels), within
    // the tolerance of the render test that does the same at 4x (tests/render/render_test.cpp).
    const auto r3 = test::run({"--export", dir + "/handout300.png", "--paper", "a4-portrait", "--title",
                               "The CSTO in 2012", "--furniture", "--caption", "integration-22"});
    ASSERT_EQ(r3.exit_code, 0) << r3.err;
    const test::Image a = test::read_png(png), big = test::read_png(dir + "/handout300.png");
    ASSERT_EQ(big.width, 2480);  // --paper alone means 300 dpi
    ASSERT_EQ(big.height, 3508);
    test::Image b{a.width, a.height, std::vector<std::uint8_t>(a.rgba.size())};
    for (int y = 0; y < a.height; ++y)
        for (int x = 0; x < a.width; ++x)
            for (int c = 0; c < 4; ++c)
                b.rgba[(size_t(y) * size_t(a.width) + size_t(x)) * 4 + size_t(c)] = std::uint8_t(
                    (big.at(2 * x, 2 * y)[c] + big.at(2 * x + 1, 2 * y)[c] + big.at(2 * x, 2 * y + 1)[c] +
                     big.at(2 * x + 1, 2 * y + 1)[c]) / 4);
    const auto cmp = test::compare(a, b, 0.1);
    EXPECT_LT(cmp.fraction, 0.06) << cmp.differing << " pixels differ";
}

TEST_F(Cli, BadFigureOptions) {
    const std::vector<std::pair<std::vector<std::string>, std::string>> cases{
        {{"--paper", "a9"}, "invalid --paper 'a9': expected a5, a4, a3 or letter, optionally -portrait"},
        {{"--paper", "a4", "--size", "800x600"}, "--paper and --size both give the image's size: use one"},
        {{"--dpi", "5"}, "invalid --dpi: must be within 72..1200"},
        {{"--caption", "nowhere-1"}, "invalid --caption 'nowhere-1': the article has no passage with that id"},
    };
    for (const auto& [args, message] : cases) {
        std::vector<std::string> all{"--export", dir + "/x.png"};
        all.insert(all.end(), args.begin(), args.end());
        const auto r = test::run(all);
        if (r.err.find("no OpenGL context") != std::string::npos && !test::in_ci()) GTEST_SKIP() << r.err;
        EXPECT_EQ(r.exit_code, 2) << message;
        expect_one_line(r, message);
    }
    EXPECT_EQ(entries(dir), 0u);
}

// Pages of a PDF as GDAL's PDF driver reads it: a document of several pages lists one subdataset
// per page; one of a single page opens as that page. 0 if GDAL cannot open it.
size_t pdf_pages(const std::string& path) {
    GDALDatasetUniquePtr ds(GDALDataset::Open(path.c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY));
    if (!ds) return 0;
    size_t pages = 0;
    for (char** md = ds->GetMetadata("SUBDATASETS"); md && *md; ++md)
        if (std::string(*md).find("_NAME=") != std::string::npos) ++pages;
    return pages == 0 ? 1 : pages;
}

// What GL needs, pointed at nothing: as on a machine without GL.
const std::vector<std::string> kNoGl{"__EGL_VENDOR_LIBRARY_FILENAMES=/nonexistent/egl_vendor.json",
                                     "__EGL_VENDOR_LIBRARY_DIRS=/nonexistent"};

TEST_F(Cli, SvgAndPdfNeedNoGl) {
    init_gdal();
    GDALRegister_PDF();  // the atlas itself registers only the drivers it uses
    ASSERT_TRUE(GetGDALDriverManager()->GetDriverByName("PDF")) << "GDAL has no PDF driver";
    for (const char* name : {"map.svg", "map.PDF"}) {
        const auto r = test::run({"--export", dir + "/" + name, "--size", "800x450", "--select", "csto"}, kNoGl);
        ASSERT_EQ(r.exit_code, 0) << name << ": " << r.err;
        EXPECT_TRUE(r.err.empty()) << r.err;
    }
    EXPECT_EQ(entries(dir), 2u);  // no temporary file left behind
    EXPECT_GT(fs::file_size(dir + "/map.svg"), 10000u);
    EXPECT_EQ(pdf_pages(dir + "/map.PDF"), 1u);
    // Unwritable: one line, exit 1, nothing written.
    const auto r = test::run({"--export", dir + "/no/such/folder/x.svg"}, kNoGl);
    EXPECT_EQ(r.exit_code, 1);
    expect_one_line(r, "cannot write '" + dir + "/no/such/folder/x.svg': No such file or directory");
    const auto r2 = test::run({"--export", dir + "/map.svg/x.pdf"}, kNoGl);
    EXPECT_EQ(r2.exit_code, 1);
    expect_one_line(r2, "cannot write '" + dir + "/map.svg/x.pdf': Not a directory");
    EXPECT_EQ(entries(dir), 2u);
}

// A fontconfig configuration that sees only the fonts in `fonts` (none if empty).
std::vector<std::string> fonts_only(const std::string& dir, const std::vector<std::string>& fonts) {
    fs::create_directories(dir + "/fonts");
    for (const auto& f : fonts) fs::copy_file(f, dir + "/fonts/" + fs::path(f).filename().string());
    std::ofstream(dir + "/fonts.conf") << "<?xml version=\"1.0\"?>\n<!DOCTYPE fontconfig SYSTEM \"fonts.dtd\">\n"
                                       << "<fontconfig><dir>" << dir << "/fonts</dir><cachedir>" << dir
                                       << "/cache</cachedir></fontconfig>\n";
    return {"FONTCONFIG_FILE=" + dir + "/fonts.conf"};
}

TEST_F(Cli, TextNoFontCanDrawIsLeftOutAndNamedAndBadUtf8IsReplaced) {
    // A private-use character and ill-formed UTF-8 in a title: the export is written, the
    // character named on one line, the bytes drawn as U+FFFD (in the SVG's text too).
    const std::string svg = dir + "/t.svg";
    const auto r = test::run({"--export", svg, "--size", "960x540", "--title", "Kabul \uE000 \xff|"}, kNoGl);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.err, "ca-atlas: no installed font has U+E000 (in 'Kabul \uE000 \uFFFD|'): left out\n");
    std::ifstream in(svg);
    const std::string text((std::istreambuf_iterator<char>(in)), {});
    EXPECT_NE(text.find(">Kabul  \uFFFD|</text>"), std::string::npos);
    // Text every character of which a font has: nothing said.
    const auto ok = test::run({"--export", dir + "/u.svg", "--size", "960x540", "--title", "Кабул کابل 喀布尔"}, kNoGl);
    ASSERT_EQ(ok.exit_code, 0) << ok.err;
    EXPECT_EQ(ok.err, "");
}

TEST_F(Cli, FontsComeFromFontconfigAndAnotherFontStandsInForAMissingDejaVu) {
    // No DejaVu Sans, only another family: every export still works, in that font.
    ASSERT_TRUE(fs::exists("/usr/share/fonts/truetype/dejavu/DejaVuSansMono-Bold.ttf")) << "fonts-dejavu-core is missing";
    const auto env = fonts_only(dir + "/other", {"/usr/share/fonts/truetype/dejavu/DejaVuSansMono-Bold.ttf"});
    auto with_no_gl = env;
    with_no_gl.insert(with_no_gl.end(), kNoGl.begin(), kNoGl.end());
    const auto svg = test::run({"--export", dir + "/map.svg", "--size", "640x360"}, with_no_gl);
    ASSERT_EQ(svg.exit_code, 0) << svg.err;
    std::ifstream in(dir + "/map.svg");
    const std::string text((std::istreambuf_iterator<char>(in)), {});
    EXPECT_NE(text.find("font-family=\"DejaVu Sans Mono\""), std::string::npos);
    EXPECT_EQ(text.find("font-family=\"DejaVu Sans\""), std::string::npos);
    const auto pdf = test::run({"--export", dir + "/map.pdf", "--size", "640x360"}, with_no_gl);
    EXPECT_EQ(pdf.exit_code, 0) << pdf.err;
    const auto png = test::run({"--export", dir + "/map.png", "--size", "640x360"}, env);
    if (png.err.find("no OpenGL context") != std::string::npos && !test::in_ci()) GTEST_SKIP() << png.err;
    EXPECT_EQ(png.exit_code, 0) << png.err;
    // No font at all: one line naming what to install, exit 1, no file, for every format.
    const auto none = fonts_only(dir + "/none", {});
    for (const char* name : {"x.png", "x.svg", "x.pdf"}) {
        const auto r = test::run({"--export", dir + "/" + name}, none);
        EXPECT_EQ(r.exit_code, 1) << name;
        expect_one_line(r, "no font to draw text with: fontconfig finds no outline font for 'DejaVu Sans:bold' "
                           "(install fonts-dejavu-core)");
        EXPECT_FALSE(fs::exists(dir + "/" + name));
    }
}

TEST_F(Cli, ExportTourWritesVectorSlidesAndAHandoutOfOnePagePerScene) {
    init_gdal();
    GDALRegister_PDF();  // the atlas itself registers only the drivers it uses
    ASSERT_TRUE(GetGDALDriverManager()->GetDriverByName("PDF")) << "GDAL has no PDF driver";
    const auto r = test::run({"--export-tour", dir, "--size", "640x360", "--format", "svg,pdf"}, kNoGl);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const DataSet d = load_data_set(test::data_dir());
    ASSERT_EQ(entries(dir), d.tour.size() * 2 + 1);
    EXPECT_EQ(pdf_pages(dir + "/tour-handout.pdf"), d.tour.size());
    // The handout's layers: one for each group any page draws, shared by the pages (hiding
    // "Places" hides it on every page), listed as the groups are drawn: shapes, then names.
    {
        GDALDatasetUniquePtr ds(GDALDataset::Open((dir + "/tour-handout.pdf").c_str(), GDAL_OF_RASTER));
        ASSERT_TRUE(ds);
        std::vector<std::string> layers;
        for (char** md = ds->GetMetadata("LAYERS"); md && *md; ++md) {
            const std::string kv = *md;
            layers.push_back(kv.substr(kv.find('=') + 1));
        }
        const std::vector<std::string> expected{"Memberships", "Countries", "Provinces", "Graticule", "Regions",
                                                "Afghanistan's_northern_border", "Selection", "Places", "Capitals",
                                                "Country_names", "Afghanistan's_northern_border:_lengths",
                                                "Regions:_names", "Places:_names", "Capitals:_names"};
        EXPECT_EQ(layers, expected);
    }
    for (size_t i = 0; i < d.tour.size(); ++i) {
        char prefix[32];
        std::snprintf(prefix, sizeof prefix, "%02zu-", i + 1);
        EXPECT_TRUE(fs::exists(dir + "/" + prefix + d.tour[i].id + ".svg")) << d.tour[i].id;
        EXPECT_EQ(pdf_pages(dir + "/" + prefix + d.tour[i].id + ".pdf"), 1u) << d.tour[i].id;
        // Each slide carries its caption: the scene's number and title, and its passage cited.
        std::ifstream in(dir + "/" + prefix + d.tour[i].id + ".svg");
        const std::string svg((std::istreambuf_iterator<char>(in)), {});
        EXPECT_NE(svg.find(std::to_string(i + 1) + " / " + std::to_string(d.tour.size())), std::string::npos);
        EXPECT_NE(svg.find("passage " + d.tour[i].passage + "."), std::string::npos) << d.tour[i].id;
    }
    // --no-captions: the map alone.
    const std::string bare = test::fresh_dir("cli-vector-tour-bare");
    const auto nc = test::run({"--export-tour", bare, "--size", "640x360", "--format", "svg", "--no-captions"}, kNoGl);
    ASSERT_EQ(nc.exit_code, 0) << nc.err;
    std::ifstream first(bare + "/01-" + d.tour[0].id + ".svg");
    const std::string svg((std::istreambuf_iterator<char>(first)), {});
    EXPECT_EQ(svg.find("passage " + d.tour[0].passage + "."), std::string::npos);
    EXPECT_EQ(svg.find("id=\"figure\""), std::string::npos);
    // A broken scene: no slide and no handout.
    const std::string data = data_with_a_broken_scene("cli-vector-tour-broken");
    const std::string out = test::fresh_dir("cli-vector-tour-out");
    const auto bad = test::run({"--data", data, "--export-tour", out, "--format", "pdf"}, kNoGl);
    EXPECT_EQ(bad.exit_code, 1);
    EXPECT_NE(bad.err.find("no passage 'nowhere-1' in the article"), std::string::npos) << bad.err;
    EXPECT_EQ(entries(out), 0u);
    // The same into folders that are not there: they are made for the slides, and removed again
    // when the export fails.
    const auto missing = test::run({"--data", data, "--export-tour", out + "/new/slides", "--format", "svg,pdf"}, kNoGl);
    EXPECT_EQ(missing.exit_code, 1);
    EXPECT_NE(missing.err.find("no passage 'nowhere-1' in the article"), std::string::npos) << missing.err;
    EXPECT_EQ(entries(out), 0u);
}

TEST_F(Cli, ExportTourMakesItsFolderAsMkdirP) {
    const auto r = test::run({"--export-tour", dir + "/lesson/slides", "--size", "320x180", "--format", "svg"}, kNoGl);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    std::vector<DataProblem> problems;
    EXPECT_EQ(entries(dir + "/lesson/slides"), load_tour(test::data_dir(), problems).size());
    // A file where a folder should be: one line naming it, exit 1, nothing made.
    std::ofstream(dir + "/file") << "not a folder";
    const auto bad = test::run({"--export-tour", dir + "/file/slides", "--format", "svg"}, kNoGl);
    EXPECT_EQ(bad.exit_code, 1);
    EXPECT_EQ(bad.err.rfind("ca-atlas: cannot make the folder '" + dir + "/file/slides': ", 0), 0u) << bad.err;
    EXPECT_EQ(entries(dir), 2u);  // lesson/ and the file
}

TEST_F(Cli, AnExportNameTheAtlasCannotWriteIsRefused) {
    // Never PNG bytes under another format's name: a clear line, exit 2, no file.
    for (const char* name : {"map.jpg", "map.JPEG", "map", "map.png.gz"}) {
        const auto r = test::run({"--export", dir + "/" + name}, kNoGl);
        EXPECT_EQ(r.exit_code, 2) << name;
        EXPECT_EQ(r.err.rfind("ca-atlas: cannot write '" + dir + "/" + name + "': ", 0), 0u) << r.err;
        EXPECT_NE(r.err.find("name it .png, .tif, .svg or .pdf"), std::string::npos) << r.err;
    }
    EXPECT_EQ(entries(dir), 0u);
    // The extensions it writes, in any case.
    const auto upper = test::run({"--export", dir + "/MAP.SVG", "--size", "320x180"}, kNoGl);
    EXPECT_EQ(upper.exit_code, 0) << upper.err;
    EXPECT_TRUE(fs::exists(dir + "/MAP.SVG"));
}

TEST_F(Cli, UnknownProjection) {
    const auto r = test::run({"--projection", "robinson", "--export", dir + "/x.png"});
    EXPECT_EQ(r.exit_code, 2);
    expect_one_line(r, "unknown projection 'robinson' (valid: albers, mercator, equirectangular)");
    EXPECT_EQ(entries(dir), 0u);
}

TEST_F(Cli, ImpossibleSizes) {
    const std::vector<std::pair<std::string, std::string>> cases{
        {"0x0", "invalid --size '0x0': width and height must be positive"},
        {"-5x100", "invalid --size '-5x100': width and height must be positive"},
        {"100", "invalid --size '100': expected WIDTHxHEIGHT, e.g. 3840x2160"},
        {"12x34x5", "invalid --size '12x34x5': expected WIDTHxHEIGHT, e.g. 3840x2160"},
        {"100000x100000", "invalid --size '100000x100000': at most 65536 pixels per side"},
    };
    for (const auto& [size, message] : cases) {
        const auto r = test::run({"--export", dir + "/x.png", "--size", size});
        EXPECT_EQ(r.exit_code, 2) << size;
        expect_one_line(r, message);
    }
    EXPECT_EQ(entries(dir), 0u);
}

TEST_F(Cli, SizeBeyondTheGpu) {
    // Wider than llvmpipe's 16384-pixel framebuffer limit: drawn in tiles, written whole.
    const auto r = test::run({"--export", dir + "/wide.png", "--size", "20000x300"});
    if (r.err.find("no OpenGL context") != std::string::npos && !test::in_ci()) GTEST_SKIP() << r.err;
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const test::Image img = test::read_png(dir + "/wide.png");
    EXPECT_EQ(img.width, 20000);
    EXPECT_EQ(img.height, 300);
    // Beyond the command line's bound it is refused before anything is drawn.
    const auto big = test::run({"--export", dir + "/x.png", "--size", "70000x100"});
    EXPECT_EQ(big.exit_code, 2);
    EXPECT_FALSE(fs::exists(dir + "/x.png"));
}

TEST_F(Cli, UnwritableOutput) {
    const auto r = test::run({"--export", dir + "/no/such/folder/x.png"});
    EXPECT_EQ(r.exit_code, 1);
    expect_one_line(r, "cannot write '" + dir + "/no/such/folder/x.png': No such file or directory");
    fs::create_directory(dir + "/folder.png");
    const auto r2 = test::run({"--export", dir + "/folder.png"});
    EXPECT_EQ(r2.exit_code, 1);
    expect_one_line(r2, "cannot write '" + dir + "/folder.png': it is a folder");
    EXPECT_EQ(entries(dir), 1u);  // the folder alone
}

TEST_F(Cli, BadView) {
    const auto r = test::run({"--export", dir + "/x.png", "--view", "65,42"});
    EXPECT_EQ(r.exit_code, 2);
    expect_one_line(r, "invalid --view '65,42': expected LON,LAT,HEIGHT_KM, e.g. 65,42,4200");
    EXPECT_EQ(entries(dir), 0u);
}

TEST_F(Cli, NoGlContext) {
    // Point the GL vendor library at nothing: EGL finds no driver, as on a machine without GL.
    const auto r = test::run(
        {"--export", dir + "/x.png"},
        {"__EGL_VENDOR_LIBRARY_FILENAMES=/nonexistent/egl_vendor.json", "__EGL_VENDOR_LIBRARY_DIRS=/nonexistent"});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_EQ(r.err.rfind("ca-atlas: no OpenGL context for offscreen rendering: ", 0), 0u) << r.err;
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
    EXPECT_EQ(entries(dir), 0u);
}

}  // namespace
}  // namespace atlas
