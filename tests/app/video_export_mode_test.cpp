// `ca-atlas --export-video` (app/video_export_mode.cpp, export/video.cpp): the presentation of the
// tour as H.264 in MP4, read back by FFmpeg's own programs (ffprobe, ffmpeg), not by the atlas;
// and all or nothing: a size the encoder cannot take, a path that cannot be written, a disk that
// fills, a machine with no GL and a cancel each leave no file.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "support/cli.hpp"
#include "support/gl.hpp"
#include "support/image.hpp"
#include "support/paths.hpp"
#include "support/process.hpp"

namespace atlas {
namespace {

namespace fs = std::filesystem;
using test::Cli;

// FFmpeg's programs, or a skip (a failure in CI, which installs them).
#define ATLAS_REQUIRE_FFMPEG(probe, mpeg)                                                            \
    const std::string probe = test::find_on_path("ffprobe"), mpeg = test::find_on_path("ffmpeg");  \
    if (probe.empty() || mpeg.empty()) {                                                           \
        if (test::in_ci()) FAIL() << "ffprobe and ffmpeg are missing: install cmake/packages.txt"; \
        GTEST_SKIP() << "ffprobe and ffmpeg are not installed (ffmpeg)";                           \
    }

// "key=value" of ffprobe's default output.
std::string probed(const std::string& out, const std::string& key) {
    const auto at = out.find("\n" + key + "=");
    if (at == std::string::npos) return "";
    const auto from = at + key.size() + 2;
    return out.substr(from, out.find('\n', from) - from);
}

// The top-level boxes of an MP4 file, in order ("ftyp", "moov", "mdat", ...).
std::vector<std::string> top_boxes(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), {});
    std::vector<std::string> out;
    for (size_t at = 0; at + 8 <= bytes.size();) {
        const auto b = [&](size_t i) { return std::uint64_t(std::uint8_t(bytes[at + i])); };
        std::uint64_t size = b(0) << 24 | b(1) << 16 | b(2) << 8 | b(3);
        out.push_back(bytes.substr(at + 4, 4));
        if (size == 1 && at + 16 <= bytes.size()) {  // a 64-bit size follows the type
            size = 0;
            for (size_t i = 8; i < 16; ++i) size = size << 8 | b(i);
        }
        if (size < 8) break;
        at += size;
    }
    return out;
}

// The mean difference of two pictures of one size, 0 to 255.
double mean_difference(const test::Image& a, const test::Image& b) {
    double sum = 0;
    for (size_t i = 0; i < a.rgba.size(); i += 4)
        for (size_t c = 0; c < 3; ++c) sum += std::abs(int(a.rgba[i + c]) - int(b.rgba[i + c]));
    return sum / (a.rgba.size() / 4 * 3.0);
}

// Nothing in `folder` but what `keep` names: no video, no temporary file.
void expect_only(const std::string& folder, const std::vector<std::string>& keep = {}) {
    for (const auto& e : fs::directory_iterator(folder))
        EXPECT_NE(std::find(keep.begin(), keep.end(), e.path().filename().string()), keep.end())
            << "left behind: " << e.path();
}

