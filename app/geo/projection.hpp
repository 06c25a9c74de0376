// Map projections through PROJ: the atlas's named projections, forward and inverse.
// Depends on core and PROJ. A Projection is not thread-safe: use one per thread.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/geometry.hpp"
#include "core/errors.hpp"

namespace atlas {

struct ProjectionInfo {
    const char* id;        // command-line and API name
    const char* label;     // shown in the UI
    const char* pipeline;  // PROJ pipeline from lon/lat degrees to map metres
    const char* crs;       // the target CRS as PROJ or EPSG text (for cs2cs and georeferencing)
    const char* crs_name;  // the CRS's name in a file a GIS reads, where `crs` has none ("" for EPSG's)
};

// Every projection the atlas offers; the first is the default.
const std::vector<ProjectionInfo>& projections();
// The entry with this id; throws UsageError listing the valid ids if there is none.
const ProjectionInfo& projection_info(const std::string& id);

class Projection {
public:
    // Creates the projection; throws UsageError for an unknown id and DataError if PROJ fails.
    explicit Projection(const std::string& id);
    ~Projection();
    Projection(const Projection&) = delete;
    Projection& operator=(const Projection&) = delete;

    const ProjectionInfo& info() const { return *info_; }
    // lon/lat degrees -> map metres. Points PROJ cannot project become infinities.
    Vec2 forward(Vec2 lonlat) const;
    // map metres -> lon/lat degrees.
    Vec2 inverse(Vec2 xy) const;
    // In-place forward projection of n points stored as separate x (lon) and y (lat) arrays.
    void forward(double* x, double* y, size_t n) const;

private:
    const ProjectionInfo* info_;
    struct Handles;
    std::unique_ptr<Handles> h_;
};

}  // namespace atlas
