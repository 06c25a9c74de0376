// `ca-atlas --export-facts FILE [--date DAY]`: the facts as GeoPackage, GeoJSON or KML
// (geo/facts_export.hpp), with no display and no GL: the data loaded and checked as the other
// exports do (nothing is written from data with problems), then the file written whole or not at all.
#include <cstdio>
#include <optional>
#include <string>

#include "core/errors.hpp"
#include "geo/facts_export.hpp"
#include "geo/model.hpp"
#include "geo/raster.hpp"
#include "modes.hpp"

namespace atlas {

int run_export_facts(const Options& o) {
    try {
        if (!facts_format(o.export_facts))  // the command line has said so; a direct caller too
            throw UsageError("invalid --export-facts '" + o.export_facts + "': the facts are written as " +
                             kFactsExtensions);
        check_writable(o.export_facts);  // before the loading: a bad path fails at once
        const auto model = MapModel::load(o.data.dir, "albers", std::nullopt, o.data.tour, o.data.shipped);
        refuse_problems(*model, o.data.dir);
        if (!model->facts || !model->article)  // no problem listed, yet nothing read: never written from
            throw DataError("the facts or the article of " + o.data.dir + " could not be read; nothing was written");
        const FactsCounts counts = export_facts(o.export_facts, *model->world, *model->facts, *model->article, o.date);
        std::string listed;
        for (const auto& [layer, n] : counts) listed += (listed.empty() ? "" : ", ") + std::to_string(n) + " " + layer;
        std::printf("ca-atlas: wrote the facts, with the standing on %s, to %s: %s\n", o.date.str().c_str(),
                    o.export_facts.c_str(), listed.c_str());
        return 0;
    } catch (const std::exception& e) {
        return failure(e);
    }
}

}  // namespace atlas
