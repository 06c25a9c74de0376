// MapModel construction and View <-> Camera conversions.
#include "model.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <sstream>

#include "core/explore.hpp"
#include "core/palette.hpp"
#include "facts_load.hpp"
#include "geometry_cache.hpp"
#include "text/fold.hpp"
#include "load.hpp"
#include "project.hpp"

namespace atlas {

std::unique_ptr<MapModel> MapModel::build(std::shared_ptr<const World> world, const std::string& projection_id,
                                          std::optional<double> only_metres_per_px,
                                          std::shared_ptr<const Facts> facts, ProjectedWorld* prepared) {
    auto m = std::make_unique<MapModel>();
    m->world = std::move(world);
    m->projection = std::make_unique<Projection>(projection_id);
    m->projected = prepared ? std::move(*prepared) : project_world(*m->world, projection_id, only_metres_per_px);
    m->colours = colour_countries(country_adjacency(*m->world), kPaletteColours);
    if (m->colours.empty()) m->colours.assign(m->world->countries.size(), 0);
    m->label_candidates = country_label_candidates(*m->world, m->projected);
    for (size_t i = 0; i < m->world->countries.size(); ++i) m->country_of_[m->world->countries[i].iso_a3] = int(i);
    for (const auto& a : m->world->areas)
        m->areas_.push_back({a.id, m->world->country_index(a.holder), m->world->country_index(a.edge_with)});
    if (facts) m->features = project_features(*facts, *m->world, projection_id, m->projected.bounds);
    m->facts = std::move(facts);
    return m;
}

std::unique_ptr<MapModel> MapModel::load(const std::string& dir, const std::string& projection_id,
                                         std::optional<double> only_metres_per_px, const std::string& tour,
                                         bool shipped) {
    const std::string projection = projection_info(projection_id).id;  // an unknown one fails first
    // The prepared geometry, if this data, program, projection and levels made it before.
    const std::string key = geometry_key(dir);
    const std::filesystem::path folder = geometry_cache_folder();
    const std::filesystem::path file =
        key.empty() || folder.empty() ? std::filesystem::path{}
                                      : geometry_cache_file(folder, key, projection, only_metres_per_px);
    std::optional<CachedGeometry> cached = file.empty() ? std::nullopt : read_geometry_cache(file, key);
    if (cached && cached->projected.projection != projection) cached.reset();
    DataSet data = load_data_set(dir, tour, shipped,
                                 cached ? std::make_shared<const World>(std::move(cached->world)) : nullptr);
    if (!data.world) throw DataError(data.problems.front().str());
    auto m = build(data.world, projection_id, only_metres_per_px, data.facts, cached ? &cached->projected : nullptr);
    if (!cached && !file.empty() && data.problems.empty()) write_geometry_cache(file, key, *data.world, m->projected);
    if (m->facts) m->search = std::make_shared<const SearchIndex>(*m->facts, *m->world, fold_for_search);
    m->article = std::move(data.article);
    m->tour = std::move(data.tour);
    m->problems = std::move(data.problems);
    return m;
}

const OverlayPaint& MapModel::overlay_paint(const Date& day, const OverlayStyle& style) const {
    if (paint_day_ == day) return paint_;
    if (!facts || !world) {
        static const OverlayPaint none;
        return none;
    }
    paint_ = atlas::overlay_paint(overlay_on(*facts, *world, day), style);
    paint_day_ = day;
    return paint_;
}

Box MapModel::bounds_of(const std::string& id, const Date& day) const {
    Box b;
    if (!world) return b;
    const int c = world->country_index(id);
    if (c >= 0 && size_t(c) < projected.country_bounds.size()) b.add(projected.country_bounds[size_t(c)]);
    if (facts && facts->organisation(id))
        for (const auto& iso : members_to_show(*facts, id, day)) {
            const int m = world->country_index(iso);
            if (m >= 0 && size_t(m) < projected.country_bounds.size()) b.add(projected.country_bounds[size_t(m)]);
        }
    if (const int r = features.region(id); r >= 0)
        for (const auto& l : features.regions[size_t(r)].lines)
            for (Vec2 v : l) b.add(v);
    for (const auto& pp : features.places)
        if (pp.place->id == id) {
            const double half = 150000;
            b.add(Vec2{pp.xy.x - half, pp.xy.y - half});
            b.add(Vec2{pp.xy.x + half, pp.xy.y + half});
        }
    return b;
}

std::vector<int> MapModel::area_owners(const Date& day) const {
    std::vector<int> out;
    for (const auto& a : areas_) {
        const std::string owner = facts ? facts->controlled_by(a.id, day) : "";
        const auto it = country_of_.find(owner);
        out.push_back(owner.empty() ? a.holder : it == country_of_.end() ? -1 : it->second);
    }
    return out;
}

int MapModel::country_at(Vec2 map, const Date& day) const {
    const int unit = atlas::country_at(projected, map);
    const size_t countries = country_of_.size();
    if (unit < 0 || size_t(unit) < countries) return unit;
    const std::vector<int> owners = area_owners(day);
    const size_t k = size_t(unit) - countries;
    return k < owners.size() ? owners[k] : -1;
}

std::vector<int> MapModel::countries_in(const Box& view, const Date& day) const {
    const size_t countries = country_of_.size();
    std::vector<bool> in(countries, false);
    const std::vector<int> owners = area_owners(day);
    for (size_t i = 0; i < projected.country_bounds.size(); ++i) {
        if (!projected.country_bounds[i].intersects(view)) continue;
        const int c = i < countries ? int(i) : i - countries < owners.size() ? owners[i - countries] : -1;
        if (c >= 0 && size_t(c) < countries) in[size_t(c)] = true;
    }
    std::vector<int> out;
    for (size_t i = 0; i < in.size(); ++i)
        if (in[i]) out.push_back(int(i));
    return out;
}

void MapModel::add_user_layer(std::shared_ptr<const UserLayer> layer, std::optional<ProjectedUserLayer> ready,
                              const std::string& ready_for) {
    // features.user_layers stays parallel to user_layers (with a projection): only the layer
    // added, closed or relabelled changes, so a large layer is not projected again for another's.
    const bool parallel = projection && features.user_layers.size() == user_layers.size();
    int at = user_layer(layer->id);
    if (at < 0) {
        user_layers.push_back(layer);
        user_colours.push_back(user_layer_colour(size_t(user_layers_opened++)));
        at = int(user_layers.size()) - 1;
    } else {
        user_layers[size_t(at)] = layer;
    }
    if (!parallel) {
        project_user_layers();
        return;
    }
    const Rgba colour = user_colours[size_t(at)];
    ProjectedUserLayer p;
    if (ready && ready->source == layer && ready_for == projection->info().id) {
        p = std::move(*ready);
        p.colour = colour;
    } else {
        p = project_user_layer(layer, *projection, colour);
    }
    if (size_t(at) < features.user_layers.size())
        features.user_layers[size_t(at)] = std::move(p);
    else
        features.user_layers.push_back(std::move(p));
}

bool MapModel::remove_user_layer(const std::string& id) {
    const int at = user_layer(id);
    if (at < 0) return false;
    const bool parallel = features.user_layers.size() == user_layers.size();
    user_layers.erase(user_layers.begin() + at);
    user_colours.erase(user_colours.begin() + at);
    if (parallel)
        features.user_layers.erase(features.user_layers.begin() + at);
    else
        project_user_layers();
    return true;
}

bool MapModel::set_user_label_field(const std::string& id, const std::string& field) {
    const int at = user_layer(id);
    if (at < 0) return false;
    const UserLayer& old = *user_layers[size_t(at)];
    if (!field.empty() && std::find(old.fields.begin(), old.fields.end(), field) == old.fields.end()) return false;
    if (old.label_field == field) return false;  // not copied again for nothing
    auto changed = std::make_shared<UserLayer>(old);
    changed->label_field = field;
    user_layers[size_t(at)] = changed;
    // Its projected shapes stay: the label field changes only which text each anchor shows.
    if (features.user_layers.size() == user_layers.size())
        features.user_layers[size_t(at)].source = std::move(changed);
    else
        project_user_layers();
    return true;
}

int MapModel::user_layer(const std::string& id) const {
    for (size_t i = 0; i < user_layers.size(); ++i)
        if (user_layers[i]->id == id) return int(i);
    return -1;
}

void MapModel::project_user_layers() {
    features.user_layers.clear();
    if (!projection) return;
    for (size_t i = 0; i < user_layers.size(); ++i)
        features.user_layers.push_back(project_user_layer(user_layers[i], *projection,
                                                          i < user_colours.size() ? user_colours[i] : user_layer_colour(i)));
}

FrameExtras MapModel::extras(const AppState& state, const Style& style) const {
    FrameExtras e;
    e.area_owner = area_owners(state.date);
    for (size_t k = 0; k < e.area_owner.size(); ++k)
        e.area_edge_is_border.push_back(areas_[k].edge_with >= 0 && e.area_owner[k] != areas_[k].edge_with);
    if (state.layers.memberships) e.overlay = &overlay_paint(state.date, style.overlay);
    if (facts) e.features = &features;
    e.selection_outlines = selection_outlines(state);
    // The subject: the selection's countries, and an organisation's suspended members that day
    // (the CSTO of 2012 is the story of Uzbekistan's suspension too).
    std::vector<std::string> isos = state.selected_members;
    isos.insert(isos.begin(), state.selected);
    if (facts && facts->organisation(state.selected))
        for (const auto& m : facts->memberships)
            if (m.organisation == state.selected && m.status == Status::Suspended && m.holds_on(state.date))
                isos.push_back(m.country);
    for (const std::string& iso : isos)
        if (const auto c = country_of_.find(iso); c != country_of_.end() && c->second >= 0)
            if (std::find(e.subject.begin(), e.subject.end(), size_t(c->second)) == e.subject.end())
                e.subject.push_back(size_t(c->second));
    return e;
}

double metres_per_ground_km(const Projection& proj, double lon, double lat) {
    // A 0.1 degree step of latitude is 11.1 km on the ground: small enough to be local.
    const double d = 0.05;
    const Vec2 a = proj.forward({lon, lat - d}), b = proj.forward({lon, lat + d});
    const double map_m = std::hypot(b.x - a.x, b.y - a.y);
    // Meridian arc length of 0.1 degree on the WGS84 ellipsoid at this latitude.
    const double a_axis = 6378137.0, e2 = 0.00669437999014;
    const double s = std::sin(lat * M_PI / 180);
    const double m_radius = a_axis * (1 - e2) / std::pow(1 - e2 * s * s, 1.5);
    const double ground_km = m_radius * (2 * d * M_PI / 180) / 1000;
    return map_m / ground_km;
}

Camera camera_for_view(const Projection& proj, const View& view, int width, int height) {
    Camera c;
    c.width_px = width;
    c.height_px = height;
    c.centre = proj.forward({view.lon, view.lat});
    c.metres_per_px = view.height_km * metres_per_ground_km(proj, view.lon, view.lat) / height;
    return c;
}

View view_for_camera(const Projection& proj, const Camera& camera) {
    const Vec2 ll = proj.inverse(camera.centre);
    View v;
    v.lon = ll.x;
    v.lat = ll.y;
    v.height_km = camera.metres_per_px * camera.height_px / metres_per_ground_km(proj, ll.x, ll.y);
    return v;
}

View parse_view(const std::string& text, const std::string& option) {
    View v;
    char extra = 0;
    const std::string bad = "invalid " + option + " '" + text + "': ";
    if (std::sscanf(text.c_str(), "%lf,%lf,%lf%c", &v.lon, &v.lat, &v.height_km, &extra) != 3)
        throw UsageError(bad + "expected LON,LAT,HEIGHT_KM, e.g. 65,42,4200");
    if (!(v.lon >= -180 && v.lon <= 180)) throw UsageError(bad + "longitude must be within -180..180");
    if (!(v.lat >= -80 && v.lat <= 80)) throw UsageError(bad + "latitude must be within -80..80");
    // 5 km to 40000 km: from a district to more than the hemisphere the data covers.
    if (!(v.height_km >= 5 && v.height_km <= 40000)) throw UsageError(bad + "height must be within 5..40000 km");
    return v;
}

std::string format_view(const View& v) {
    char buf[96];
    std::snprintf(buf, sizeof buf, "%.5f,%.5f,%.3f", v.lon, v.lat, v.height_km);
    return buf;
}

void MapModel::show_members(AppState& state) const {
    if (facts && facts->organisation(state.selected))
        state.selected_members = members_to_show(*facts, state.selected, state.date);
}

std::vector<std::shared_ptr<const ProjectedRegion>> MapModel::selection_outlines(const AppState& state) const {
    std::vector<std::shared_ptr<const ProjectedRegion>> out;
    if (state.selected.empty()) return out;
    std::vector<std::string> isos = state.selected_members;
    isos.push_back(state.selected);
    const std::vector<int> owners = area_owners(state.date);
    for (const std::string& iso : isos) {
        const auto c = country_of_.find(iso);
        if (c == country_of_.end()) continue;
        // A country's outline takes in the control areas it holds on the day.
        std::vector<size_t> held;
        std::string key = iso;
        for (size_t k = 0; k < owners.size() && k < areas_.size(); ++k)
            if (owners[k] == c->second) {
                held.push_back(k);
                key += " " + areas_[k].id;
            }
        auto& kept = outlines_[key];
        if (!kept && world) {
            std::vector<const ControlArea*> areas;
            for (size_t k : held) areas.push_back(&world->areas[k]);
            kept = std::make_shared<const ProjectedRegion>(
                project_country_outline(*world, c->second, areas, *projection, projected.bounds));
        }
        if (kept) out.push_back(kept);
    }
    return out;
}

}  // namespace atlas
