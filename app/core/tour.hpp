// A guided tour of the article: an ordered list of scenes, each a view, projection, layers, date,
// highlighted entities and a caption passage. Pure C++: read and written by atlas_geo
// (geodata/tour.csv, documented in geodata/README.md), shown by the presentation mode.
#pragma once

#include <string>
#include <vector>

#include "annotation.hpp"
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
    Annotations annotations;             // drawn over the map by the presenter, saved with the scene
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

namespace atlas {

// What a presenter's clicker and keyboard send during the tour.
enum class TourKey {
    Next,      // Right, Page Down, Space
    Previous,  // Left, Page Up
    First,     // Home
    Digit,     // 0-9: part of a scene number
    Enter,     // go to the scene number typed
    Blank,     // B: blank the screen, or show it again
};

// The tour's position and the presenter's keys: which scene, what number is being typed, whether
// the screen is blanked. No clock and no drawing: the window animates towards scene().
class TourPlayer {
public:
    explicit TourPlayer(size_t scenes) : count_(scenes) {}
    // Applies a key (digit: its value for TourKey::Digit); true if the scene changed.
    bool key(TourKey k, int digit = 0);
    size_t scene() const { return scene_; }
    size_t count() const { return count_; }
    bool blank() const { return blank_; }
    const std::string& typed() const { return typed_; }  // the scene number being typed (1-based)

private:
    size_t count_ = 0, scene_ = 0;
    bool blank_ = false;
    std::string typed_;
};

// The state a scene defines: its projection, layers, date and selection (its first highlighted
// entity; ISO codes after it are outlined as well). The camera is the caller's (it needs the
// projection): camera_for_view(projection, scene.view, ...).
void apply_scene(const Scene& scene, AppState& state);

}  // namespace atlas
