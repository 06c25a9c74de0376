// Loading the article's facts (geodata/*.csv, read with GDAL's CSV driver) and checking the
// whole data folder. Depends on core and GDAL; no GL, no UI.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/article.hpp"
#include "core/facts.hpp"
#include "core/tour.hpp"
#include "core/world.hpp"

namespace atlas {

class TextShaper;

// The tables, in the order they are read and reported.
inline constexpr const char* kOrganisationsFile = "organisations.csv";
inline constexpr const char* kMembershipsFile = "memberships.csv";
inline constexpr const char* kPlacesFile = "places.csv";
inline constexpr const char* kRegionsFile = "regions.csv";
inline constexpr const char* kAliasesFile = "aliases.csv";
inline constexpr const char* kLinksFile = "links.csv";
inline constexpr const char* kNotesFile = "notes.csv";
inline constexpr const char* kCapitalsFile = "capitals.csv";
inline constexpr const char* kNamesFile = "names.csv";
inline constexpr const char* kBorderLengthsFile = "border_lengths.csv";
inline constexpr const char* kControlFile = "control.csv";
inline constexpr const char* kTourFile = "tour.csv";

struct FactsLoad {
    Facts facts;
    // Records that could not be read (missing field, malformed date or number, a status outside
    // the vocabulary, a wrong number of fields); such a record is left out of `facts`.
    std::vector<DataProblem> problems;
};

// Reads every table in `dir`. A missing or unreadable file is a problem, not an exception.
FactsLoad load_facts(const std::string& dir);

// Everything the atlas reads from `dir`, checked together.
struct DataSet {
    std::shared_ptr<const World> world;      // null if the map data could not be read
    std::shared_ptr<const Article> article;  // null if the article could not be read
    std::shared_ptr<const Facts> facts;
    std::vector<Scene> tour;            // the guided tour's scenes, in order
    std::vector<DataProblem> problems;  // all of them, "file:line: what is wrong"
};

// Reads `dir`/tour.csv; a record that cannot be read is a problem and is left out. Checked
// against the map, the facts and the article by load_data_set.
std::vector<Scene> load_tour(const std::string& dir, std::vector<DataProblem>& problems);
// The same for a tour file anywhere (the user's edited tour).
std::vector<Scene> load_tour_file(const std::string& path, std::vector<DataProblem>& problems);

// Writes the scenes to `path` (GDAL's CSV driver) through a temporary file renamed into place;
// an existing file is kept as `path`.bak first. Throws OutputError.
void save_tour(const std::string& path, const std::vector<Scene>& scenes);

// Orders problems by file, then line (a problem with no file first), keeping the order within a line.
void sort_by_place(std::vector<DataProblem>& problems);

// The texts the map and the panels show (names, abbreviations, aliases, other names, notes, the
// tour's titles) with characters no font of `shaper`'s chain has: one problem per text, at its
// record's file and line, naming the characters. Such text is drawn without them.
std::vector<DataProblem> unrenderable_text(const Facts& facts, const std::vector<Scene>& tour, TextShaper& shaper);

// Loads the map, the article and the facts from `dir` and validates them against each other, with
// the tour from `tour` (a file; "" for `dir`/tour.csv).
// Never throws for bad data: every problem is in `problems`.
// `shipped`: the folder is the atlas's own (not --data's), so a file that differs from its
// SHA256SUMS is a problem too (verify_checksums).
// `prepared`: the map as this folder's files make it, already loaded and cut into its control
// areas (the geometry cache's); then atlas.gpkg is not read.
DataSet load_data_set(const std::string& dir, const std::string& tour = "", bool shipped = false,
                      std::shared_ptr<const World> prepared = nullptr);

}  // namespace atlas
