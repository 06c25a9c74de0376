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

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const std::vector<const char*> tables = {
        kOrganisationsFile, kMembershipsFile, kPlacesFile, kRegionsFile,      kAliasesFile, kLinksFile,
        kNotesFile,         kCapitalsFile,    kNamesFile,  kBorderLengthsFile, kControlFile};
    if (size == 0) return 0;
    const fuzz::Shipped& shipped = fuzz::shipped();
    const std::string& dir = fuzz::data_copy();
    const char* name = tables[std::uint8_t(data[0] - 'A') % tables.size()];
    const std::string path = dir + "/" + name;
    const std::string original = fuzz::read_file(path);
    fuzz::write_file(path, data + 1, size - 1);

    FactsLoad load = load_facts(dir);
    for (const auto& p : load.problems)
        if (p.message.empty()) fuzz::property_failed("a problem without a message at " + p.at.str());
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
