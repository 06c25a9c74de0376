// PNG writing: the file is complete or absent, and unwritable paths are reported.
#include "geo/raster.hpp"

#include <gtest/gtest.h>

#include <filesystem>

#include "support/image.hpp"
#include "support/process.hpp"

namespace atlas {
namespace {

namespace fs = std::filesystem;

TEST(Raster, WritesThePixelsItIsGiven) {
    const std::string dir = test::fresh_dir("raster-write");
    std::vector<std::uint8_t> px(5 * 3 * 4);
    for (size_t i = 0; i < px.size(); ++i) px[i] = std::uint8_t(i * 7);
    write_png(dir + "/x.png", px.data(), 5, 3);
    const test::Image img = test::read_png(dir + "/x.png");
    ASSERT_EQ(img.width, 5);
    ASSERT_EQ(img.height, 3);
    for (int y = 0; y < 3; ++y)
        for (int x = 0; x < 5; ++x)
            for (int c = 0; c < 3; ++c) EXPECT_EQ(img.at(x, y)[c], px[size_t((y * 5 + x) * 4 + c)]);
    EXPECT_EQ(std::distance(fs::directory_iterator(dir), fs::directory_iterator{}), 1);  // no temporary left
}

TEST(Raster, UnwritablePathsFailCleanly) {
    const std::string dir = test::fresh_dir("raster-bad");
    std::vector<std::uint8_t> px(4 * 4 * 4, 128);
    try {
        write_png(dir + "/missing/x.png", px.data(), 4, 4);
        FAIL() << "no error";
    } catch (const OutputError& e) {
        EXPECT_EQ(std::string(e.what()), "cannot write '" + dir + "/missing/x.png': No such file or directory");
    }
    EXPECT_THROW(write_png(dir, px.data(), 4, 4), OutputError);  // a folder
    EXPECT_THROW(check_writable(dir + "/missing/x.png"), OutputError);
    EXPECT_EQ(std::distance(fs::directory_iterator(dir), fs::directory_iterator{}), 0);
}

// Found by fuzz_png_view: a 528-byte PNG whose text chunk claims 1,953,854,053 bytes had libpng
// allocate and clear 2 GB before it noticed the file was short.
TEST(Raster, AChunkLongerThanTheFileIsRefusedBeforeAnythingIsAllocated) {
    const std::string png = std::string(ATLAS_TEST_SOURCE_DIR) + "/fuzz/regressions/png_view/text-chunk-claims-2gb.png";
    ASSERT_TRUE(fs::exists(png));
    try {
        read_png_text(png);
        FAIL() << "no error";
    } catch (const DataError& e) {
        EXPECT_EQ(std::string(e.what()), png + ": the chunk at byte 62 claims 1953854053 bytes, more than the file holds "
                                               "(it is damaged)");
    }
    const std::string dir = test::fresh_dir("raster-chunk");
    EXPECT_THROW(read_png_text(dir), DataError);  // a folder: refused, never opened as a file
}

}  // namespace
}  // namespace atlas
