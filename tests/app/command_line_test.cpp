// The command line (app/command_line.cpp), through the program: --help and --version, and every
// bad option or value refused before anything is opened, with one clear line on stderr, exit 2
// and no output file.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <utility>
#include <vector>

#include "export/figure.hpp"
#include "geo/raster.hpp"
#include "support/cli.hpp"
#include "support/gl.hpp"
#include "support/process.hpp"

namespace atlas {
namespace {

namespace fs = std::filesystem;
using test::Cli;

TEST_F(Cli, HelpDocumentsEveryOption) {
    const auto r = test::run({"--help"});
    EXPECT_EQ(r.exit_code, 0);
    for (const char* opt :
         {"--data", "--check-data", "--view-from", "--date", "--select", "--projection", "--view", "--export", "--size",
          "--scale", "--timings", "--bench", "--window-screenshot", "--exit-after-first-frame", "--title", "--legend",
          "--scale-bar", "--attribution", "--citation", "--caption", "--furniture", "--dpi", "--paper",
          "--flight-seconds", "--present", "--export-tour", "--format", "--version", "--layers", "--ui-scale", "--vs", "--quiz", "--quiz-seed", "--export-quiz",
          "--hide", "--transparent-sea"})
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

// A quiz's round is a whole number a teacher reads out; anything else is refused at once (exit 2,
// one line naming it), before a window opens.
TEST_F(Cli, TheQuizSeedMustBeAWholeNumber) {
    for (const char* bad : {"x", "-1", "1.5", "12a", "4294967296", ""}) {
        const auto r = test::run({"--quiz", "--quiz-seed", bad});
        EXPECT_EQ(r.exit_code, 2) << bad;
        EXPECT_NE(r.err.find(std::string("ca-atlas: invalid --quiz-seed '") + bad +
                             "': expected a whole number from 0 to 4294967295"),
                  std::string::npos)
            << r.err;
        EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
    }
}

// --export-quiz writes the worksheet and the answers, both or neither; the same seed gives the same
// sheets (a class shares a round); a folder that cannot be made is one line and exit 1.
TEST_F(Cli, TheQuizsSheetsAreTheSameForTheSameSeed) {
    const std::string pdftotext = test::find_on_path("pdftotext");
    if (pdftotext.empty()) {
        if (test::in_ci()) FAIL() << "pdftotext is missing: install cmake/packages.txt";
        GTEST_SKIP() << "pdftotext is not installed (poppler-utils)";
    }
    std::string text[2];
    for (int i = 0; i < 2; ++i) {
        const std::string out = dir + "/quiz" + std::to_string(i);
        const auto r = test::run({"--export-quiz", out, "--seed", "5"}, {}, 120);
        ASSERT_EQ(r.exit_code, 0) << r.err;
        EXPECT_NE(r.out.find("wrote the quiz of round 5 (10 questions)"), std::string::npos) << r.out;
        ASSERT_TRUE(std::filesystem::exists(out + "/answers.pdf"));
        text[i] = test::run_tool(pdftotext, {out + "/worksheet.pdf", "-"}).out;
        EXPECT_NE(text[i].find("Round 5."), std::string::npos) << text[i];
    }
    EXPECT_EQ(text[0], text[1]);
    const auto bad = test::run({"--export-quiz", "/proc/no-such-folder", "--seed", "5"});
    EXPECT_EQ(bad.exit_code, 1);
    EXPECT_EQ(bad.err, "ca-atlas: cannot make the folder '/proc/no-such-folder': No such file or directory\n");
}

// --vs names another build to run: a file that cannot be run, or --vs without --bench, is refused
// at once (exit 2, one line naming it), before any benchmark starts.
TEST_F(Cli, TheBenchmarksOtherBuildMustBeAProgram) {
    const std::string text = dir + "/notes.txt";
    std::ofstream(text) << "not a program\n";
    const std::vector<std::pair<std::vector<std::string>, std::string>> cases{
        {{"--bench", "--vs", dir + "/missing"}, "ca-atlas: invalid --vs '" + dir + "/missing': not a program"},
        {{"--bench", "--vs", text}, "ca-atlas: invalid --vs '" + text + "': not a program"},
        {{"--bench", "--vs", dir}, "ca-atlas: invalid --vs '" + dir + "': not a program"},
        {{"--vs", "/bin/true"}, "ca-atlas: --vs compares benchmarks: it needs --bench"},
    };
    for (const auto& [args, message] : cases) {
        const auto r = test::run(args);
        EXPECT_EQ(r.exit_code, 2) << args.back();
        EXPECT_NE(r.err.find(message), std::string::npos) << r.err;
        EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
    }
}

// The other build runs first, so a program that prints no table of figures is named at once.
TEST_F(Cli, TheBenchmarkRefusesAnOtherBuildThatPrintsNoFigures) {
    const auto r = test::run({"--bench", "--vs", "/bin/true"}, {}, 60);
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("ca-atlas: benchmark: /bin/true --bench printed no table of figures"), std::string::npos)
        << r.err;
}

// The benchmark's floor (tests/bench/gl_floor.cpp) measures a bare headless context: it runs, reads
// back what it cleared and reports its own peak memory (a program's libraries alone are more than
// 10 MiB); a mode it does not know is refused with its usage.
TEST_F(Cli, TheBenchmarksFloorMeasuresABareHeadlessContext) {
    ATLAS_REQUIRE_GL(gl);  // where this process cannot make a context, neither can the floor
    const auto r = test::run_tool(ATLAS_TEST_GL_FLOOR, {"headless"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    double mib = 0;
    ASSERT_EQ(std::sscanf(r.out.c_str(), "peak %lf MiB", &mib), 1) << r.out;
    EXPECT_GT(mib, 10.0);
    const auto bad = test::run_tool(ATLAS_TEST_GL_FLOOR, {"nonsense"});
    EXPECT_EQ(bad.exit_code, 2);
    EXPECT_NE(bad.err.find("usage: gl-floor first-frame|frames|headless"), std::string::npos) << bad.err;
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

// Each record of a figure is checked as the option it stands for, and a bad one is refused naming
// the file and the record: nothing is written.
TEST_F(Cli, ABadFigureRecordIsRefusedNamingTheFileAndTheRecord) {
    int n = 0;
    auto png_with = [&](std::vector<std::pair<std::string, std::string>> text) {
        const std::string path = dir + "/rec" + std::to_string(++n) + ".png";
        text.insert(text.begin(), {kPngViewKey, "65,42,4200"});
        const std::vector<std::uint8_t> px(4 * 4 * 4, 200);
        PngWriter w(path, 4, 4, 6, text);
        w.write_rows(px.data(), 4);
        w.finish();
        return path;
    };
    const std::vector<std::pair<std::pair<std::string, std::string>, std::string>> cases{
        {{kRecordSizeKey, "0x600"}, "recorded size '0x600': width and height must be positive"},
        {{kRecordSizeKey, "big"}, "recorded size 'big': expected WIDTHxHEIGHT, e.g. 3840x2160"},
        {{kRecordLayersKey, "countries seas"}, "recorded layers 'countries seas': unknown layer 'seas' (one of "
                                               "countries provinces labels memberships northern_border regions "
                                               "places capitals graticule, all)"},
        {{kRecordDecorationsKey, "legend compass"},
         "recorded decorations 'legend compass': unknown decoration 'compass' (any of legend, scale-bar, "
         "attribution, citation)"},
        {{kRecordDpiKey, "5000"}, "recorded dpi '5000': must be within 72..1200"},
        {{kRecordDpiKey, "300dpi"}, "recorded dpi '300dpi': expected a number"},
        {{kRecordScaleKey, "0"}, "recorded scale '0': must be within 0.1..20"},
        {{kRecordTransparentSeaKey, "maybe"}, "recorded transparent sea 'maybe': expected yes"},
    };
    for (const auto& [record, message] : cases) {
        const std::string png = png_with({record});
        const auto r = test::run({"--view-from", png, "--export", dir + "/x.png"});
        EXPECT_EQ(r.exit_code, 2) << message;
        expect_one_line(r, "invalid --view-from '" + png + "': " + message);
    }
    // What only the data can check (a passage, a selection) is named as recorded too.
    const std::string caption = png_with({{kRecordCaptionKey, "nowhere-1"}});
    auto r = test::run({"--view-from", caption, "--export", dir + "/x.png"});
    if (r.err.find("no OpenGL context") != std::string::npos && !test::in_ci()) GTEST_SKIP() << r.err;
    EXPECT_EQ(r.exit_code, 2);
    expect_one_line(r, "invalid --view-from '" + caption +
                           "': recorded caption 'nowhere-1': the article has no passage with that id");
    const std::string selected = png_with({{kPngSelectedKey, "XYZ"}});
    r = test::run({"--view-from", selected, "--export", dir + "/x.png"});
    EXPECT_EQ(r.exit_code, 2);
    expect_one_line(r, "invalid --view-from '" + selected +
                           "': recorded selection 'XYZ': no country, place, region or organisation has that id");
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

TEST_F(Cli, BadView) {
    const auto r = test::run({"--export", dir + "/x.png", "--view", "65,42"});
    EXPECT_EQ(r.exit_code, 2);
    expect_one_line(r, "invalid --view '65,42': expected LON,LAT,HEIGHT_KM, e.g. 65,42,4200");
    EXPECT_EQ(entries(dir), 0u);
}

}  // namespace
}  // namespace atlas
