// PROJ-backed projections. Each Projection owns its own PJ_CONTEXT and PJ (RAII).
#include "projection.hpp"

#include <proj.h>

#include <limits>

namespace atlas {

const std::vector<ProjectionInfo>& projections() {
    // Albers equal-area conic centred on Central Asia: equal area keeps the sizes of member
    // states comparable (a thematic map), and a conic fits the region's east-west spread;
    // standard parallels 32 N and 52 N bracket the Central Asian states (35-55 N).
    static const std::vector<ProjectionInfo> list{
        {"albers", "Albers equal-area conic (Central Asia)",
         "+proj=pipeline +step +proj=unitconvert +xy_in=deg +xy_out=rad "
         "+step +proj=aea +lat_0=42 +lon_0=65 +lat_1=32 +lat_2=52 +ellps=WGS84 +units=m",
         "+proj=aea +lat_0=42 +lon_0=65 +lat_1=32 +lat_2=52 +datum=WGS84 +units=m +no_defs +type=crs",
         "Central Asia Albers Equal Area (ca-atlas: WGS 84, latitude of origin 42 N, central meridian 65 E, "
         "standard parallels 32 N and 52 N)"},
        // EPSG:3857 (Popular Visualisation Pseudo-Mercator): spherical formulas on the WGS84 major axis.
        {"mercator", "Web Mercator (EPSG:3857)",
         "+proj=pipeline +step +proj=unitconvert +xy_in=deg +xy_out=rad +step +proj=webmerc +ellps=WGS84",
         "EPSG:3857", ""},
        // EPSG:4087 (World Equidistant Cylindrical): plate carree on the WGS84 ellipsoid.
        {"equirectangular", "Equirectangular (EPSG:4087)",
         "+proj=pipeline +step +proj=unitconvert +xy_in=deg +xy_out=rad +step +proj=eqc +ellps=WGS84",
         "EPSG:4087", ""},
    };
    return list;
}

const ProjectionInfo& projection_info(const std::string& id) {
    std::string valid;
    for (const auto& p : projections()) {
        if (id == p.id) return p;
        valid += (valid.empty() ? "" : ", ") + std::string(p.id);
    }
    throw UsageError("unknown projection '" + id + "' (valid: " + valid + ")");
}

struct Projection::Handles {
    PJ_CONTEXT* ctx = nullptr;
    PJ* pj = nullptr;
    ~Handles() {
        if (pj) proj_destroy(pj);
        if (ctx) proj_context_destroy(ctx);
    }
};

Projection::Projection(const std::string& id) : info_(&projection_info(id)), h_(std::make_unique<Handles>()) {
    h_->ctx = proj_context_create();
    // Pipelines need no database or grid: never let PROJ try the network.
    proj_context_set_enable_network(h_->ctx, 0);
    h_->pj = proj_create(h_->ctx, info_->pipeline);
    if (!h_->pj)
        throw DataError(std::string("PROJ cannot create projection '") + info_->id +
                        "': " + proj_context_errno_string(h_->ctx, proj_context_errno(h_->ctx)));
}

Projection::~Projection() = default;

Vec2 Projection::forward(Vec2 lonlat) const {
    PJ_COORD c = proj_trans(h_->pj, PJ_FWD, proj_coord(lonlat.x, lonlat.y, 0, 0));
    if (c.xy.x == HUGE_VAL) return {std::numeric_limits<double>::infinity(), std::numeric_limits<double>::infinity()};
    return {c.xy.x, c.xy.y};
}

Vec2 Projection::inverse(Vec2 xy) const {
    PJ_COORD c = proj_trans(h_->pj, PJ_INV, proj_coord(xy.x, xy.y, 0, 0));
    if (c.xy.x == HUGE_VAL) return {std::numeric_limits<double>::infinity(), std::numeric_limits<double>::infinity()};
    return {c.xy.x, c.xy.y};
}

void Projection::forward(double* x, double* y, size_t n) const {
    proj_trans_generic(h_->pj, PJ_FWD, x, sizeof(double), n, y, sizeof(double), n, nullptr, 0, 0, nullptr, 0, 0);
}

}  // namespace atlas
