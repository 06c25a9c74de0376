// The interactive window, under a real X display (Xvfb in CI): its first frame shows the map, and
// the map part of it equals a headless export of the same view.
#include <gtest/gtest.h>
#include <spawn.h>
#include <sys/wait.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <thread>

#include "core/style.hpp"
#include "geo/facts_load.hpp"
#include "geo/model.hpp"
#include "support/data_copy.hpp"
#include "support/display.hpp"
#include "support/gl.hpp"
#include "support/image.hpp"
#include "support/paths.hpp"
#include "support/process.hpp"

namespace atlas {
namespace {

// SIGTERM ends the window at once whatever it shows, a modal question included (it used to wait
// on it until SIGKILL), and leaves no temporary file. The question here: edits a signal kept.
TEST(Window, SigtermEndsItPromptlyEvenWithAQuestionOpen) {
    ATLAS_REQUIRE_DISPLAY();
    const std::string data = test::copy_data("window-sigterm");
    test::write_text(data + "/tour.recovered.csv", test::read_text(data + "/tour.csv"));
    const std::string program = test::program();
    const std::vector<std::string> args{program, "--data", data, "--size", "800x600"};
    std::vector<char*> argv;
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    pid_t pid = 0;
    ASSERT_EQ(::posix_spawn(&pid, program.c_str(), nullptr, nullptr, argv.data(), environ), 0);
    // Loaded, the question on screen (a sanitizer's build loads several times slower).
#if defined(__SANITIZE_ADDRESS__)
    std::this_thread::sleep_for(std::chrono::seconds(12));
#else
    std::this_thread::sleep_for(std::chrono::seconds(4));
#endif
    const auto sent = std::chrono::steady_clock::now();
    ASSERT_EQ(::kill(pid, SIGTERM), 0);
    int status = 0;
    pid_t done = 0;
    while ((done = ::waitpid(pid, &status, WNOHANG)) == 0 && std::chrono::steady_clock::now() - sent < std::chrono::seconds(5))
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    if (done == 0) {
        ::kill(pid, SIGKILL);
        ::waitpid(pid, &status, 0);
        FAIL() << "still running 5 s after SIGTERM";
    }
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - sent).count();
    EXPECT_LT(ms, 2000) << "ended after " << ms << " ms";
    ASSERT_TRUE(WIFEXITED(status)) << "killed by signal " << (WIFSIGNALED(status) ? WTERMSIG(status) : 0);
    EXPECT_EQ(WEXITSTATUS(status), 128 + SIGTERM);
    EXPECT_TRUE(std::filesystem::exists(data + "/tour.recovered.csv")) << "the unanswered offer is kept";
    for (const auto& e : std::filesystem::directory_iterator(data))
        EXPECT_EQ(e.path().filename().string().find(".tmp-"), std::string::npos) << e.path();
}

// Random input from a seed (keys, clicks, drags, wheel, text in every script) through the real
// event queue: no crash, no ImGui assertion (an abort), no memory that keeps growing. A longer run:
// ca-atlas --random-input SEED,100000 (README, "Tests").
TEST(Window, ThousandsOfRandomEventsLeaveItRunningAndItsMemoryFlat) {
    ATLAS_REQUIRE_DISPLAY();
    const std::string data = test::copy_data("window-random");
    const std::string out = test::fresh_dir("window-random-cwd");
    // Under the sanitizers every event costs several times more: half as many there (the memory
    // check below is this build's alone), so that CI stays within its time.
#if defined(__SANITIZE_ADDRESS__)
    const std::string events = "1500";
#else
    const std::string events = "3000";
#endif
    for (const char* seed : {"1", "2"}) {
        const auto w = test::run_tool("/bin/sh",
                                      {"-c", "cd '" + out + "' && exec '" + test::program() + "' --data '" + data +
                                                 "' --size 1280x800 --random-input " + seed + "," + events},
                                      {}, 240);
        ASSERT_EQ(w.exit_code, 0) << "seed " << seed << ": " << w.err;
        double tenth = 0, end = 0;
        const auto at = w.out.find("random_input events=" + events);
        ASSERT_NE(at, std::string::npos) << w.out;
        ASSERT_EQ(std::sscanf(w.out.c_str() + w.out.find("resident_mib_after_tenth="),
                              "resident_mib_after_tenth=%lf resident_mib_end=%lf", &tenth, &end),
                  2)
            << w.out;
        EXPECT_GT(tenth, 0);
#if defined(__SANITIZE_ADDRESS__)
        // AddressSanitizer keeps freed memory in quarantine (256 MiB by default): resident memory
        // grows by design there, so this build checks for crashes and assertions only.
        (void)end;
#else
        EXPECT_LT(end, tenth * 1.25 + 16) << "seed " << seed << ": memory grew from " << tenth << " to " << end << " MiB";
#endif
    }
}

TEST(Window, FirstFrameShowsTheMapAndMatchesTheExport) {
    ATLAS_REQUIRE_DISPLAY();
    const std::string dir = test::fresh_dir("window");
    const std::string shot = dir + "/window.png", exported = dir + "/export.png";
    const std::string view = "66,43,3600";
    const auto w = test::run({"--window-screenshot", shot, "--size", "960x600", "--view", view});
    ASSERT_EQ(w.exit_code, 0) << w.err;
    const test::Image win = test::read_png(shot);
    ASSERT_EQ(win.width, 960);
    ASSERT_EQ(win.height, 600);

    // The overlays of the article's present: the CSTO's blue covers much of the window (Russia,
    // Kazakhstan, Kyrgyzstan, Tajikistan, between the SCO's stripes).
    const Rgba blue = OverlayStyle{}.csto_member;
    int blue_px = 0;
    for (int y = 0; y < 600; ++y)
        for (int x = 0; x < 960; ++x) {
            const std::uint8_t* px = win.at(x, y);
            if (px[0] == blue.r && px[1] == blue.g && px[2] == blue.b) ++blue_px;
        }
    EXPECT_GT(blue_px, 960 * 600 / 20) << "too few pixels of the CSTO's fill";

    // The export of the same view at the window's scale is the same map. The panel covers the
    // window's top-left corner, the legend its top-right, the article the right side below it and
    // the timeline the bottom: compare the band of map between the panel and the legend, above
    // the article.
    const auto e = test::run({"--export", exported, "--size", "960x600", "--view", view, "--scale", "1"});
    ASSERT_EQ(e.exit_code, 0) << e.err;
    const test::Image ex = test::read_png(exported);
    ASSERT_EQ(ex.width, 960);
    test::Image a{300, 200, {}}, b{300, 200, {}};
    for (int y = 0; y < 200; ++y)
        for (int x = 340; x < 640; ++x)
            for (int c = 0; c < 4; ++c) {
                a.rgba.push_back(win.at(x, y)[c]);
                b.rgba.push_back(ex.at(x, y)[c]);
            }
    const auto cmp = test::compare(a, b, 0.1);
    EXPECT_LE(cmp.fraction, 0.001) << cmp.differing << " pixels differ between the window and the export";
}

// The panel's light grey (ImGui's light style) in a rectangle of a screenshot.
int panel_grey(const test::Image& img, int x0, int y0, int x1, int y1) {
    int n = 0;
    for (int y = y0; y < y1; ++y)
        for (int x = x0; x < x1; ++x) {
            const std::uint8_t* px = img.at(x, y);
            if (px[0] == 240 && px[1] == 240 && px[2] == 240) ++n;
        }
    return n;
}

// The panels' places are the user's: kept in $XDG_CONFIG_HOME/ca-atlas/layout.ini when the window
// closes and found there at the next start. A layout that cannot be written is said, and the
// window goes on.
TEST(Window, ThePanelsLayoutIsKeptInTheUsersConfigFolder) {
    ATLAS_REQUIRE_DISPLAY();
    const std::string config = test::fresh_dir("window-layout");
    const std::string ini = config + "/ca-atlas/layout.ini";
    const auto w = test::run({"--size", "960x600", "--random-input", "3,40"}, {"XDG_CONFIG_HOME=" + config});
    ASSERT_EQ(w.exit_code, 0) << w.err;
    ASSERT_TRUE(std::filesystem::exists(ini)) << "no layout written";
    const std::string kept = test::read_text(ini);
    EXPECT_NE(kept.find("[Window][Central Asia Security Atlas]"), std::string::npos) << kept;

    // The control panel moved to the right by the user: the next window opens with it there.
    {
        std::ofstream out(ini, std::ios::trunc);
        out << "[Window][Central Asia Security Atlas]\nPos=600,40\nSize=300,400\nCollapsed=0\n";
    }
    const std::string shot = config + "/shot.png";
    const auto s = test::run({"--size", "960x600", "--window-screenshot", shot}, {"XDG_CONFIG_HOME=" + config});
    ASSERT_EQ(s.exit_code, 0) << s.err;
    const test::Image img = test::read_png(shot);
    EXPECT_GT(panel_grey(img, 610, 60, 890, 400), 280 * 340 / 4) << "the panel is not where the layout put it";
    EXPECT_LT(panel_grey(img, 10, 60, 300, 300), 100) << "the panel is still at its default place";

    // A file where the folder should be: one message, and the window still runs to its end.
    const std::string blocked = test::fresh_dir("window-layout-blocked");
    { std::ofstream(blocked + "/ca-atlas") << "not a folder"; }
    const auto b = test::run({"--size", "960x600", "--random-input", "3,20"}, {"XDG_CONFIG_HOME=" + blocked});
    EXPECT_EQ(b.exit_code, 0) << b.err;
    EXPECT_NE(b.err.find("the panels' layout is not kept"), std::string::npos) << b.err;
    EXPECT_EQ(test::read_text(blocked + "/ca-atlas"), "not a folder");
}

TEST(Window, ThePresentationShowsASceneWithItsCaptionAndNoChrome) {
    ATLAS_REQUIRE_DISPLAY();
    const std::string shot = test::fresh_dir("window-present") + "/present.png";
    const auto w = test::run({"--present", "3", "--window-screenshot", shot, "--size", "960x540"});
    ASSERT_EQ(w.exit_code, 0) << w.err;
    const test::Image img = test::read_png(shot);
    ASSERT_EQ(img.width, 960);
    // The caption: the bottom 30% is the dark high-contrast band (with white and yellow text).
    int dark = 0, bright = 0;
    for (int y = 400; y < 540; ++y)
        for (int x = 0; x < 960; ++x) {
            const std::uint8_t* px = img.at(x, y);
            if (px[0] < 60 && px[1] < 60 && px[2] < 70) ++dark;
            if (px[0] > 200 && px[1] > 170) ++bright;
        }
    EXPECT_GT(dark, 960 * 140 / 2) << "no caption band";
    EXPECT_GT(bright, 200) << "no caption text";
    // No chrome: the panel's light grey background is nowhere in the top-left corner.
    int panel = 0;
    for (int y = 0; y < 200; ++y)
        for (int x = 0; x < 300; ++x) {
            const std::uint8_t* px = img.at(x, y);
            if (px[0] == 240 && px[1] == 240 && px[2] == 240) ++panel;
        }
    EXPECT_LT(panel, 100) << "the panel is showing";
}

TEST(Window, AScenesSavedAnnotationsAreDrawnOnTheirPlace) {
    ATLAS_REQUIRE_DISPLAY();
    // The Kant scene (6th) with a circle of 30 km round the airbase, in a green nothing else on the
    // map has, so that its pixels can be told from the map's.
    const std::string data = test::copy_data("window-annotations");
    const std::string tour = data + "/" + kTourFile;
    const int line = test::find_line(tour, "kant,");
    test::replace_line(tour, line, test::line_of(tour, line) + "circle 74.8464 42.8531 30km #00ff00");
    const std::string shot = test::fresh_dir("window-annotations-shot") + "/present.png";
    const auto w = test::run({"--data", data, "--present", "6", "--window-screenshot", shot, "--size", "960x540"});
    ASSERT_EQ(w.exit_code, 0) << w.err;
    const test::Image img = test::read_png(shot);
    ASSERT_EQ(img.width, 960);
    // The centres of the ring's green ink and of Kant's red star (drawn by the map's renderer at
    // the airbase's place) agree: the annotation is on its lon/lat. (The legend's star, bottom
    // left, is further than the ring's radius from the ring's centre, and not counted.)
    const Rgba star = FeatureStyle{}.airbase.fill;
    double gx = 0, gy = 0, sx = 0, sy = 0;
    int green = 0, red = 0;
    for (int y = 0; y < 540; ++y)
        for (int x = 0; x < 960; ++x) {
            const std::uint8_t* px = img.at(x, y);
            if (px[0] == 0 && px[1] == 255 && px[2] == 0) gx += x, gy += y, ++green;
        }
    ASSERT_GT(green, 200) << "no annotation drawn";
    gx /= green, gy /= green;
    for (int y = 0; y < 540; ++y)
        for (int x = 0; x < 960; ++x) {
            const std::uint8_t* px = img.at(x, y);
            if (px[0] == star.r && px[1] == star.g && px[2] == star.b && std::hypot(x - gx, y - gy) < 40)
                sx += x, sy += y, ++red;
        }
    ASSERT_GT(red, 10) << "no star at Kant inside the ring";
    sx /= red, sy /= red;
    EXPECT_NEAR(gx, sx, 2.0) << "px: the ring is not centred on Kant";
    EXPECT_NEAR(gy, sy, 2.0);
    // Its radius is 30 km at the scene's scale: 400 km from top to bottom of 540 px.
    double radius = 0;
    for (int y = 0; y < 540; ++y)
        for (int x = 0; x < 960; ++x) {
            const std::uint8_t* px = img.at(x, y);
            if (px[0] == 0 && px[1] == 255 && px[2] == 0) radius += std::hypot(x - sx, y - sy) / green;
        }
    const double expected = 30.0 / (400.0 / 540.0);
    EXPECT_NEAR(radius, expected, 0.05 * expected) << "px (5%: the projection's scale near Kant)";
}

TEST(Window, BrokenFactsAreListedWhileTheMapStillWorks) {
    ATLAS_REQUIRE_DISPLAY();
    const std::string data = test::copy_data("window-broken-facts");
    const std::string memberships = data + "/" + kMembershipsFile;
    const int line = test::find_line(memberships, "sco,MNG,observer");
    test::replace_line(memberships, line, "sco,MNX,observer,2004-06-17,2025-09-01,a source");
    const std::string shot = test::fresh_dir("window-broken") + "/window.png";
    const auto w = test::run({"--data", data, "--window-screenshot", shot, "--size", "960x600"});
    // The run fails (the data is broken) but the window opened, drew the map and listed the problem.
    EXPECT_EQ(w.exit_code, 1);
    EXPECT_NE(w.err.find(memberships + ":" + std::to_string(line) + ": unknown country code 'MNX'"), std::string::npos)
        << w.err;
    const test::Image win = test::read_png(shot);
    ASSERT_EQ(win.width, 960);
    // The panel's problem list is drawn in red text: some pure reddish pixels in the panel area.
    int red = 0;
    for (int y = 0; y < 600; ++y)
        for (int x = 0; x < 400; ++x) {
            const std::uint8_t* px = win.at(x, y);
            if (px[0] > 150 && px[1] < 80 && px[2] < 80) ++red;
        }
    EXPECT_GT(red, 20) << "no red problem text in the panel";
    // And the map is there: the CSTO's blue covers a good part of the window right of the panel.
    const Rgba blue = OverlayStyle{}.csto_member;
    int blue_px = 0;
    for (int y = 0; y < 600; ++y)
        for (int x = 400; x < 960; ++x) {
            const std::uint8_t* px = win.at(x, y);
            if (px[0] == blue.r && px[1] == blue.g && px[2] == blue.b) ++blue_px;
        }
    EXPECT_GT(blue_px, 560 * 600 / 20) << "the map is missing: too few pixels of the CSTO's fill";
}

// The rightmost column of the control panel (ImGui's light window background) in the window's
// top-left 800x300 pixels (the legend, wider with its symbols, begins right of that at 192 dpi);
// -1 if there is none.
int panel_right_edge(const test::Image& img) {
    int right = -1;
    for (int x = 0; x < std::min(img.width, 800); ++x) {
        int panel = 0;
        for (int y = 0; y < std::min(img.height, 300); ++y) {
            const std::uint8_t* px = img.at(x, y);
            if (px[0] == 240 && px[1] == 240 && px[2] == 240) ++panel;
        }
        if (panel > 100) right = x;
    }
    return right;
}

TEST(Window, TheInterfaceScalesWithTheDisplaysDpi) {
    ATLAS_REQUIRE_DISPLAY();
    // Each shot on an X server of its own, at its own resolution (xvfb-run, as CI has).
    const std::string xvfb = test::find_on_path("xvfb-run");
    ASSERT_FALSE(xvfb.empty()) << "xvfb-run is not installed (cmake/packages.txt lists it)";
    const std::string dir = test::fresh_dir("window-dpi");
    auto shot_at = [&](int dpi, const std::vector<std::string>& extra) {
        const std::string shot = dir + "/dpi" + std::to_string(dpi) + (extra.empty() ? "" : "-scaled") + ".png";
        std::vector<std::string> args{"-a", "-s", "-screen 0 1600x1000x24 -dpi " + std::to_string(dpi), test::program(),
                                      "--window-screenshot", shot, "--size", "1600x1000"};
        args.insert(args.end(), extra.begin(), extra.end());
        const auto r = test::run_tool(xvfb, args, {"XDG_DATA_HOME=" + dir + "/no-user-data"});
        EXPECT_EQ(r.exit_code, 0) << r.err;
        return panel_right_edge(test::read_png(shot));
    };
    const int at96 = shot_at(96, {}), at192 = shot_at(192, {}), at144 = shot_at(144, {});
    ASSERT_GT(at96, 200) << "no panel at 96 dpi";
    // Twice the dots per inch, twice the panel (its fixed width, padding and text); 1.5 times at 144.
    // Within 0.15: the larger panels no longer fit the window's height, and their scrollbar (another
    // grey) takes the right edge's last pixels.
    EXPECT_NEAR(double(at192) / at96, 2.0, 0.15) << at96 << " px at 96 dpi, " << at192 << " px at 192 dpi";
    EXPECT_NEAR(double(at144) / at96, 1.5, 0.15) << at96 << " px at 96 dpi, " << at144 << " px at 144 dpi";
    // --ui-scale overrides the display's resolution.
    EXPECT_NEAR(shot_at(192, {"--ui-scale", "1"}), at96, 2);
    EXPECT_NEAR(shot_at(96, {"--ui-scale", "2"}), at192, 2);
}

TEST(Window, AProgramWithoutItsDataSaysSoInTheMiddleOfTheWindow) {
    ATLAS_REQUIRE_DISPLAY();
    // The program copied away from its data (and from its source tree): it opens, and says why
    // there is no map where the map would be.
    const std::string dir = test::fresh_dir("window-no-data");
    std::filesystem::create_directories(dir + "/bin");
    std::filesystem::copy_file(test::program(), dir + "/bin/ca-atlas");
    const std::string shot = dir + "/window.png";
    const auto w = test::run_tool(dir + "/bin/ca-atlas", {"--window-screenshot", shot, "--size", "1000x700"},
                                  {"XDG_DATA_DIRS=" + dir + "/nowhere", "XDG_DATA_HOME=" + dir + "/home"});
    EXPECT_EQ(w.exit_code, 1);
    EXPECT_EQ(w.err.rfind("ca-atlas: no data folder found: none of " + dir + "/share/ca-atlas", 0), 0u) << w.err;
    const test::Image win = test::read_png(shot);
    ASSERT_EQ(win.width, 1000);
    int red = 0;  // the message's red text, right of the panel and above the timeline
    for (int y = 200; y < 500; ++y)
        for (int x = 350; x < 1000; ++x) {
            const std::uint8_t* px = win.at(x, y);
            if (px[0] > 150 && px[1] < 80 && px[2] < 80) ++red;
        }
    EXPECT_GT(red, 100) << "no message where the map would be";
}

TEST(Window, TheUsersSavedTourIsPresentedInsteadOfTheShippedOne) {
    ATLAS_REQUIRE_DISPLAY();
    // The teacher saved the tour with a circle round Kant in their own data folder (XDG_DATA_HOME);
    // the shipped tour has none. The window, given no --data, presents the teacher's.
    const std::string home = test::fresh_dir("window-user-tour");
    std::filesystem::create_directories(home + "/ca-atlas");
    const std::string tour = home + "/ca-atlas/" + kTourFile;
    std::filesystem::copy_file(test::data_dir() + "/" + kTourFile, tour);
    const int line = test::find_line(tour, "kant,");
    test::replace_line(tour, line, test::line_of(tour, line) + "circle 74.8464 42.8531 30km #00ff00");
    auto green_in = [](const std::string& shot) {
        const test::Image img = test::read_png(shot);
        int green = 0;
        for (int y = 0; y < img.height; ++y)
            for (int x = 0; x < img.width; ++x)
                if (img.at(x, y)[0] == 0 && img.at(x, y)[1] == 255 && img.at(x, y)[2] == 0) ++green;
        return green;
    };
    const std::string mine = home + "/mine.png", shipped = home + "/shipped.png";
    const auto w = test::run({"--present", "6", "--window-screenshot", mine, "--size", "960x540"},
                             {"XDG_DATA_HOME=" + home});
    ASSERT_EQ(w.exit_code, 0) << w.err;
    EXPECT_GT(green_in(mine), 200) << "the teacher's drawing is not shown";
    // --data gives the folder's own tour, as before.
    const auto d = test::run({"--data", test::data_dir(), "--present", "6", "--window-screenshot", shipped, "--size",
                              "960x540"},
                             {"XDG_DATA_HOME=" + home});
    ASSERT_EQ(d.exit_code, 0) << d.err;
    EXPECT_EQ(green_in(shipped), 0);
}

}  // namespace
}  // namespace atlas
