// GDAL reader for geodata/atlas.gpkg: layers countries, provinces, boundaries, coastlines,
// province_boundaries (documented in geodata/README.md).
#include "load.hpp"

#include <gdal.h>
#include <gdal_frmts.h>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <mutex>
#include <set>

#include "core/labels.hpp"

namespace atlas {

void init_gdal() {
    static std::once_flag once;
    std::call_once(once, [] {
        // Only the drivers the atlas reads and writes: registering all of GDAL's costs start-up time.
        RegisterOGRGeoPackage();
        RegisterOGRCSV();
        GDALRegister_MEM();
        GDALRegister_PNG();
        GDALRegister_GTiff();
        // GDAL's messages would otherwise go to stderr as a second, less clear line: the
        // loader reads them with CPLGetLastErrorMsg and reports one DataError instead.
        CPLSetErrorHandler(CPLQuietErrorHandler);
    });
}

namespace {

struct LayerReader {
    std::string file;
    OGRLayer* layer;
    std::string name;

    std::string where(const OGRFeature& f) const {
        return file + ": layer '" + name + "' feature " + std::to_string(f.GetFID());
    }
    int field(const char* fname) const {
        const int i = layer->GetLayerDefn()->GetFieldIndex(fname);
        if (i < 0) throw DataError(file + ": layer '" + name + "' has no field '" + fname + "'");
        return i;
    }
};

// Throws if GDAL reported an error while reading `what` (a corrupt page, a truncated file).
void check_gdal(const std::string& file, const std::string& what) {
    if (CPLGetLastErrorType() >= CE_Failure)
        throw DataError(file + ": " + what + " could not be read (" + CPLGetLastErrorMsg() + ")");
}

LayerReader open_layer(GDALDataset& ds, const std::string& file, const char* name) {
    CPLErrorReset();
    OGRLayer* l = ds.GetLayerByName(name);
    check_gdal(file, std::string("layer '") + name + "'");
    if (!l) throw DataError(file + ": layer '" + name + "' is missing");
    return {file, l, name};
}

struct BadPoint {
    double x, y;
};

std::string point_text(double x, double y) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "(%g, %g)", x, y);
    return buf;
}

// A coordinate the map can hold: finite, and a longitude and latitude.
bool lonlat_ok(double x, double y) { return std::isfinite(x) && std::isfinite(y) && std::abs(x) <= 180 && std::abs(y) <= 90; }

Ring to_ring(const OGRLinearRing& r) {
    Ring out;
    const int n = r.getNumPoints();
    out.reserve(size_t(n));
    for (int i = 0; i < n; ++i) {
        if (!lonlat_ok(r.getX(i), r.getY(i))) throw BadPoint{r.getX(i), r.getY(i)};
        out.push_back({r.getX(i), r.getY(i)});
    }
    if (out.size() > 1 && out.front() == out.back()) out.pop_back();
    return out;
}

Polygon to_polygon(const OGRPolygon& p) {
    Polygon out;
    if (const OGRLinearRing* ext = p.getExteriorRing()) out.rings.push_back(to_ring(*ext));
    for (int i = 0; i < p.getNumInteriorRings(); ++i) out.rings.push_back(to_ring(*p.getInteriorRing(i)));
    return out;
}

MultiPolygon to_multipolygon(const LayerReader& lr, const OGRFeature& f) {
    const OGRGeometry* g = f.GetGeometryRef();
    if (!g || g->IsEmpty()) throw DataError(lr.where(f) + ": geometry is empty");
    MultiPolygon out;
    try {
        switch (wkbFlatten(g->getGeometryType())) {
            case wkbPolygon: out.push_back(to_polygon(*g->toPolygon())); break;
            case wkbMultiPolygon:
                for (const OGRPolygon* p : *g->toMultiPolygon()) out.push_back(to_polygon(*p));
                break;
            default:
                throw DataError(lr.where(f) + ": geometry is " + OGRGeometryTypeToName(g->getGeometryType()) +
                                ", expected a polygon");
        }
    } catch (const BadPoint& p) {
        throw DataError(lr.where(f) + ": point " + point_text(p.x, p.y) + " is not a longitude and latitude");
    }
    for (const auto& p : out)
        if (p.rings.empty() || p.rings[0].size() < 3) throw DataError(lr.where(f) + ": polygon with fewer than 3 points");
    return out;
}

std::vector<Polyline> to_lines(const LayerReader& lr, const OGRFeature& f) {
    const OGRGeometry* g = f.GetGeometryRef();
    if (!g || g->IsEmpty()) throw DataError(lr.where(f) + ": geometry is empty");
    std::vector<Polyline> out;
    auto add = [&](const OGRLineString& ls) {
        Polyline pl;
        for (int i = 0; i < ls.getNumPoints(); ++i) {
            if (!lonlat_ok(ls.getX(i), ls.getY(i)))
                throw DataError(lr.where(f) + ": point " + point_text(ls.getX(i), ls.getY(i)) +
                                " is not a longitude and latitude");
            pl.push_back({ls.getX(i), ls.getY(i)});
        }
        if (pl.size() >= 2) out.push_back(std::move(pl));
    };
    switch (wkbFlatten(g->getGeometryType())) {
        case wkbLineString: add(*g->toLineString()); break;
        case wkbMultiLineString:
            for (const OGRLineString* ls : *g->toMultiLineString()) add(*ls);
            break;
        default:
            throw DataError(lr.where(f) + ": geometry is " + OGRGeometryTypeToName(g->getGeometryType()) +
                            ", expected lines");
    }
    return out;
}

