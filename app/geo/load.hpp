// Loading the shipped geodata (geodata/atlas.gpkg) with GDAL into core types.
// Depends on core and GDAL; nothing here knows about GL or the UI.
#pragma once

#include <string>

#include "core/world.hpp"
#include "core/errors.hpp"

namespace atlas {

// File name of the administrative geography inside a data folder.
inline constexpr const char* kWorldFile = "atlas.gpkg";

// Registers the GDAL drivers the atlas uses (GeoPackage, CSV, MEM, PNG, GTiff). Idempotent, thread-safe.
void init_gdal();

// Reads countries, provinces, boundaries, coastlines and province boundaries from
// `dir`/atlas.gpkg. Throws DataError naming the file, layer and feature on the first problem:
// missing or unreadable file, missing layer or field, empty or non-polygon geometry,
// duplicate or malformed country code, a province or coast naming an unknown country, a
// boundary neither of whose sides is a country of the map.
World load_world(const std::string& dir);

}  // namespace atlas
