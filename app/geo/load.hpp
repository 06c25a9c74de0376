// Loading the shipped geodata (geodata/atlas.gpkg) with GDAL into core types.
// Depends on core and GDAL; nothing here knows about GL or the UI.
#pragma once

#include <string>

#include <vector>

#include "core/facts.hpp"
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

// Cuts each province that `changes` names out of the country whose geometry holds it (GEOS,
// through GDAL) into World::areas, with the boundary lines along it that it shares with another
// country (moved out of World::boundaries). A change naming no province of the map is skipped
// (validate reports it); so is a province that is its whole country.
void cut_control_areas(World& world, const std::vector<ControlChange>& changes);

// The union of these shapes (GEOS, through GDAL) as one MultiPolygon: a country with the control
// areas it holds on a day, outlined as one. Empty if GEOS fails.
MultiPolygon merged(const std::vector<const MultiPolygon*>& shapes);

}  // namespace atlas
