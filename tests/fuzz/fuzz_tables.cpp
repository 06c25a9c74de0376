// Fuzz target: the fact tables (geodata/*.csv) through the real loader and the consistency check.
// The input's first byte picks the table ('A' + its index below, so the seeds are text), the rest
// replaces that table in a copy of the shipped data; the map and the article stay the shipped ones.
#include <cstdint>
#include <string>
#include <vector>

#include "core/errors.hpp"
#include "fuzz_support.hpp"
#include "geo/facts_load.hpp"
#include "geo/load.hpp"
#include "text/fold.hpp"

using namespace atlas;

namespace {

// The records read from table `index` (in the order of `tables` below).
size_t records(const Facts& f, size_t index) {
    const size_t counts[] = {f.organisations.size(), f.memberships.size(), f.places.size(),  f.regions.size(),
                             f.aliases.size(),       f.links.size(),       f.notes.size(),    f.capitals.size(),
                             f.names.size(),         f.border_lengths.size(), f.control.size()};
    return counts[index];
}

// Lines after the header that hold something: each must become a record or a problem.
size_t data_lines(const std::string& text) {
    size_t lines = 0;
    bool header = true;
    for (size_t start = 0; start < text.size();) {
        size_t end = text.find('\n', start);
        if (end == std::string::npos) end = text.size();
        const std::string line = text.substr(start, end - start);
        if (line.find_first_not_of(" \t\r") != std::string::npos) {
            if (header)
                header = false;
            else
                ++lines;
        }
        start = end + 1;
    }
    return lines;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const std::vector<const char*> tables = {
        kOrganisationsFile, kMembershipsFile, kPlacesFile, kRegionsFile,      kAliasesFile, kLinksFile,
        kNotesFile,         kCapitalsFile,    kNamesFile,  kBorderLengthsFile, kControlFile};
    if (size == 0) return 0;
    const fuzz::Shipped& shipped = fuzz::shipped();
    const std::string& dir = fuzz::data_copy();
    const size_t index = std::uint8_t(data[0] - 'A') % tables.size();
    const char* name = tables[index];
    const std::string path = dir + "/" + name;
    const std::string original = fuzz::read_file(path);
    fuzz::write_file(path, data + 1, size - 1);

    FactsLoad load = load_facts(dir);
    for (const auto& p : load.problems)
        if (p.message.empty()) fuzz::property_failed("a problem without a message at " + p.at.str());
    // Nothing is dropped quietly: with no problem, every line holding something is a record.
    const size_t lines = data_lines(std::string(reinterpret_cast<const char*>(data + 1), size - 1));
    if (load.problems.empty() && records(load.facts, index) != lines)
        fuzz::property_failed(std::string(name) + ": " + std::to_string(lines) + " lines read as " +
                              std::to_string(records(load.facts, index)) + " records with no problem reported");
    if (std::string(name) == kControlFile) {
        World world = shipped.uncut;
        try {
            cut_control_areas(world, load.facts.control);
        } catch (const DataError&) {
        }
        (void)validate(load.facts, world, shipped.article, fold_for_search);
    } else {
        (void)validate(load.facts, shipped.world, shipped.article, fold_for_search);
    }
    fuzz::write_file(path, original);
    return 0;
}