std::string iso_field(const LayerReader& lr, const OGRFeature& f, int idx, const char* fname,
                      const std::set<std::string>* known) {
    std::string v = f.GetFieldAsString(idx);
    const bool ok = v.size() == 3 && std::all_of(v.begin(), v.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
    if (!ok) throw DataError(lr.where(f) + ": field '" + fname + "' is '" + v + "', not a three-letter country code");
    if (known && !known->count(v)) throw DataError(lr.where(f) + ": field '" + fname + "' names unknown country '" + v + "'");
    return v;
}

std::unique_ptr<OGRMultiPolygon> to_ogr(const MultiPolygon& mp) {
    auto out = std::make_unique<OGRMultiPolygon>();
    for (const Polygon& p : mp) {
        OGRPolygon poly;
        for (const Ring& r : p.rings) {
            OGRLinearRing ring;
            for (Vec2 v : r) ring.addPoint(v.x, v.y);
            ring.closeRings();
            poly.addRing(&ring);
        }
        out->addGeometry(&poly);
    }
    return out;
}

// The polygons of a GEOS result, without the slivers an overlay can leave along shared edges.
MultiPolygon from_ogr(const OGRGeometry& g) {
    MultiPolygon out;
    auto add = [&out](const OGRPolygon& p) {
        if (p.get_Area() > 1e-10) out.push_back(to_polygon(p));
    };
    switch (wkbFlatten(g.getGeometryType())) {
        case wkbPolygon: add(*g.toPolygon()); break;
        case wkbMultiPolygon:
            for (const OGRPolygon* p : *g.toMultiPolygon()) add(*p);
            break;
        case wkbGeometryCollection:
            for (const OGRGeometry* part : *g.toGeometryCollection())
                if (wkbFlatten(part->getGeometryType()) == wkbPolygon) add(*part->toPolygon());
            break;
        default: break;
    }
    return out;
}

}  // namespace

void cut_control_areas(World& world, const std::vector<ControlChange>& changes) {
    std::vector<std::string> ids;
    for (const auto& c : changes)
        if (std::find(ids.begin(), ids.end(), c.area) == ids.end()) ids.push_back(c.area);
    for (const auto& id : ids) {
        const auto p = std::find_if(world.provinces.begin(), world.provinces.end(),
                                    [&](const Province& pr) { return pr.id == id; });
        if (p == world.provinces.end()) continue;
        const int h = world.country_index(p->iso_a3);
        if (h < 0) continue;
        // Only the holder's polygons that hold a point inside one of the area's go through GEOS:
        // Russia has 211, and its mainland alone took 20 ms to cut.
        const Box box = bounds(p->shape);
        std::vector<Vec2> inside;
        for (const Polygon& ap : p->shape) {
            const Box b = bounds(MultiPolygon{ap});
            inside.push_back(pole_of_inaccessibility({ap}, std::max(b.width(), b.height()) / 100).point);
        }
        MultiPolygon near, left;
        for (auto& poly : world.countries[size_t(h)].shape) {
            Box outer;
            for (Vec2 v : poly.rings.front()) outer.add(v);
            const bool holds = std::any_of(inside.begin(), inside.end(), [&](Vec2 v) {
                return outer.contains(v) && contains(MultiPolygon{poly}, v);
            });
            (holds ? near : left).push_back(std::move(poly));
        }
        if (near.empty()) {  // the holder's geometry does not cover the province: leave both as they are
            world.countries[size_t(h)].shape = std::move(left);
            continue;
        }
        const auto area = to_ogr(p->shape);
        CPLErrorReset();
        const std::unique_ptr<OGRGeometry> rest(to_ogr(near)->Difference(area.get()));
        if (!rest)
            throw DataError(std::string(kWorldFile) + ": province '" + id + "' could not be cut out of '" +
                            p->iso_a3 + "' (" + CPLGetLastErrorMsg() + ")");
        for (auto& poly : from_ogr(*rest)) left.push_back(std::move(poly));
        if (left.empty()) {  // the province is its whole country: nothing changes hands on the map
            world.countries[size_t(h)].shape = std::move(near);
            continue;
        }
        world.countries[size_t(h)].shape = std::move(left);
        ControlArea a{p->id, p->name, p->iso_a3, p->shape, {}, {}};
        // The holder's boundary lines that run along the area's outline (every vertex on it).
        const std::unique_ptr<OGRGeometry> outline(area->Boundary());
        for (auto& b : world.boundaries) {
            if (b.iso_left != p->iso_a3 && b.iso_right != p->iso_a3) continue;
            const std::string& other = b.iso_left == p->iso_a3 ? b.iso_right : b.iso_left;
            if (!a.edge_with.empty() && a.edge_with != other) continue;
            for (size_t i = 0; i < b.lines.size();) {
                const bool along = outline && std::all_of(b.lines[i].begin(), b.lines[i].end(), [&](Vec2 v) {
                    if (!box.contains(v)) return false;
                    const OGRPoint pt(v.x, v.y);
                    return pt.Distance(outline.get()) < 1e-7;
                });
                if (!along) {
                    ++i;
                    continue;
                }
                a.edge.push_back(std::move(b.lines[i]));
                b.lines.erase(b.lines.begin() + std::ptrdiff_t(i));
                a.edge_with = other;
            }
        }
        std::erase_if(world.boundaries, [](const Boundary& b) { return b.lines.empty(); });
        world.areas.push_back(std::move(a));
    }
}

