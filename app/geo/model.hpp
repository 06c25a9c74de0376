// The loaded map and its current projection, plus the conversions between a View
// (lon/lat/height) and a Camera (map metres). Depends on core, GDAL and PROJ; no GL, no UI.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/article.hpp"
#include "core/camera.hpp"
#include "core/explore.hpp"
#include "core/facts.hpp"
#include "core/frame.hpp"
#include "core/tour.hpp"
#include "core/world.hpp"
#include "projection.hpp"

namespace atlas {

// What is loaded once, whatever the projection: the map in lon/lat, the facts, the article, the
// search index over the facts' names, the data check's problems, and the tour (which the Tour
// panel edits). A projection change moves it over to the new model.
struct MapData {
    std::shared_ptr<const World> world;
    std::shared_ptr<const Article> article;     // null if article.json could not be read
    std::shared_ptr<const Facts> facts;         // the records that could be read
    std::shared_ptr<const SearchIndex> search;  // every name of the facts' entities (with facts)
    std::vector<DataProblem> problems;          // everything validation found (empty: consistent)
    std::vector<Scene> tour;                    // the guided tour (geodata/tour.csv)
    // The user's own layers in lon/lat, in the order opened (MapFeatures::user_layers projects them).
    std::vector<std::shared_ptr<const UserLayer>> user_layers;
    std::vector<Rgba> user_colours;  // each one's colour, kept through projection changes
    int user_layers_opened = 0;      // how many were ever added: the next one's colour
};

// What is built for one projection from the map and the facts, and not changed after (an export
// frees parts it has uploaded; a selection's outline is made apart, selection_outlines).
struct ProjectedMap {
    ProjectedWorld projected;
    std::vector<int> colours;                      // palette index per country
    std::vector<LabelCandidate> label_candidates;  // points into `projected`
    std::unique_ptr<Projection> projection;        // for the UI thread's point conversions
    MapFeatures features;                          // the article's regions, places and capitals, projected
};

// The data and its projection, with the questions the window and the exports ask of them.
struct MapModel : MapData, ProjectedMap {
    // Membership paint for `day` (cached for the last day asked; empty without facts or map).
    const OverlayPaint& overlay_paint(const Date& day, const OverlayStyle& style) const;
    // The map rectangle to show for an entity (a country, an organisation's members on `day`, a
    // region, a place with 150 km around it); empty if unknown.
    Box bounds_of(const std::string& id, const Date& day) const;
    // Per World::areas entry: the index of the country that controls it on `day` (control.csv;
    // without facts, the country whose geometry holds it), -1 if that is no country of the map.
    std::vector<int> area_owners(const Date& day) const;
    // The country under a map point on `day` (a control area resolved to its owner), or -1.
    int country_at(Vec2 map, const Date& day) const;
    // The countries drawn in `view` on `day`, each once, in World::countries order.
    std::vector<int> countries_in(const Box& view, const Date& day) const;
    // What build_frame needs besides the map for `state` (its date).
    FrameExtras extras(const AppState& state, const Style& style) const;
    // With an organisation selected in `state`, sets the members it shows on the state's day
    // (members_to_show); otherwise leaves state.selected_members as they are.
    void show_members(AppState& state) const;
    // The outlines of the state's selection: a country (drawn around the control areas it holds
    // on the state's day), an organisation's members of the day. Each is projected once and kept
    // for the model's life (the lon/lat map is needed only the first time), so a frame of the same
    // selection costs nothing; the model's features are not changed. Not for several threads at once.
    std::vector<std::shared_ptr<const ProjectedRegion>> selection_outlines(const AppState& state) const;

