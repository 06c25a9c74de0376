// `ca-atlas --export FILE` (app/export_mode.cpp): a PNG of exactly the size asked for, a GeoTIFF
// that opens in place, SVG and PDF with no GL, a figure on paper at a resolution, the view recorded
// in the file, and every failure (missing or corrupt data, no GL, no font, an unwritable or
// irregular target) given as one line on stderr, a non-zero exit and no output file.
#include <gdal_frmts.h>
#include <gdal_priv.h>
#include <gdal_utils.h>
#include <gtest/gtest.h>
#include <ogr_spatialref.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "geo/load.hpp"
#include "geo/model.hpp"
#include "geo/projection.hpp"
#include "geo/raster.hpp"
#include "support/cli.hpp"
#include "support/data_copy.hpp"
#include "support/gl.hpp"
#include "support/image.hpp"
#include "support/paths.hpp"
#include "support/process.hpp"

namespace atlas {
namespace {

namespace fs = std::filesystem;
using test::Cli;

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

// The records of an exported image, by key.
std::map<std::string, std::string> records_in(const std::string& path) {
    std::map<std::string, std::string> out;
    for (auto& [key, value] : read_image_records(path)) out[key] = value;
    return out;
}

// Everything a figure was made with is recorded, so that its file alone (--view-from, without
// --size) makes it again byte for byte, as PNG and as GeoTIFF; options given as well win.
TEST_F(Cli, AFigureRecordsEverythingAndItsFileAloneRemakesIt) {
    const std::vector<std::string> figure{"--size",  "1200x800", "--title",   "T",       "--legend", "--scale-bar",
                                          "--layers", "countries,memberships", "--date", "2003-05-01",
                                          "--caption", "integration-22", "--dpi", "150", "--scale", "1.3",
                                          "--select", "KAZ", "--view", "66,41,3000"};
    for (const char* extension : {"png", "tif"}) {
        const std::string ext = extension, a = dir + "/a." + ext, b = dir + "/b." + ext;
        std::vector<std::string> args{"--export", a};
        args.insert(args.end(), figure.begin(), figure.end());
        if (ext == "tif") args.push_back("--transparent-sea");
        const auto e = test::run(args);
        if (e.exit_code != 0 && e.err.find("no OpenGL context") != std::string::npos && !test::in_ci())
            GTEST_SKIP() << e.err;
        ASSERT_EQ(e.exit_code, 0) << e.err;
        auto text = records_in(a);
        EXPECT_EQ(text["ca-atlas size"], "1200x800") << ext;
        EXPECT_EQ(text["ca-atlas title"], "T");
        EXPECT_EQ(text["ca-atlas layers"], "countries memberships");
        EXPECT_EQ(text["ca-atlas decorations"], "legend scale-bar");
        EXPECT_EQ(text["ca-atlas caption"], "integration-22");
        EXPECT_EQ(text["ca-atlas dpi"], "150");
        EXPECT_EQ(text["ca-atlas scale"], "1.3");
        EXPECT_EQ(text["ca-atlas selected"], "KAZ");
        EXPECT_EQ(text.count("ca-atlas transparent sea"), ext == "tif" ? 1u : 0u);
        const auto r = test::run({"--view-from", a, "--export", b});
        ASSERT_EQ(r.exit_code, 0) << r.err;
        EXPECT_TRUE(r.err.empty()) << r.err;
        EXPECT_TRUE(test::read_text(a) == test::read_text(b)) << a << " and " << b << " differ";
    }
    // Given again, an option wins over the record; a decoration's switch can only add.
    const auto c = test::run({"--view-from", dir + "/a.png", "--export", dir + "/c.png", "--size", "600x400", "--title",
                              "Other", "--layers", "all", "--hide", "graticule", "--citation"});
    ASSERT_EQ(c.exit_code, 0) << c.err;
    auto text = records_in(dir + "/c.png");
    EXPECT_EQ(text["ca-atlas size"], "600x400");
    EXPECT_EQ(text["ca-atlas title"], "Other");
    EXPECT_EQ(text["ca-atlas layers"], "countries provinces labels memberships northern_border regions places capitals");
    EXPECT_EQ(text["ca-atlas decorations"], "legend scale-bar citation");
    EXPECT_EQ(text["ca-atlas date"], "2003-05-01");
    EXPECT_EQ(test::read_png(dir + "/c.png").width, 600);
}

// --view-from reads what the file is, not what it is named: a TIFF or a PNG the atlas did not
// write, or a file that is no image, is refused with one line naming it, and nothing is written.
TEST_F(Cli, ViewFromAFileTheAtlasDidNotWriteIsRefused) {
    init_gdal();
    {
        GDALDriver* gtiff = GetGDALDriverManager()->GetDriverByName("GTiff");
        ASSERT_TRUE(gtiff);
        GDALDatasetUniquePtr ds(gtiff->Create((dir + "/plain.tif").c_str(), 4, 4, 3, GDT_Byte, nullptr));
        ASSERT_TRUE(ds);
    }
    test::write_text(dir + "/notes.png", "a list of places, not an image\n");
    auto r = test::run({"--export", dir + "/x.png", "--view-from", dir + "/plain.tif"});
    EXPECT_EQ(r.exit_code, 2);
    expect_one_line(r, "invalid --view-from '" + dir + "/plain.tif': no view recorded in it (not exported by the atlas)");
    r = test::run({"--export", dir + "/x.png", "--view-from", dir + "/notes.png"});
    EXPECT_EQ(r.exit_code, 2);
    expect_one_line(r, "invalid --view-from: " + dir + "/notes.png: not a PNG or TIFF image");
    EXPECT_FALSE(fs::exists(dir + "/x.png"));
}

// --hide takes layers away after --layers (or from all of them), with --layers' names and message.
TEST_F(Cli, HideTakesLayersAwayAfterLayers) {
    const auto hidden = test::run({"--export", dir + "/hidden.png", "--size", "400x300", "--hide", "graticule,labels"});
    if (hidden.exit_code != 0 && hidden.err.find("no OpenGL context") != std::string::npos && !test::in_ci())
        GTEST_SKIP() << hidden.err;
    ASSERT_EQ(hidden.exit_code, 0) << hidden.err;
    ASSERT_EQ(test::run({"--export", dir + "/listed.png", "--size", "400x300", "--layers",
                         "countries,provinces,memberships,northern_border,regions,places,capitals"})
                  .exit_code,
              0);
    ASSERT_EQ(test::run({"--export", dir + "/all.png", "--size", "400x300"}).exit_code, 0);
    EXPECT_TRUE(test::read_text(dir + "/hidden.png") == test::read_text(dir + "/listed.png"));
    EXPECT_FALSE(test::read_text(dir + "/hidden.png") == test::read_text(dir + "/all.png"));
    EXPECT_EQ(records_in(dir + "/hidden.png")["ca-atlas layers"],
              "countries provinces memberships northern_border regions places capitals");
    const auto both = test::run({"--export", dir + "/both.png", "--size", "400x300", "--layers", "countries,graticule",
                                 "--hide", "graticule"});
    ASSERT_EQ(both.exit_code, 0) << both.err;
    EXPECT_EQ(records_in(dir + "/both.png")["ca-atlas layers"], "countries");
    const auto bad = test::run({"--export", dir + "/x.png", "--hide", "graticule,seas"});
    EXPECT_EQ(bad.exit_code, 2);
    expect_one_line(bad, "invalid --hide: unknown layer 'seas' (one of countries provinces labels memberships "
                         "northern_border regions places capitals graticule, all)");
    const auto vector = test::run({"--export", dir + "/x.svg", "--transparent-sea"}, kNoGl);
    EXPECT_EQ(vector.exit_code, 2);
    expect_one_line(vector, "--transparent-sea is for a PNG or GeoTIFF export (--export FILE.png or FILE.tif)");
    EXPECT_FALSE(fs::exists(dir + "/x.png"));
    EXPECT_FALSE(fs::exists(dir + "/x.svg"));
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
        // Named, as a GIS lists it (not "unknown"), on EPSG's WGS 84.
        const OGRSpatialReference& crs = *ds->GetSpatialRef();
        EXPECT_STREQ(crs.GetName(), projection == std::string("albers")
                                        ? projection_info(projection).crs_name
                                        : "WGS 84 / Pseudo-Mercator");
        EXPECT_STREQ(crs.GetAuthorityCode("GEOGCS"), "4326") << projection;
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
    // the tolerance of the render test that does the same at 4x (tests/render/renderer_test.cpp).
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
