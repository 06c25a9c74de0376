// PNG writing: the file is complete or absent, and unwritable paths are reported; an alpha channel
// when asked; the records of a PNG or a TIFF read back, whatever the file's name.
#include "geo/raster.hpp"

#include <gdal_priv.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <utility>
#include <vector>

#include "geo/load.hpp"
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
    const std::string png = std::string(ATLAS_TEST_SOURCE_DIR).append("/fuzz/regressions/png_view/text-chunk-claims-2gb.png");
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

TEST(Raster, AnAlphaChannelWhenAsked) {
    const std::string dir = test::fresh_dir("raster-alpha");
    std::vector<std::uint8_t> px(4 * 2 * 4);
    for (size_t i = 0; i < px.size(); ++i) px[i] = std::uint8_t(i * 9);
    PngWriter png(dir + "/a.png", 4, 2, 6, {}, 0, true);
    png.write_rows(px.data(), 2);
    png.finish();
    const test::Image img = test::read_png(dir + "/a.png");
    EXPECT_EQ(img.rgba, px);  // the fourth byte kept, as it was given
}

using Records = std::vector<std::pair<std::string, std::string>>;

// A PNG's records come back in order, ASCII ones in tEXt and any other text, UTF-8, in iTXt
// (tEXt is Latin-1), byte for byte; a file named .tif that is a PNG is read as the PNG it is.
TEST(Raster, APngsRecordsReadBackWhateverItsName) {
    const std::string dir = test::fresh_dir("raster-png-records");
    const Records records{{"ca-atlas view", "65.00000,42.00000,4200.000"},
                          {"ca-atlas title", "Центральная Азия — 中亚"},
                          {"ca-atlas layers", "countries memberships"}};
    const std::vector<std::uint8_t> px(2 * 2 * 4, 90);
    PngWriter png(dir + "/named.tif", 2, 2, 6, records);
    png.write_rows(px.data(), 2);
    png.finish();
    EXPECT_EQ(read_image_records(dir + "/named.tif"), records);
    std::ifstream in(dir + "/named.tif", std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), {});
    EXPECT_EQ(bytes.find("iTXtca-atlas title"), bytes.find("ca-atlas title") - 4);
    EXPECT_EQ(bytes.find("tEXtca-atlas view"), bytes.find("ca-atlas view") - 4);
}

// A TIFF's records are its GDAL metadata items of the default domain; a value may hold '='. A TIFF
// with none has no records (the caller says what is missing).
TEST(Raster, ATiffsRecordsAreItsDefaultMetadata) {
    const std::string dir = test::fresh_dir("raster-tiff-records");
    init_gdal();
    GDALDriver* gtiff = GetGDALDriverManager()->GetDriverByName("GTiff");
    ASSERT_TRUE(gtiff);
    for (const char* name : {"with.tif", "without.tif"}) {
        GDALDatasetUniquePtr ds(gtiff->Create((dir + "/" + name).c_str(), 2, 2, 3, GDT_Byte, nullptr));
        ASSERT_TRUE(ds);
        if (std::string(name) == "with.tif") {
            ds->SetMetadataItem("ca-atlas view", "70.50000,39.20000,900.000");
            ds->SetMetadataItem("ca-atlas title", "a=b, Ашхабад");
            ds->SetMetadataItem("other", "domain", "ELSEWHERE");
        }
    }
    Records with;  // GDAL adds items of its own (AREA_OR_POINT)
    for (auto& record : read_image_records(dir + "/with.tif"))
        if (record.first.rfind("ca-atlas", 0) == 0) with.push_back(record);
    std::sort(with.begin(), with.end());
    EXPECT_EQ(with, (Records{{"ca-atlas title", "a=b, Ашхабад"}, {"ca-atlas view", "70.50000,39.20000,900.000"}}));
    for (const auto& [key, value] : read_image_records(dir + "/without.tif"))
        EXPECT_EQ(key.rfind("ca-atlas", 0), std::string::npos) << key;
}

// Neither a PNG nor a TIFF, or a TIFF GDAL cannot read: one message naming the file.
TEST(Raster, RecordsOfAFileThatIsNoImageAreRefusedNamingIt) {
    const std::string dir = test::fresh_dir("raster-no-image");
    const auto message = [](const std::string& path) {
        try {
            read_image_records(path);
        } catch (const DataError& e) {
            return std::string(e.what());
        }
        return std::string("no error");
    };
    std::ofstream(dir + "/notes.png") << "not an image at all\n";
    EXPECT_EQ(message(dir + "/notes.png"), dir + "/notes.png: not a PNG or TIFF image");
    std::ofstream(dir + "/empty.tif").close();
    EXPECT_EQ(message(dir + "/empty.tif"), dir + "/empty.tif: not a PNG or TIFF image");
    std::ofstream(dir + "/broken.tif", std::ios::binary) << std::string("II*\0\xff\xff\xff\x7f", 8) << "garbage";
    EXPECT_EQ(message(dir + "/broken.tif").rfind(dir + "/broken.tif: not a readable TIFF file", 0), 0u)
        << message(dir + "/broken.tif");
    EXPECT_EQ(message(dir), dir + ": not a file (a folder, a device or a pipe)");
    EXPECT_EQ(message(dir + "/none.png").rfind(dir + "/none.png: cannot open (", 0), 0u);
}

}  // namespace
}  // namespace atlas
