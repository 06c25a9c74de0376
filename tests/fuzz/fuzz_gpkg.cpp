// Fuzz target: the map's GeoPackage loader (load_world, then the control areas cut with GEOS), fed
// small GeoPackages generated from the input: the five layers the atlas reads, each sometimes
// missing or short of a field, with a few countries, provinces and lines whose codes, names,
// geometry types and coordinates the input bends (NaN, infinities, out of range, too few points,
// empty, none). An input starting with SQLite's header is taken as a GeoPackage file itself.
#include <fuzzer/FuzzedDataProvider.h>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <limits>
#include <memory>
#include <string>
#include <vector>

#include "core/errors.hpp"
#include "fuzz_support.hpp"
#include "geo/load.hpp"

using namespace atlas;

namespace {

const char* const kCodes[] = {"KGZ", "KAZ", "UZB", "TJK", "AFG", "CHN", "RUS", "TKM"};

class Generator {
public:
    explicit Generator(FuzzedDataProvider& in) : in_(in) {}

    std::string code(int i) {
        switch (in_.ConsumeIntegralInRange<int>(0, 9)) {
            case 8: return in_.ConsumeRandomLengthString(6);
            case 9: return "";
            default: return kCodes[size_t(i) % std::size(kCodes)];
        }
    }
    std::string text(const std::string& usual) { return in_.ConsumeBool() ? in_.ConsumeRandomLengthString(24) : usual; }

    // A coordinate near `base`, or one the map cannot hold.
    double coordinate(double base) {
        switch (in_.ConsumeIntegralInRange<int>(0, 24)) {
            case 20: return std::numeric_limits<double>::quiet_NaN();
            case 21: return std::numeric_limits<double>::infinity();
            case 22: return -1e300;
            case 23: return base + 400;
            case 24: return in_.ConsumeFloatingPoint<double>();
            default: return base + in_.ConsumeFloatingPointInRange<double>(0, 0.5);
        }
    }

    // A closed square ring at (x, y) of side `side`, with the input's changes.
    OGRLinearRing ring(double x, double y, double side) {
        std::vector<std::pair<double, double>> pts = {{x, y}, {x + side, y}, {x + side, y + side}, {x, y + side}};
        const int extra = in_.ConsumeIntegralInRange<int>(0, 3);
        for (int i = 0; i < extra; ++i) pts.insert(pts.begin() + 1, {coordinate(x), coordinate(y)});
        for (auto& p : pts)
            if (in_.ConsumeIntegralInRange<int>(0, 9) == 9) p = {coordinate(p.first), coordinate(p.second)};
        if (in_.ConsumeIntegralInRange<int>(0, 15) == 15) pts.resize(2);
        OGRLinearRing r;
        for (auto [px, py] : pts) r.addPoint(px, py);
        if (in_.ConsumeIntegralInRange<int>(0, 15) != 15) r.closeRings();
        return r;
    }

    std::unique_ptr<OGRGeometry> area(double x, double y) {
        switch (in_.ConsumeIntegralInRange<int>(0, 9)) {
            case 6: {  // a multipolygon of two, the second with a hole
                auto mp = std::make_unique<OGRMultiPolygon>();
                for (int k = 0; k < 2; ++k) {
                    OGRPolygon p;
                    OGRLinearRing outer = ring(x + 3 * k, y, 2);
                    p.addRing(&outer);
                    if (k == 1) {
                        OGRLinearRing hole = ring(x + 3.5, y + 0.5, 0.5);
                        p.addRing(&hole);
                    }
                    mp->addGeometry(&p);
                }
                return mp;
            }
            case 7: return std::make_unique<OGRPolygon>();  // empty
            case 8: return nullptr;                         // none
            case 9: return line(x, y);                      // the wrong kind
            default: {
                auto p = std::make_unique<OGRPolygon>();
                OGRLinearRing outer = ring(x, y, 2);
                p->addRing(&outer);
                return p;
            }
        }
    }

    std::unique_ptr<OGRGeometry> line(double x, double y) {
        switch (in_.ConsumeIntegralInRange<int>(0, 9)) {
            case 7: return std::make_unique<OGRLineString>();
            case 8: return nullptr;
            case 9: return std::make_unique<OGRPoint>(coordinate(x), coordinate(y));
            default: {
                auto l = std::make_unique<OGRLineString>();
                const int n = 2 + in_.ConsumeIntegralInRange<int>(0, 4);
                for (int i = 0; i < n; ++i) l->addPoint(coordinate(x + i), coordinate(y));
                if (in_.ConsumeIntegralInRange<int>(0, 9) == 9) {
                    auto ml = std::make_unique<OGRMultiLineString>();
                    ml->addGeometry(l.get());
                    ml->addGeometry(l.get());
                    return ml;
                }
                return l;
            }
        }
    }