// Ten scenes held half a second each and nine flights of half a second, at 10 frames a second:
// 10 x 5 + 9 x 5 = 95 frames, 9.5 seconds. ffprobe reads H.264 (High profile, 4:2:0, BT.709) in an
// MP4 whose index comes before its data (a browser plays it as it loads), every frame counted by
// decoding it; the frames ffmpeg extracts show the presentation: a scene's caption band dark along
// the bottom under the map, a held scene the same from one frame to the next, and a flight moving.
TEST_F(Cli, TheTourAsAVideoIsH264InMp4WithEveryFrameOfThePresentation) {
    ATLAS_REQUIRE_FFMPEG(ffprobe, ffmpeg);
    const std::string video = dir + "/tour.mp4";
    const auto r = test::run({"--export-video", video, "--size", "320x180", "--fps", "10", "--hold-seconds", "0.5",
                              "--flight-seconds", "0.5"},
                             {}, 180);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.err.find("ca-atlas: video: frame 95 of 95 (100%), scene 10 of 10\n"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("wrote " + video + ": 95 frames, 9.5 s at 10 fps, 320x180"), std::string::npos) << r.err;
    expect_only(dir, {"tour.mp4"});
    const auto probe = test::run_tool(ffprobe, {"-v", "error", "-count_frames", "-show_entries",
                                                "stream=codec_name,profile,width,height,pix_fmt,color_space,r_frame_"
                                                "rate,nb_read_frames:format=format_name,duration",
                                                video});
    ASSERT_EQ(probe.exit_code, 0) << probe.err;
    const std::string& p = probe.out;
    EXPECT_EQ(probed(p, "codec_name"), "h264") << p;
    EXPECT_EQ(probed(p, "profile"), "High") << p;
    EXPECT_EQ(probed(p, "width"), "320");
    EXPECT_EQ(probed(p, "height"), "180");
    EXPECT_EQ(probed(p, "pix_fmt"), "yuv420p");
    EXPECT_EQ(probed(p, "color_space"), "bt709");
    EXPECT_EQ(probed(p, "r_frame_rate"), "10/1");
    EXPECT_EQ(probed(p, "nb_read_frames"), "95");
    EXPECT_NEAR(std::atof(probed(p, "duration").c_str()), 9.5, 0.01) << p;
    EXPECT_NE(probed(p, "format_name").find("mp4"), std::string::npos) << p;
    const auto boxes = top_boxes(video);
    const auto moov = std::find(boxes.begin(), boxes.end(), "moov"), mdat = std::find(boxes.begin(), boxes.end(), "mdat");
    ASSERT_NE(moov, boxes.end());
    ASSERT_NE(mdat, boxes.end());
    EXPECT_LT(moov, mdat) << "the index after the data: a browser must load it all before playing";

    // Frames 2 and 3 (the first scene, held), 7 (mid-flight to the second), 12 (the second, held).
    const auto frame = [&](int n) {
        const std::string png = dir + "/frame" + std::to_string(n) + ".png";
        const auto x = test::run_tool(ffmpeg, {"-v", "error", "-i", video, "-vf", "select=eq(n\\," + std::to_string(n) + ")",
                                               "-vsync", "0", "-frames:v", "1", png});
        EXPECT_EQ(x.exit_code, 0) << x.err;
        return test::read_png(png);
    };
    const test::Image held = frame(2), again = frame(3), flying = frame(7), second = frame(12);
    ASSERT_EQ(held.width, 320);
    ASSERT_EQ(held.height, 180);
    for (const auto* img : {&again, &flying, &second}) ASSERT_EQ(img->rgba.size(), held.rgba.size());
    EXPECT_LT(mean_difference(held, again), 1.0) << "a held scene changes";
    EXPECT_GT(mean_difference(held, flying), 5.0) << "the flight does not move";
    EXPECT_GT(mean_difference(flying, second), 5.0) << "the flight does not move";
    // The caption: a near-black band along the bottom (the projector's), the map above it.
    const auto brightness = [&](int y0, int y1) {
        double sum = 0;
        for (int y = y0; y < y1; ++y)
            for (int x = 0; x < held.width; ++x) sum += held.at(x, y)[0] + held.at(x, y)[1] + held.at(x, y)[2];
        return sum / (3.0 * held.width * (y1 - y0));
    };
    EXPECT_LT(brightness(172, 180), 60) << "no caption band";
    EXPECT_GT(brightness(0, 40), 120) << "no map";
}

