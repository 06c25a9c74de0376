// `ca-atlas --check-data [DIR]`: loads the map, the article and the facts, validates them together
// and prints every problem as "file:line: what is wrong" (exit 1), or a summary (exit 0).
#include <cstdio>

#include "geo/facts_load.hpp"
#include "text/shape.hpp"
#include "modes.hpp"

namespace atlas {

int run_check_data(const DataPaths& paths) {
    const std::string dir = paths.dir + (paths.user_tour ? " with the tour " + paths.tour : "");
    DataSet data = load_data_set(paths.dir, paths.tour, paths.shipped);
    // Text the installed fonts cannot draw (the fonts are this machine's, not the data's: found here).
    if (data.facts) {
        try {
            for (auto& p : unrenderable_text(*data.facts, data.tour, shaper_for(kLabelFont)))
                data.problems.push_back(std::move(p));
        } catch (const DataError& e) {
            DataProblem p;  // no font at all: the message names the package
            p.message = e.what();
            data.problems.push_back(std::move(p));
        }
        sort_by_place(data.problems);
    }
    for (const auto& p : data.problems) std::printf("%s\n", p.str().c_str());
    if (!data.problems.empty()) {
        std::printf("ca-atlas: %zu problem%s in %s\n", data.problems.size(), data.problems.size() == 1 ? "" : "s",
                    dir.c_str());
        return 1;
    }
    const Facts& f = *data.facts;
    std::printf(
        "ca-atlas: %s is consistent: %zu countries, %zu passages, %zu organisations, %zu memberships, %zu places, "
        "%zu regions, %zu aliases, %zu links, %zu notes, %zu capitals, %zu other names, %zu published lengths, %zu "
        "changes of control\n",
        dir.c_str(), data.world->countries.size(), data.article->passages.size(), f.organisations.size(),
        f.memberships.size(), f.places.size(), f.regions.size(), f.aliases.size(), f.links.size(), f.notes.size(), f.capitals.size(),
        f.names.size(), f.border_lengths.size(), f.control.size());
    return 0;
}

}  // namespace atlas
