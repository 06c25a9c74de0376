// The prepared geometry of a data folder, kept between starts: the World as loaded (and cut into
// its control areas) and its projection with the levels of detail, in one binary file in the
// user's cache folder. A start that finds a file made from the same data by the same program
// reads it (milliseconds) instead of loading through GDAL and projecting through PROJ (hundreds).
// Depends on core, nettle (the key) and zlib (the file's checksum); no GDAL, no PROJ.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "core/world.hpp"

namespace atlas {

struct CachedGeometry {
    World world;
    ProjectedWorld projected;
};

// The atlas's cache folder: $XDG_CACHE_HOME/ca-atlas, else $HOME/.cache/ca-atlas; empty when
// neither variable is set (then nothing is cached).
std::filesystem::path geometry_cache_folder();

// What the geometry of data folder `dir` is made from, as one key: the SHA-256 of its world file
// (atlas.gpkg) and its control table (control.csv), and this program's own file (its size and
// modification time: a rebuilt program may project differently). Empty if a file cannot be read:
// then nothing is cached.
std::string geometry_key(const std::string& dir);

// The file in `folder` for the geometry of `key` in projection `projection_id` with the levels of
// detail project_world builds for `only_metres_per_px` (all of them, or one).
std::filesystem::path geometry_cache_file(const std::filesystem::path& folder, const std::string& key,
                                          const std::string& projection_id,
                                          std::optional<double> only_metres_per_px);

// The geometry in `file` if it holds `key`'s, whole and undamaged (its checksum matches); nothing
// if it is missing, of other data or another program, of another format, damaged or cut short.
std::optional<CachedGeometry> read_geometry_cache(const std::filesystem::path& file, const std::string& key);

// Writes `world` and `projected` for `key` into `file` (its folder made if need be) under a
// temporary name, renamed into place once whole, so a reader never sees half a file; removes the
// folder's files for the same projection and levels made from other data or another program.
// false, with nothing left behind, if it cannot be written (a cache is never needed to run).
bool write_geometry_cache(const std::filesystem::path& file, const std::string& key, const World& world,
                          const ProjectedWorld& projected);

}  // namespace atlas