// A size H.264 in MP4 cannot take (odd sides; a picture too large for the encoder, in its words), a
// rate outside 1..120, a path that cannot be written, and a machine with no GL: one line, exit 2
// for what was asked and 1 for the machine, and no file, not even a temporary one.
TEST_F(Cli, AVideoThatCannotBeMadeIsSaidInOneLineAndLeavesNothing) {
    const std::string video = dir + "/tour.mp4";
    const std::vector<std::pair<std::vector<std::string>, std::string>> refused{
        {{"--size", "321x180"},
         "video size 321x180: H.264 in MP4 takes only an even width and height (e.g. 1920x1080)"},
        {{"--size", "20000x20000"}, "video size 20000x20000 at 30 fps: the H.264 encoder (libx264) refuses it"},
    };
    for (const auto& [args, message] : refused) {
        std::vector<std::string> all{"--export-video", video};
        all.insert(all.end(), args.begin(), args.end());
        const auto r = test::run(all);
        EXPECT_EQ(r.exit_code, 2) << args.back() << ": " << r.err;
        EXPECT_EQ(r.err.rfind("ca-atlas: " + message, 0), 0u) << r.err;
        EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
        expect_only(dir);
    }
    const auto rate = test::run({"--export-video", video, "--fps", "0"});
    EXPECT_EQ(rate.exit_code, 2) << rate.err;
    EXPECT_NE(rate.err.find("--fps"), std::string::npos) << rate.err;
    const auto nowhere = test::run({"--export-video", dir + "/no/such/folder/tour.mp4"});
    EXPECT_EQ(nowhere.exit_code, 1);
    EXPECT_EQ(nowhere.err, "ca-atlas: cannot write '" + dir + "/no/such/folder/tour.mp4': No such file or directory\n");
    const auto no_gl = test::run({"--export-video", video, "--size", "320x180"}, kNoGl);
    EXPECT_EQ(no_gl.exit_code, 1) << no_gl.err;
    EXPECT_EQ(std::count(no_gl.err.begin(), no_gl.err.end(), '\n'), 1) << no_gl.err;
    expect_only(dir);
}

// A disk that fills while the video is written (here the file size limit of `ulimit -f`, with
// SIGXFSZ ignored so that a write fails as on a full disk): one line naming the file and why,
// exit 1, and nothing left, not even the temporary file.
TEST_F(Cli, AVideoWhoseDiskFillsLeavesNoFile) {
    const std::string video = dir + "/tour.mp4";
    const auto r = test::run_tool("/bin/sh", {"-c", "trap '' XFSZ; ulimit -f 400; exec \"$0\" --export-video \"$1\" "
                                                    "--size 640x360 --fps 10 --hold-seconds 1",
                                              test::program(), video},
                                  {}, 180);
    EXPECT_EQ(r.exit_code, 1) << r.err;
    EXPECT_NE(r.err.find("ca-atlas: cannot write '" + video + "': File too large\n"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("ca-atlas: video: frame"), std::string::npos) << "it failed before writing: " << r.err;
    expect_only(dir);
}

// The window's Cancel (SIGTERM) and a terminal's Ctrl+C (SIGINT) stop the export between frames:
// one line, exit 1, no file.
TEST_F(Cli, ACancelledVideoLeavesNoFile) {
    for (const char* signal : {"TERM", "INT"}) {
        const std::string video = dir + "/tour.mp4", log = dir + "/../" + signal + "-progress.txt";
        // Started, killed once its progress shows frames being written, and waited for. The log is
        // emptied first: a line left by an earlier run would have the program killed before it starts.
        const std::string script = std::string(": > \"$2\"; \"$0\" --export-video \"$1\" --size 640x360 --hold-seconds 60 2> \"$2\" & "
                                               "pid=$!; until grep -q 'frame [1-9]' \"$2\" || ! kill -0 $pid; do sleep 0.05; done; "
                                               "kill -") +
                                   signal + " $pid; wait $pid; rc=$?; cat \"$2\" >&2; exit $rc";
        const auto r = test::run_tool("/bin/sh", {"-c", script, test::program(), video, log}, {}, 180);
        EXPECT_EQ(r.exit_code, 1) << signal << ": " << r.err;
        EXPECT_NE(r.err.find("ca-atlas: the video was cancelled; nothing was written\n"), std::string::npos) << r.err;
        expect_only(dir);
    }
}

}  // namespace
}  // namespace atlas
