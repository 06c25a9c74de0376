// A user's vector file through GDAL's OGR drivers into a UserLayer in WGS 84 lon/lat.
#include "geo/user_layer_load.hpp"

#include <gdal_priv.h>
#include <ogr_spatialref.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <filesystem>
#include <mutex>

#include "core/errors.hpp"
#include "geo/load.hpp"

namespace atlas {

namespace {

// The drivers of the files a teacher brings, registered once beside the atlas's own (init_gdal).
void register_user_drivers() {
    static std::once_flag once;
    std::call_once(once, [] {
        init_gdal();
        RegisterOGRGeoJSON();
        RegisterOGRShape();
        RegisterOGRLIBKML();
        RegisterOGRKML();
        RegisterOGRGPX();
    });
}

std::string lower_case(std::string s) {
    for (char& c : s) c = char(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

// A value as the tooltip shows it: on one line, at most 160 bytes (cut at a character's start).
std::string one_line(std::string v) {
    std::replace_if(v.begin(), v.end(), [](char c) { return c == '\n' || c == '\r' || c == '\t'; }, ' ');
    constexpr size_t kMax = 160;  // about two lines of the tooltip
    if (v.size() > kMax) {
        size_t cut = kMax;
        while (cut > 0 && (static_cast<unsigned char>(v[cut]) & 0xC0) == 0x80) --cut;
        v = v.substr(0, cut) + "...";
    }
    return v;
}

std::string features_text(size_t n) { return std::to_string(n) + (n == 1 ? " feature" : " features"); }

struct Reader {
    std::string path;
    UserLayer& out;
    bool lonlat_only = false;  // no CRS: coordinates must look like lon/lat

    [[noreturn]] void fail(const std::string& what) const { throw DataError("layer '" + path + "': " + what); }

    void count(size_t vertices) {
        out.vertices += vertices;
        if (out.vertices > kUserLayerMaxVertices)
            fail("more than " + std::to_string(kUserLayerMaxVertices) +
                 " vertices; the map draws at most that many of a layer (simplify it first, e.g. with "
                 "ogr2ogr -simplify)");
    }
    Vec2 vertex(double x, double y) const {
        if (lonlat_only && (std::abs(x) > 360 || std::abs(y) > 90))
            fail("coordinates such as " + std::to_string(x) + ", " + std::to_string(y) +
                 " are not longitude and latitude, and the file names no coordinate system to convert them from");
        return {x, y};
    }
    std::vector<Vec2> ring(const OGRSimpleCurve& c) {
        std::vector<Vec2> pts;
        pts.reserve(size_t(c.getNumPoints()));
        for (int i = 0; i < c.getNumPoints(); ++i) pts.push_back(vertex(c.getX(i), c.getY(i)));
        count(pts.size());
        return pts;
    }

    // One geometry into features of its kinds (a collection may hold several), with `attributes`.
    void add(const OGRGeometry* g, const std::vector<std::pair<std::string, std::string>>& attributes) {
        if (!g || g->IsEmpty()) return;
        std::unique_ptr<OGRGeometry> linear;
        if (g->hasCurveGeometry()) {
            linear.reset(g->getLinearGeometry());
            g = linear.get();
            if (!g) return;
        }
        UserFeature f;
        f.attributes = attributes;
        switch (wkbFlatten(g->getGeometryType())) {
            case wkbPoint: {
                const auto* p = g->toPoint();
                f.kind = UserFeature::Kind::Point;
                f.parts.push_back({vertex(p->getX(), p->getY())});
                count(1);
                break;
            }
            case wkbLineString:
                f.kind = UserFeature::Kind::Line;
                f.parts.push_back(ring(*g->toLineString()));
                break;
            case wkbPolygon:
                f.kind = UserFeature::Kind::Polygon;
                for (const auto* r : *g->toPolygon()) f.parts.push_back(ring(*r));
                break;
            case wkbMultiPoint:
            case wkbMultiLineString:
            case wkbMultiPolygon:
            case wkbGeometryCollection: {
                // The parts of one kind stay one feature (a multipolygon is one district); a
                // collection of several kinds becomes one feature per kind.
                UserFeature kinds[3];
                for (const auto* part : *g->toGeometryCollection()) {
                    const auto t = wkbFlatten(part->getGeometryType());
                    if (t == wkbPoint) {
                        kinds[0].parts.push_back({vertex(part->toPoint()->getX(), part->toPoint()->getY())});
                        count(1);
                    } else if (t == wkbLineString) {
                        kinds[1].parts.push_back(ring(*part->toLineString()));
                    } else if (t == wkbPolygon) {
                        kinds[2].polygon_starts.push_back(kinds[2].parts.size());
                        for (const auto* r : *part->toPolygon()) kinds[2].parts.push_back(ring(*r));
                    } else {
                        add(part, attributes);  // a nested collection
                    }
                }
                const UserFeature::Kind kind_of[3] = {UserFeature::Kind::Point, UserFeature::Kind::Line,
                                                      UserFeature::Kind::Polygon};
                for (int k = 0; k < 3; ++k)
                    if (!kinds[k].parts.empty()) {
                        kinds[k].kind = kind_of[k];
                        kinds[k].attributes = attributes;
                        push(std::move(kinds[k]));
                    }
                return;
            }
            default:
                return;
        }
        push(std::move(f));
    }
    void push(UserFeature f) {
        if (out.features.size() >= kUserLayerMaxFeatures)
            fail("more than " + std::to_string(kUserLayerMaxFeatures) +
                 " features; the map draws at most that many of a layer (keep the part you need, e.g. with "
                 "ogr2ogr -spat or -where)");
        out.features.push_back(std::move(f));
    }
};

// The file and label field `text` names: itself, if a file is named so, else its UserLayerRef.
UserLayerRef layer_ref(const std::string& text) {
    std::error_code ec;
    if (std::filesystem::exists(text, ec)) return {text, std::nullopt};
    return parse_user_layer_ref(text);
}
}  // namespace

std::string load_user_layer_id(const std::string& text) {
    const std::string path = layer_ref(text).path;
    std::error_code ec;
    const std::filesystem::path abs = std::filesystem::absolute(path, ec);
    return ec ? path : abs.lexically_normal().string();
}

std::shared_ptr<UserLayer> load_user_layer(const std::string& text) {
    const UserLayerRef ref = layer_ref(text);
    const std::string& path = ref.path;
    register_user_drivers();
    auto layer = std::make_shared<UserLayer>();
    std::error_code ec;
    layer->id = load_user_layer_id(path);
    layer->name = std::filesystem::path(path).filename().string();
    Reader reader{path, *layer};
    if (!std::filesystem::exists(path, ec)) reader.fail("no such file");
    if (std::filesystem::is_directory(path, ec)) reader.fail("a folder, not a file");

    const std::string ext = lower_case(std::filesystem::path(path).extension().string());
    // A CSV's coordinates are in columns such as lon/lat or x/y, or a WKT column: named here.
    const char* csv_options[] = {"X_POSSIBLE_NAMES=lon,long,longitude,x,lng", "Y_POSSIBLE_NAMES=lat,latitude,y",
                                 "GEOM_POSSIBLE_NAMES=wkt,geometry,geom", "KEEP_GEOM_COLUMNS=NO",
                                 "AUTODETECT_TYPE=YES", nullptr};
    const char* drivers[] = {"GeoJSON", "ESRI Shapefile", "LIBKML", "KML", "GPKG", "GPX", "CSV", nullptr};
    CPLErrorReset();
    GDALDatasetUniquePtr ds(GDALDataset::FromHandle(GDALOpenEx(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY,
                                                               drivers, ext == ".csv" ? csv_options : nullptr,
                                                               nullptr)));
    if (!ds) {
        const std::string why = CPLGetLastErrorMsg();
        reader.fail("not a vector file GDAL reads (GeoJSON, Shapefile, KML or KMZ, GeoPackage, GPX, CSV)" +
                    (why.empty() ? std::string() : ": " + why));
    }
    const std::string driver = ds->GetDriver() ? ds->GetDriver()->GetDescription() : "";

    OGRSpatialReference wgs84;
    wgs84.importFromEPSG(4326);
    wgs84.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);  // longitude first, as the map reads it
    size_t without_geometry = 0, layers_without_crs = 0, layers_read = 0;
    for (OGRLayer* l : ds->GetLayers()) {
        const std::string lname = l->GetName();
        if (driver == "GPX" && (lname == "track_points" || lname == "route_points")) continue;
        ++layers_read;
        const OGRSpatialReference* srs = l->GetSpatialRef();
        std::unique_ptr<OGRCoordinateTransformation> to_wgs84;
        if (srs && !srs->IsEmpty()) {
            OGRSpatialReference from(*srs);
            from.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
            if (!from.IsSame(&wgs84)) {
                to_wgs84.reset(OGRCreateCoordinateTransformation(&from, &wgs84));
                if (!to_wgs84)
                    reader.fail("its coordinate system cannot be converted to WGS 84 (" +
                                std::string(CPLGetLastErrorMsg()) + ")");
            }
        } else {
            ++layers_without_crs;
        }
        reader.lonlat_only = !srs || srs->IsEmpty();
        const OGRFeatureDefn* defn = l->GetLayerDefn();
        for (int i = 0; i < defn->GetFieldCount(); ++i) {
            const std::string name = defn->GetFieldDefn(i)->GetNameRef();
            if (std::find(layer->fields.begin(), layer->fields.end(), name) == layer->fields.end())
                layer->fields.push_back(name);
        }
        l->ResetReading();
        for (auto& feature : *l) {
            std::vector<std::pair<std::string, std::string>> attributes;
            for (int i = 0; i < defn->GetFieldCount(); ++i)
                if (feature->IsFieldSetAndNotNull(i))
                    attributes.emplace_back(defn->GetFieldDefn(i)->GetNameRef(), one_line(feature->GetFieldAsString(i)));
            OGRGeometry* g = feature->GetGeometryRef();
            if (!g || g->IsEmpty()) {
                ++without_geometry;
                continue;
            }
            if (to_wgs84 && g->transform(to_wgs84.get()) != OGRERR_NONE) {
                ++without_geometry;  // beyond where the file's CRS can be converted
                continue;
            }
            reader.add(g, attributes);
        }
    }
    if (layer->features.empty())
        reader.fail(layers_read == 0 ? "no layers in it"
                    : without_geometry > 0
                        ? features_text(without_geometry) + ", none with coordinates (nothing to draw)"
                        : "no features in it");
    if (layers_without_crs > 0) layer->notes.push_back("no coordinate system given: read as WGS 84 longitude and latitude");
    if (without_geometry > 0)
        layer->notes.push_back(features_text(without_geometry) + " without coordinates left out");
    layer->label_field = default_label_field(layer->fields);
    if (ref.label) {
        if (!ref.label->empty() &&
            std::find(layer->fields.begin(), layer->fields.end(), *ref.label) == layer->fields.end()) {
            std::string fields;
            for (const auto& f : layer->fields) fields.append(fields.empty() ? "" : ", ").append(f);
            reader.fail("no field '" + *ref.label + "' to label it by (" +
                        (fields.empty() ? std::string("it has no fields") : "its fields: " + fields) + ")");
        }
        layer->label_field = *ref.label;
    }
    return layer;
}

}  // namespace atlas
