// A guided tour of the article: an ordered list of scenes, each a view, projection, layers, date,
// highlighted entities and a caption passage. Pure C++: read and written by atlas_geo
// (geodata/tour.csv, documented in geodata/README.md), shown by the presentation mode and edited
// in the window's Tour panel.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "annotation.hpp"
#include "camera.hpp"
#include "facts.hpp"
#include "frame.hpp"
#include "world.hpp"

namespace atlas {

// The range of a scene's view that tour.csv accepts: the ground height from top to bottom of the
// view, 1 km (a district) to 40000 km (the whole globe's circumference, more than any view shows).
inline constexpr double kSceneMinHeightKm = 1;
inline constexpr double kSceneMaxHeightKm = 40000;

struct Scene {
    std::string id, title;
    View view;
    std::string projection = "albers";
    Date date = kArticleDate;
    Layers layers;
    std::vector<std::string> highlight;  // entity ids
    std::string passage;                 // the caption: a passage id
    Annotations annotations;             // drawn over the map by the presenter, saved with the scene
    // The user's own layers it shows: their files' paths, each with the field it is labelled by
    // (user_layer_ref's "PATH?label=FIELD"; a path alone: the file's default field).
    std::vector<std::string> user_layers;
    SourceLine at;
};

// The names of the layers in a scene's `layers` field, in Layers' order.
const std::vector<std::string>& layer_names();
// The Layers fields in the same order (keys 1 to 9 toggle them in this order).
const std::vector<bool Layers::*>& layer_members();
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
// `loaded`: the ids of the user's layers open; those the scene does not show are hidden.
void apply_scene(const Scene& scene, AppState& state, const std::vector<std::string>& loaded = {});

}  // namespace atlas

namespace atlas {

// Editing the tour (the window's Tour panel): pure operations on the list of scenes.

// A scene id names the tour's image files (--export-tour): ASCII letters, digits, '-' and '_',
// 1 to kMaxSceneIdLength of them, not starting with '-'. No path, no hidden file, no overlong name.
inline constexpr size_t kMaxSceneIdLength = 64;
bool is_scene_id(const std::string& id);

// An id for a scene titled `title` that no scene in `scenes` has: the title's ASCII letters and
// digits in lower case, other runs of characters as one '-' ("The Kant airbase" -> "the-kant-airbase"),
// at most 40 characters, "scene" if nothing is left; "-2", "-3", ... appended while it is taken.
std::string unique_scene_id(const std::string& title, const std::vector<Scene>& scenes);

// Inserts `scene` after position `after` (at the end if `after` is empty or past the end) and
// returns its index. An empty or taken id is replaced by unique_scene_id(scene.title, scenes).
size_t insert_scene(std::vector<Scene>& scenes, std::optional<size_t> after, Scene scene);

// Removes scene `index`; false (and nothing changes) if there is no such scene.
bool delete_scene(std::vector<Scene>& scenes, size_t index);

// Moves scene `index` by `steps` places (negative: towards the start); its new index, or nothing
// (and nothing changes) if the scene or its destination is outside the list.
std::optional<size_t> move_scene(std::vector<Scene>& scenes, size_t index, int steps);

// Sets what a scene shows from the map: `view` (as the window's camera shows it, rounded to what
// tour.csv keeps: 0.001 deg, 0.1 km), the state's projection, layers, date, and its selection as
// the highlight (the selection, then the countries outlined with it; an organisation's members
// are not listed, they follow the scene's date), and the user's layers of `open` (user_layer_ref
// of each: its id and label field) that the state does not hide. Title, passage and id are left as they are.
void take_map_state(Scene& scene, const AppState& state, const View& view, const Facts* facts,
                    const std::vector<std::string>& open = {});

// The caption a new scene gets: the first passage linked to `selected`, else the passage of scene
// `previous`, else the article's first passage; empty without an article.
std::string default_passage(const std::string& selected, const Facts* facts, const Article* article,
                            const std::vector<Scene>& scenes, std::optional<size_t> previous);

// A problem of one scene of a tour, by its position in the list.
struct SceneProblem {
    size_t scene = 0;
    std::string message;
};

// What keeps `scenes` from loading cleanly, scene by scene in order: a missing id, title or
// passage, a view out of range, an unknown projection (not in `projection_ids`), a day outside
// the timeline, a passage not in the article, an unknown entity, a duplicate id. The loader
// (load_data_set) and the Tour panel run the same checks.
std::vector<SceneProblem> tour_problems(const std::vector<Scene>& scenes, const World& world, const Facts& facts,
                                        const Article& article, const std::vector<std::string>& projection_ids);

}  // namespace atlas
