// The geometry cache (app/geo/geometry_cache.cpp): what it gives back is what was loaded and
// projected, to the bit; it never serves the geometry of other data (a changed map file is drawn
// as changed at the next load), and a damaged, cut-short or unwritable cache only costs the time
// of loading without it.
#include <gtest/gtest.h>
#include <gdal_priv.h>
#include <stdlib.h>

#include <cstring>
#include <filesystem>
#include <fstream>

#include "geo/facts_load.hpp"
#include "geo/geometry_cache.hpp"
#include "geo/load.hpp"
#include "geo/model.hpp"
#include "geo/project.hpp"
#include "support/data_copy.hpp"
#include "support/paths.hpp"
#include "support/process.hpp"

namespace atlas {
namespace {

namespace fs = std::filesystem;

// Two vectors of plain values hold the same bits.
template <class T>
bool same_bits(const std::vector<T>& a, const std::vector<T>& b) {
    return a.size() == b.size() && (a.empty() || std::memcmp(a.data(), b.data(), a.size() * sizeof(T)) == 0);
}

bool same_shape(const MultiPolygon& a, const MultiPolygon& b) {
    if (a.size() != b.size()) return false;
    for (size_t p = 0; p < a.size(); ++p) {
        if (a[p].rings.size() != b[p].rings.size()) return false;
        for (size_t r = 0; r < a[p].rings.size(); ++r)
            if (!same_bits(a[p].rings[r], b[p].rings[r])) return false;
    }
    return true;
}

bool same_segments(const SegmentLayer& a, const SegmentLayer& b) {
    return same_bits(a.segments, b.segments) && same_bits(a.cells, b.cells);
}

void expect_same(const World& a, const World& b) {
    ASSERT_EQ(a.countries.size(), b.countries.size());
    for (size_t i = 0; i < a.countries.size(); ++i) {
        EXPECT_EQ(a.countries[i].iso_a3, b.countries[i].iso_a3);
        EXPECT_EQ(a.countries[i].name, b.countries[i].name);
        EXPECT_EQ(a.countries[i].note, b.countries[i].note);
        EXPECT_TRUE(same_shape(a.countries[i].shape, b.countries[i].shape)) << a.countries[i].iso_a3;
    }
    ASSERT_EQ(a.areas.size(), b.areas.size());
    for (size_t i = 0; i < a.areas.size(); ++i) {
        EXPECT_EQ(a.areas[i].id, b.areas[i].id);
        EXPECT_EQ(a.areas[i].holder, b.areas[i].holder);
        EXPECT_EQ(a.areas[i].edge_with, b.areas[i].edge_with);
        EXPECT_TRUE(same_shape(a.areas[i].shape, b.areas[i].shape)) << a.areas[i].id;
        ASSERT_EQ(a.areas[i].edge.size(), b.areas[i].edge.size());
        for (size_t k = 0; k < a.areas[i].edge.size(); ++k) EXPECT_TRUE(same_bits(a.areas[i].edge[k], b.areas[i].edge[k]));
    }
    ASSERT_EQ(a.provinces.size(), b.provinces.size());
    for (size_t i = 0; i < a.provinces.size(); ++i) {
        EXPECT_EQ(a.provinces[i].id, b.provinces[i].id);
        EXPECT_EQ(a.provinces[i].iso_a3, b.provinces[i].iso_a3);
        EXPECT_TRUE(same_shape(a.provinces[i].shape, b.provinces[i].shape)) << a.provinces[i].id;
    }
    ASSERT_EQ(a.boundaries.size(), b.boundaries.size());
    for (size_t i = 0; i < a.boundaries.size(); ++i) {
        EXPECT_EQ(a.boundaries[i].iso_left + a.boundaries[i].iso_right, b.boundaries[i].iso_left + b.boundaries[i].iso_right);
        ASSERT_EQ(a.boundaries[i].lines.size(), b.boundaries[i].lines.size());
        for (size_t k = 0; k < a.boundaries[i].lines.size(); ++k)
            EXPECT_TRUE(same_bits(a.boundaries[i].lines[k], b.boundaries[i].lines[k]));
    }
    ASSERT_EQ(a.coastlines.size(), b.coastlines.size());
    ASSERT_EQ(a.province_boundaries.size(), b.province_boundaries.size());
    for (size_t i = 0; i < a.coastlines.size(); ++i) {
        EXPECT_EQ(a.coastlines[i].iso_a3, b.coastlines[i].iso_a3);
        ASSERT_EQ(a.coastlines[i].lines.size(), b.coastlines[i].lines.size());
        for (size_t k = 0; k < a.coastlines[i].lines.size(); ++k)
            EXPECT_TRUE(same_bits(a.coastlines[i].lines[k], b.coastlines[i].lines[k]));
    }
}

void expect_same(const ProjectedWorld& a, const ProjectedWorld& b) {
    EXPECT_EQ(a.projection, b.projection);
    ASSERT_EQ(a.countries.size(), b.countries.size());
    for (size_t i = 0; i < a.countries.size(); ++i) {
        EXPECT_TRUE(same_shape(a.countries[i], b.countries[i])) << i;
        EXPECT_TRUE(same_shape(a.label_shapes[i], b.label_shapes[i])) << i;
    }
    EXPECT_TRUE(same_bits(a.country_bounds, b.country_bounds));
    EXPECT_FALSE(a.label_poles.empty());
    EXPECT_TRUE(same_bits(a.label_poles, b.label_poles));
    EXPECT_TRUE(same_bits(a.ring_vertex_offset, b.ring_vertex_offset));
    EXPECT_EQ(std::memcmp(&a.bounds, &b.bounds, sizeof a.bounds), 0);
    ASSERT_EQ(a.levels.size(), b.levels.size());
    for (size_t k = 0; k < a.levels.size(); ++k) {
        const DetailLevel &x = a.levels[k], &y = b.levels[k];
        EXPECT_EQ(x.min_metres_per_px, y.min_metres_per_px);
        EXPECT_EQ(x.tolerance_m, y.tolerance_m);
        EXPECT_TRUE(same_bits(x.fills.xy, y.fills.xy)) << k;
        EXPECT_TRUE(same_bits(x.fills.feature, y.fills.feature)) << k;
        EXPECT_TRUE(same_bits(x.fills.indices, y.fills.indices)) << k;
        EXPECT_TRUE(same_bits(x.fills.country_ranges, y.fills.country_ranges)) << k;
        EXPECT_TRUE(same_segments(x.border_lines, y.border_lines)) << k;
        EXPECT_TRUE(same_segments(x.coast_lines, y.coast_lines)) << k;
        EXPECT_TRUE(same_segments(x.province_lines, y.province_lines)) << k;
        EXPECT_TRUE(same_segments(x.other_province_lines, y.other_province_lines)) << k;
        ASSERT_EQ(x.area_edges.size(), y.area_edges.size());
        for (size_t e = 0; e < x.area_edges.size(); ++e) EXPECT_TRUE(same_segments(x.area_edges[e], y.area_edges[e]));
        EXPECT_EQ(x.ring_kept, y.ring_kept) << k;
    }
}

// Points the cache at a folder of the test's own for the test's length.
class GeometryCache : public ::testing::Test {
protected:
    fs::path folder;
    std::string saved;
    bool had = false;
    void SetUp() override {
        folder = test::fresh_dir(std::string("cache-") + ::testing::UnitTest::GetInstance()->current_test_info()->name());
        if (const char* v = std::getenv("XDG_CACHE_HOME")) {
            had = true;
            saved = v;
        }
        ::setenv("XDG_CACHE_HOME", folder.c_str(), 1);
    }
    void TearDown() override {
        if (had)
            ::setenv("XDG_CACHE_HOME", saved.c_str(), 1);
        else
            ::unsetenv("XDG_CACHE_HOME");
    }
    std::vector<fs::path> files() const {
        std::vector<fs::path> out;
        std::error_code ec;
        for (const auto& e : fs::recursive_directory_iterator(folder, ec))
            if (e.is_regular_file()) out.push_back(e.path());
        return out;
    }
};

TEST_F(GeometryCache, GivesBackTheLoadedAndProjectedMapToTheBit) {
    const DataSet data = load_data_set(test::data_dir());
    ASSERT_TRUE(data.world);
    const ProjectedWorld projected = project_world(*data.world, "albers");
    const std::string key = geometry_key(test::data_dir());
    ASSERT_FALSE(key.empty());
    const fs::path file = geometry_cache_file(geometry_cache_folder(), key, "albers", std::nullopt);
    EXPECT_EQ(file.parent_path(), folder / "ca-atlas");
    ASSERT_TRUE(write_geometry_cache(file, key, *data.world, projected));
    const auto back = read_geometry_cache(file, key);
    ASSERT_TRUE(back);
    expect_same(*data.world, back->world);
    expect_same(projected, back->projected);
    // Another key (other data, another program) is not served from it.
    EXPECT_FALSE(read_geometry_cache(file, key + "x"));
    EXPECT_FALSE(read_geometry_cache(folder / "no-such-file", key));
}

TEST_F(GeometryCache, ADamagedOrCutShortFileIsNotServed) {
    const DataSet data = load_data_set(test::data_dir());
    ASSERT_TRUE(data.world);
    const ProjectedWorld projected = project_world(*data.world, "mercator", 4000.0);
    const std::string key = geometry_key(test::data_dir());
    const fs::path file = geometry_cache_file(geometry_cache_folder(), key, "mercator", 4000.0);
    ASSERT_TRUE(write_geometry_cache(file, key, *data.world, projected));
    ASSERT_TRUE(read_geometry_cache(file, key));
    const std::string whole = test::read_text(file.string());
    // Cut short anywhere (the start, the key, inside the map, the checksum).
    for (size_t cut : {size_t(0), size_t(10), size_t(40), whole.size() / 3, whole.size() / 2, whole.size() - 5,
                       whole.size() - 1}) {
        test::write_text(file.string(), whole.substr(0, cut));
        EXPECT_FALSE(read_geometry_cache(file, key)) << "cut at " << cut << " of " << whole.size();
    }
    // One byte changed anywhere.
    for (size_t at : {size_t(3), size_t(60), whole.size() / 4, whole.size() / 2, whole.size() - 2}) {
        std::string damaged = whole;
        damaged[at] = char(damaged[at] ^ 0x10);
        test::write_text(file.string(), damaged);
        EXPECT_FALSE(read_geometry_cache(file, key)) << "byte " << at << " of " << whole.size();
    }
    test::write_text(file.string(), whole);
    EXPECT_TRUE(read_geometry_cache(file, key));
}

// The model a cached start gives is the model a start without the cache gives; a start writes the
// cache once, and the next one reads it.
TEST_F(GeometryCache, ALoadFromTheCacheIsTheLoadWithoutIt) {
    const auto fresh = MapModel::load(test::data_dir(), "albers");
    const auto written = files();
    ASSERT_EQ(written.size(), 1u);
    const auto when = fs::last_write_time(written.front());
    const auto cached = MapModel::load(test::data_dir(), "albers");
    EXPECT_EQ(files(), written);
    EXPECT_EQ(fs::last_write_time(written.front()), when);  // read, not written again
    expect_same(*fresh->world, *cached->world);
    expect_same(fresh->projected, cached->projected);
    EXPECT_EQ(fresh->colours, cached->colours);
    EXPECT_EQ(fresh->problems.size(), cached->problems.size());
    // An export's one level of detail is an entry of its own.
    const auto one = MapModel::load(test::data_dir(), "albers", 4000.0);
    EXPECT_EQ(files().size(), 2u);
    EXPECT_EQ(one->projected.levels.size(), 1u);
}

// Change the map file: the next load shows the change (and replaces the old entry), never the
// cached geometry of the file it had before.
TEST_F(GeometryCache, AChangedMapFileIsLoadedAnew) {
    const std::string dir = test::copy_data("cache-changed-map");
    const std::string gpkg = dir + "/atlas.gpkg";
    fs::remove(gpkg);
    fs::copy_file(test::data_dir() + "/atlas.gpkg", gpkg);
    const auto before = MapModel::load(dir, "albers");
    const int kaz = before->world->country_index("KAZ");
    ASSERT_GE(kaz, 0);
    ASSERT_EQ(files().size(), 1u);
    init_gdal();
    {
        GDALDatasetUniquePtr ds(GDALDataset::Open(gpkg.c_str(), GDAL_OF_VECTOR | GDAL_OF_UPDATE));
        ASSERT_TRUE(ds);
        ds->ExecuteSQL("UPDATE countries SET name = 'Qazaqstan' WHERE iso_a3 = 'KAZ'", nullptr, nullptr);
    }
    const auto after = MapModel::load(dir, "albers");
    EXPECT_EQ(after->world->countries[size_t(after->world->country_index("KAZ"))].name, "Qazaqstan");
    EXPECT_EQ(files().size(), 1u) << "the old data's entry is removed";
    // A change to the control table too (it cuts the map into control areas).
    const std::string text = test::read_text(dir + "/control.csv");
    test::write_text(dir + "/control.csv", text + "\n");
    EXPECT_NE(geometry_key(dir), geometry_key(test::data_dir()));
}

// A writer killed mid-write leaves its temporary file: the next write removes it (its process is
// gone), and a running writer's is left alone.
TEST_F(GeometryCache, AKilledWritersLeftoverIsRemovedByTheNextWrite) {
    const DataSet data = load_data_set(test::data_dir());
    ASSERT_TRUE(data.world);
    const ProjectedWorld projected = project_world(*data.world, "albers", 64000.0);
    const std::string key = geometry_key(test::data_dir());
    const fs::path file = geometry_cache_file(geometry_cache_folder(), key, "albers", 64000.0);
    fs::create_directories(file.parent_path());
    const fs::path dead = file.string() + ".tmp-999999999", alive = file.string() + ".tmp-1";
    test::write_text(dead.string(), "half a file");
    test::write_text(alive.string(), "init's, still running");
    ASSERT_TRUE(write_geometry_cache(file, key, *data.world, projected));
    EXPECT_FALSE(fs::exists(dead));
    EXPECT_TRUE(fs::exists(alive));
    EXPECT_TRUE(read_geometry_cache(file, key));
}

TEST_F(GeometryCache, NoCacheFolderOrAnUnwritableOneStillLoads) {
    ::setenv("XDG_CACHE_HOME", "/proc/no-cache-here", 1);
    const auto m = MapModel::load(test::data_dir(), "albers", 4000.0);
    EXPECT_FALSE(m->world->countries.empty());
    EXPECT_FALSE(fs::exists("/proc/no-cache-here"));
    // A relative or empty XDG_CACHE_HOME is not a folder to write into (the XDG rule): HOME's.
    ::setenv("XDG_CACHE_HOME", "relative", 1);
    const char* home = std::getenv("HOME");
    EXPECT_EQ(geometry_cache_folder(), home ? fs::path(home) / ".cache" / "ca-atlas" : fs::path());
}

// An interrupted write's journal beside the map: the load says so each time, the cache or not.
TEST_F(GeometryCache, AJournalBesideTheMapIsReportedEveryTime) {
    const std::string dir = test::copy_data("cache-journal");
    (void)MapModel::load(dir, "albers", 4000.0);
    test::write_text(dir + "/atlas.gpkg-journal", "");
    EXPECT_TRUE(geometry_key(dir).empty());
    EXPECT_THROW(MapModel::load(dir, "albers", 4000.0), DataError);
}

}  // namespace
}  // namespace atlas