MultiPolygon merged(const std::vector<const MultiPolygon*>& shapes) {
    std::unique_ptr<OGRGeometry> all;
    for (const MultiPolygon* mp : shapes) {
        auto g = to_ogr(*mp);
        all.reset(all ? all->Union(g.get()) : g.release());
        if (!all) return {};
    }
    return all ? from_ogr(*all) : MultiPolygon{};
}

World load_world(const std::string& dir) {
    init_gdal();
    const std::string file = (std::filesystem::path(dir) / kWorldFile).string();
    CPLErrorReset();
    std::error_code ec;
    if (!std::filesystem::exists(file, ec)) throw DataError(file + ": file not found");
    // SQLite would fold a leftover journal of an interrupted write into what it reads (and delete
    // it): the map would not be the one shipped, and the folder would change. Neither happens.
    for (const char* leftover : {"-wal", "-journal"})
        if (std::filesystem::exists(file + leftover, ec))
            throw DataError(file + leftover + ": left by an interrupted write to " + kWorldFile +
                            "; the map it holds is uncertain (restore the data folder, or remove this file)");
    GDALDatasetUniquePtr ds(GDALDataset::Open(file.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
    if (!ds) {
        const std::string why = CPLGetLastErrorMsg();
        throw DataError(file + ": not a readable GeoPackage" + (why.empty() ? "" : " (" + why + ")"));
    }

    World w;
    std::set<std::string> codes;
    {
        auto lr = open_layer(*ds, file, "countries");
        const int iso = lr.field("iso_a3"), name = lr.field("name"), note = lr.field("note");
        for (auto& f : *lr.layer) {
            Country c;
            c.iso_a3 = iso_field(lr, *f, iso, "iso_a3", nullptr);
            if (!codes.insert(c.iso_a3).second) throw DataError(lr.where(*f) + ": duplicate country code '" + c.iso_a3 + "'");
            c.name = f->GetFieldAsString(name);
            if (c.name.empty()) throw DataError(lr.where(*f) + ": country '" + c.iso_a3 + "' has no name");
            c.note = f->GetFieldAsString(note);
            c.shape = to_multipolygon(lr, *f);
            w.countries.push_back(std::move(c));
        }
        check_gdal(file, "layer 'countries'");
        if (w.countries.empty()) throw DataError(file + ": layer 'countries' has no features");
    }
    {
        auto lr = open_layer(*ds, file, "provinces");
        const int id = lr.field("id"), name = lr.field("name"), iso = lr.field("iso_a3");
        for (auto& f : *lr.layer) {
            Province p;
            p.id = f->GetFieldAsString(id);
            p.name = f->GetFieldAsString(name);
            p.iso_a3 = iso_field(lr, *f, iso, "iso_a3", &codes);
            p.shape = to_multipolygon(lr, *f);
            w.provinces.push_back(std::move(p));
        }
        check_gdal(file, "layer 'provinces'");
    }
    {
        auto lr = open_layer(*ds, file, "boundaries");
        const int l = lr.field("iso_left"), r = lr.field("iso_right"), name = lr.field("name");
        for (auto& f : *lr.layer) {
            Boundary b;
            // A border with a country outside the region (Chad-Niger at the frame's edge) is kept
            // so it is not drawn as a coast; at least one side must be a country of the map.
            b.iso_left = iso_field(lr, *f, l, "iso_left", nullptr);
            b.iso_right = iso_field(lr, *f, r, "iso_right", nullptr);
            if (!codes.count(b.iso_left) && !codes.count(b.iso_right))
                throw DataError(lr.where(*f) + ": neither '" + b.iso_left + "' nor '" + b.iso_right + "' is a country of the map");
            b.name = f->GetFieldAsString(name);
            b.lines = to_lines(lr, *f);
            w.boundaries.push_back(std::move(b));
        }
        check_gdal(file, "layer 'boundaries'");
    }
    for (auto [layer, target] : {std::pair{"coastlines", &w.coastlines}, std::pair{"province_boundaries", &w.province_boundaries}}) {
        auto lr = open_layer(*ds, file, layer);
        const int iso = lr.field("iso_a3");
        for (auto& f : *lr.layer) target->push_back({iso_field(lr, *f, iso, "iso_a3", &codes), to_lines(lr, *f)});
        check_gdal(file, std::string("layer '") + layer + "'");
    }
    return w;
}

}  // namespace atlas
