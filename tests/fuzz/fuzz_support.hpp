// What the fuzz targets share: a private copy of the shipped data folder, one file of which an
// input replaces, and the shipped data loaded once, to check a replaced file against the rest.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "core/article.hpp"
#include "core/facts.hpp"
#include "core/world.hpp"

namespace atlas::fuzz {

// A folder (under $TMPDIR, else /tmp) holding a copy of the shipped data, made at the first call
// and removed when the process exits.
const std::string& data_copy();

// Replaces `path` with these bytes.
void write_file(const std::string& path, const std::uint8_t* data, std::size_t size);
void write_file(const std::string& path, const std::string& bytes);
std::string read_file(const std::string& path);

// The shipped data, loaded once (the first call aborts if it is not consistent: every input would
// then report the same problem, and the fuzzing would find nothing of the input's).
struct Shipped {
    World world;  // with the control areas cut, as the program loads it
    World uncut;  // as atlas.gpkg holds it, before control.csv's areas are cut out
    Article article;
    Facts facts;
    std::vector<std::string> projection_ids;
};
const Shipped& shipped();

// Ends the run as a finding (libFuzzer saves the input) when a property of the loader fails.
[[noreturn]] void property_failed(const std::string& what);

}  // namespace atlas::fuzz