    // Writes one layer; `fields` are its text fields, `value(i, field)` a feature's, `shape(i)` its geometry.
    template <class Value, class Shape>
    void layer(GDALDataset& ds, const char* name, OGRwkbGeometryType type, std::vector<const char*> fields, int count,
               Value value, Shape shape) {
        const int variant = in_.ConsumeIntegralInRange<int>(0, 12);
        if (variant == 12) return;  // the layer is missing
        if (variant == 11 && !fields.empty())
            fields.erase(fields.begin() + in_.ConsumeIntegralInRange<size_t>(0, fields.size() - 1));
        char** options = CSLSetNameValue(nullptr, "SPATIAL_INDEX", "NO");
        OGRLayer* l = ds.CreateLayer(name, OGRSpatialReference::GetWGS84SRS(), type, options);
        CSLDestroy(options);
        if (!l) return;
        for (const char* f : fields) {
            OGRFieldDefn def(f, OFTString);
            l->CreateField(&def);
        }
        for (int i = 0; i < count; ++i) {
            OGRFeature feature(l->GetLayerDefn());
            for (const char* f : fields) feature.SetField(f, value(i, std::string(f)).c_str());
            if (auto g = shape(i)) feature.SetGeometryDirectly(g.release());
            (void)l->CreateFeature(&feature);  // a feature GDAL refuses just leaves the map smaller
        }
    }

private:
    FuzzedDataProvider& in_;
};

// Province ids: those control.csv cuts out first, so the cutting runs on the generated shapes.
void generate(const std::string& path, FuzzedDataProvider& in, const std::vector<std::string>& area_ids) {
    GDALDriver* driver = GetGDALDriverManager()->GetDriverByName("GPKG");
    if (!driver) fuzz::property_failed("GDAL has no GPKG driver");
    GDALDatasetUniquePtr ds(driver->Create(path.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
    if (!ds) fuzz::property_failed("cannot create " + path);
    ds->StartTransaction();
    Generator g(in);
    const int countries = 1 + in.ConsumeIntegralInRange<int>(0, 3);
    std::vector<std::string> codes;
    for (int i = 0; i < countries; ++i) codes.push_back(g.code(i));
    auto where = [](int i) { return std::pair{60.0 + 4 * i, 35.0 + 2 * i}; };
    g.layer(*ds, "countries", wkbMultiPolygon, {"iso_a3", "name", "note"}, countries,
            [&](int i, const std::string& f) {
                return f == "iso_a3" ? codes[size_t(i)] : f == "name" ? g.text("Country " + codes[size_t(i)]) : g.text("");
            },
            [&](int i) { return g.area(where(i).first, where(i).second); });
    const int provinces = in.ConsumeIntegralInRange<int>(0, 3);
    g.layer(*ds, "provinces", wkbMultiPolygon, {"id", "name", "iso_a3"}, provinces,
            [&](int i, const std::string& f) {
                return f == "iso_a3" ? (in.ConsumeBool() ? g.code(i) : codes[size_t(i) % codes.size()])
                                     : f == "name" ? g.text("Province")
                                     : size_t(i) < area_ids.size() ? area_ids[size_t(i)]
                                                                   : g.text("province-" + std::to_string(i));
            },
            [&](int i) { return g.area(where(i).first + 0.5, where(i).second + 0.5); });
    const int boundaries = in.ConsumeIntegralInRange<int>(0, 3);
    g.layer(*ds, "boundaries", wkbMultiLineString, {"iso_left", "iso_right", "name"}, boundaries,
            [&](int i, const std::string& f) {
                return f == "name" ? g.text("Border") : f == "iso_left" ? codes[size_t(i) % codes.size()] : g.code(i + 1);
            },
            [&](int i) { return g.line(where(i).first + 2, where(i).second); });
    for (const char* name : {"coastlines", "province_boundaries"}) {
        const int lines = in.ConsumeIntegralInRange<int>(0, 2);
        g.layer(*ds, name, wkbMultiLineString, {"iso_a3"}, lines,
                [&](int i, const std::string&) { return in.ConsumeBool() ? g.code(i) : codes[size_t(i) % codes.size()]; },
                [&](int i) { return g.line(where(i).first, where(i).second); });
    }
    ds->CommitTransaction();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const fuzz::Shipped& shipped = fuzz::shipped();
    const std::string& dir = fuzz::data_copy();
    const std::string path = dir + "/" + kWorldFile;
    init_gdal();
    std::error_code ec;
    std::filesystem::remove(path, ec);
    static const char kSqlite[] = "SQLite format 3";  // with its NUL: the file's first 16 bytes
    if (size >= sizeof kSqlite && std::memcmp(data, kSqlite, sizeof kSqlite) == 0) {
        fuzz::write_file(path, data, size);
    } else {
        static const std::vector<std::string> area_ids = [&] {
            std::vector<std::string> ids;
            for (const auto& c : shipped.facts.control)
                if (std::find(ids.begin(), ids.end(), c.area) == ids.end()) ids.push_back(c.area);
            return ids;
        }();
        FuzzedDataProvider in(data, size);
        generate(path, in, area_ids);
    }
    try {
        World world = load_world(dir);
        if (world.countries.empty()) fuzz::property_failed("a map without countries was accepted");
        for (const auto& c : world.countries)
            for (const auto& p : c.shape)
                for (const auto& r : p.rings)
                    for (Vec2 v : r)
                        if (!(std::abs(v.x) <= 180 && std::abs(v.y) <= 90)) fuzz::property_failed("a point off the globe was accepted");
        cut_control_areas(world, shipped.facts.control);
    } catch (const DataError& e) {
        if (std::string(e.what()).empty()) fuzz::property_failed("a map refused without a message");
        // ATLAS_FUZZ_VERBOSE=1: why each map was refused, to see how far the inputs reach.
        if (std::getenv("ATLAS_FUZZ_VERBOSE")) std::fprintf(stderr, "refused: %s\n", e.what());
    }
    return 0;
}
