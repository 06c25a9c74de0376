// A guided tour of the article: an ordered list of scenes, each a view, projection, layers, date,
// highlighted entities and a caption passage. Pure C++: read and written by atlas_geo
// (geodata/tour.csv, documented in geodata/README.md), shown by the presentation mode.
#pragma once

#include <string>
#include <vector>

#include "camera.hpp"
#include "facts.hpp"
#include "frame.hpp"

namespace atlas {

struct Scene {
    std::string id, title;
    View view;
    std::string projection = "albers";
    Date date = kArticleDate;
    Layers layers;
    std::vector<std::string> highlight;  // entity ids
    std::string passage;                 // the caption: a passage id
    SourceLine at;
};

// The names of the layers in a scene's `layers` field, in Layers' order.
const std::vector<std::string>& layer_names();
// "countries provinces ..." for the layers that are on.
std::string layers_text(const Layers& layers);
// The layers named in `words` on, every other off ("all": every one); the first unknown name in
// `unknown` (empty if none).
Layers parse_layers(const std::vector<std::string>& words, std::string& unknown);

}  // namespace atlas