    // Loads `dir` (map, article, facts; validated together) and projects it with `projection_id`.
    // Throws UsageError for an unknown projection and DataError if the map itself cannot be read;
    // other problems are listed in `problems`.
    // only_metres_per_px: build only the level of detail for that scale (a one-view export).
    // tour: the tour file to read ("" for `dir`/tour.csv).
    // The map and its projection come from the geometry cache (geometry_cache.hpp) when it holds
    // them for this data, program, projection and levels; otherwise they are loaded and projected,
    // and written there when the data has no problems.
    static std::unique_ptr<MapModel> load(const std::string& dir, const std::string& projection_id,
                                          std::optional<double> only_metres_per_px = std::nullopt,
                                          const std::string& tour = "", bool shipped = false);
    // Projects `world` with `projection_id` (safe on a worker thread: nothing is shared but the
    // read-only world and facts). With `facts`, also projects the article's features. The rest of
    // the MapData (article, search, problems, tour) is the caller's: load's, or the model this one
    // replaces (take_data).
    // `prepared`: `world` already projected so (the geometry cache's), taken instead of projecting.
    static std::unique_ptr<MapModel> build(std::shared_ptr<const World> world, const std::string& projection_id,
                                           std::optional<double> only_metres_per_px = std::nullopt,
                                           std::shared_ptr<const Facts> facts = nullptr,
                                           ProjectedWorld* prepared = nullptr);

    // Takes over `from`'s MapData (a projection change: the data and the edited tour stay), and
    // projects its user layers for this model's projection.
    void take_data(MapModel& from) {
        static_cast<MapData&>(*this) = std::move(static_cast<MapData&>(from));
        project_user_layers();
    }

    // Adds a user's layer (load_user_layer) over the others, projected, in the next of
    // user_layer_colour's colours; a layer of the same id is replaced where it is. `ready`:
    // the layer already projected for projection `ready_for` (by the worker that read it);
    // used if that is this model's projection, else the layer is projected here.
    void add_user_layer(std::shared_ptr<const UserLayer> layer, std::optional<ProjectedUserLayer> ready = {},
                        const std::string& ready_for = "");
    // Removes the user's layer `id` (UserLayer::id); false if there is none.
    bool remove_user_layer(const std::string& id);
    // Sets the field a user's layer is labelled by ("": none); false if no such layer or field, or
    // if it is labelled by that field already (nothing changes).
    bool set_user_label_field(const std::string& id, const std::string& field);
    // The index of the user's layer `id` in user_layers, or -1.
    int user_layer(const std::string& id) const;
    // Projects every user layer for this model's projection into features.user_layers.
    void project_user_layers();

private:
    // The control areas (World::areas) as the day's questions need them, kept when an export
    // frees the lon/lat world: the province id, and the country indices of its holder and of the
    // country beyond its edge (-1: none).
    struct AreaKey {
        std::string id;
        int holder = -1, edge_with = -1;
    };
    std::vector<AreaKey> areas_;
    std::map<std::string, int> country_of_;  // ISO alpha-3 -> index in World::countries
    mutable std::optional<Date> paint_day_;
    mutable OverlayPaint paint_;
    // Selection outlines made so far, by ISO code and the control areas drawn with it.
    mutable std::map<std::string, std::shared_ptr<const ProjectedRegion>> outlines_;
};

// Palette size used for the neighbour colouring (Style::country_palette).
inline constexpr int kPaletteColours = 6;

// Camera for `view` on a framebuffer of width x height pixels.
Camera camera_for_view(const Projection& proj, const View& view, int width, int height);
// The View the camera shows (centre and height converted back through the projection).
View view_for_camera(const Projection& proj, const Camera& camera);
// Map metres per kilometre on the ground along the meridian at lon/lat: the local scale used to
// keep the same ground height when the projection changes.
double metres_per_ground_km(const Projection& proj, double lon, double lat);

// Parses "LON,LAT,HEIGHT_KM"; throws UsageError saying what is wrong.
// `option` names where the text came from in the message ("--view", or "--view-from 'a.png'").
View parse_view(const std::string& text, const std::string& option = "--view");
// Formats a view as "LON,LAT,HEIGHT_KM" (round-trips through parse_view).
std::string format_view(const View& v);

}  // namespace atlas
