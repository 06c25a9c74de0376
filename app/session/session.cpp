// The session's frame: the model's arrival and replacement, the panels' requests, clicks,
// selection, flights, what is under the pointer, and the frame to draw.
#include "session/session.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <utility>

#include "core/errors.hpp"
#include "core/explore.hpp"
#include "core/style.hpp"
#include "core/timeline.hpp"
#include "core/user_layer.hpp"
#include "geo/furniture.hpp"
#include "geo/geodesic.hpp"
#include "geo/projection.hpp"

namespace atlas {

namespace fs = std::filesystem;

bool Session::FrameKey::operator==(const FrameKey& o) const {
    return camera.centre == o.camera.centre && camera.metres_per_px == o.camera.metres_per_px &&
           camera.width_px == o.camera.width_px && camera.height_px == o.camera.height_px && layers == o.layers &&
           pixel_scale == o.pixel_scale && model == o.model && date == o.date && selected == o.selected &&
           selected_members == o.selected_members && caption_scene == o.caption_scene && fb_width == o.fb_width &&
           fb_height == o.fb_height && coarse == o.coarse && legend == o.legend && quiz_step == o.quiz_step &&
           user_revision == o.user_revision && user_hidden == o.user_hidden;
}

std::string recovery_path(const std::string& tour_save) {
    if (tour_save.empty()) return "";
    std::filesystem::path p(tour_save);
    return (p.parent_path() / (p.stem().string() + ".recovered.csv")).string();
}

Session::Session(SessionOptions options, TextMeasure measure) : options_(std::move(options)), measure_(std::move(measure)) {
    for (const auto& p : projections()) ui_.projections.push_back({p.id, p.label});
    state_.projection = options_.projection;
    state_.date = options_.date;
    state_.layers = options_.layers;
}

Session::~Session() {
    if (reprojecting_.valid()) reprojecting_.wait();
}

void Session::fail(const std::string& why) {
    // The window stays open with the error shown, so the user can read it and quit.
    ui_.errors.push_back(why);
    ui_.no_map = why;
}

// The panels' pointers into the model (renewed when a projection change replaces it).
void Session::attach_ui() {
    ui_.facts = model_->facts.get();
    ui_.world = model_->world.get();
    ui_.search_index = model_->search.get();
    ui_.features = &model_->features;
    ui_.article = model_->article.get();
}

// The data check's problems in the panel. It is narrow: the files within the data folder are named
// relative to it, the folder once above.
void Session::list_problems() {
    ui_.data_problems.clear();
    for (DataProblem shown : model_->problems) {
        const std::string prefix = options_.data.dir + "/";
        if (shown.at.file.rfind(prefix, 0) == 0) shown.at.file.erase(0, prefix.size());
        ui_.data_problems.push_back(shown.str());
    }
}

void Session::start(std::unique_ptr<MapModel> model) {
    model_ = std::move(model);
    new_model_ = true;
    // Broken fact tables leave the map working: the window lists every problem.
    for (const auto& p : model_->problems) std::fprintf(stderr, "%s\n", p.str().c_str());
    list_problems();
    ui_.data_folder = options_.data.dir;
    // The Tour panel writes the scenes into the user's folder (or --data's), atomically, keeping a
    // backup; the user's copy is then read instead of the shipped tour, which stays one click away.
    const DataPaths& data = options_.data;
    ui_.tour.path = data.tour_save;
    ui_.tour.shipped = data.tour_save == data.shipped_tour() ? "" : data.shipped_tour();
    ui_.tour.using_own = data.user_tour;
    // Edits a signal kept last time are offered (draw_recovery_prompt).
    if (const std::string kept = recovery_path(data.tour_save); !kept.empty() && std::filesystem::exists(kept))
        ui_.tour.recovered = kept;
    ui_.tour.save = save_user_tour;
    if (model_->facts && model_->world) ui_.events = timeline_events(*model_->facts, *model_->world);
    attach_ui();
    ui_.attribution = kAttribution;
    reset_view();
    home_pending_ = options_.frame_view && options_.select.empty() && options_.present == 0;
    quiz_pending_ = options_.quiz;
    if (!options_.select.empty()) {
        ui_.request_select = options_.select;
        jump_ = true;  // at start the map opens on the selection, without a flight
    }
    for (const std::string& path : options_.user_layers) open_user_layer(path);
    if (options_.present > 0 && size_t(options_.present) > model_->tour.size()) {
        const std::string why = "no scene " + std::to_string(options_.present) + " to present: the tour has " +
                                std::to_string(model_->tour.size());
        std::fprintf(stderr, "ca-atlas: %s\n", why.c_str());
        ui_.errors.push_back(why);
    } else if (options_.present > 0) {
        present(size_t(options_.present - 1), true);
    }
}

int Session::exit_code() const {
    if (!model_ && !ui_.errors.empty()) return 1;
    return ui_.data_problems.empty() ? 0 : 1;
}

// Home: the view the window started with. Framed into the map's part of the window, its region
// (around its centre) is seen whole beside the panels;
// with --view it fills the window as the same view's export does.
void Session::reset_view() {
    if (!model_) return;
    state_.camera = camera_for_view(*model_->projection, options_.view, viewport_.fb_width, viewport_.fb_height);
    const Box area = map_area_px();
    if (!options_.frame_view || area.empty()) return;
    // The region the view is about: from the default view, Central Asia and Afghanistan from the
    // Caspian to Xinjiang (85% of the view's height wide, 75% high), without the neighbours'
    // margin the whole window shows around it.
    const double tall = state_.camera.metres_per_px * state_.camera.height_px;
    const Vec2 c = state_.camera.centre;
    const Box region{c.x - 0.425 * tall, c.y - 0.375 * tall, c.x + 0.425 * tall, c.y + 0.375 * tall};
    state_.camera = framed_in(state_.camera, region, area, 1.0);
}

Box Session::map_area_px() const {
    const UiState::Area& a = ui_.map_area;
    if (a.empty()) return {};
    const double r = viewport_.pixel_ratio;
    return Box{a.x0 * r, a.y0 * r, a.x1 * r, a.y1 * r};
}

void Session::set_viewport(const Viewport& v) {
    viewport_ = v;
    state_.camera.width_px = std::max(v.fb_width, 1);
    state_.camera.height_px = std::max(v.fb_height, 1);
    state_.pixel_scale = v.pixel_ratio * v.ui_scale * (presenting() ? kPresentationScale : 1.0f);
    ui_.scale = v.ui_scale;
}

bool Session::take_new_model() {
    return std::exchange(new_model_, false);
}

// A finished projection change replaces the model, keeping the view's centre and ground scale.
void Session::finish_reprojection() {
    if (!reprojecting_.valid() || reprojecting_.wait_for(std::chrono::seconds(0)) != std::future_status::ready)
        return;
    try {
        auto next = reprojecting_.get();
        const View v = view_for_camera(*model_->projection, state_.camera);
        next->take_data(*model_);  // the data and the scenes, as edited, stay
        model_ = std::move(next);
        attach_ui();
        new_model_ = true;
        state_.projection = model_->projection->info().id;
        state_.camera = camera_for_view(*model_->projection, v, viewport_.fb_width, viewport_.fb_height);
    } catch (const std::exception& e) {
        ui_.errors.push_back(e.what());
    }
    ui_.busy = false;
}

void Session::update(long long now_ns) {
    now_ns_ = now_ns;
    if (ui_.request_quit) running_ = false;
    if (!model_) return;
    finish_reprojection();
    // Once the panels have their places the start's view is framed beside them: ImGui sizes a
    // panel to its contents over its first frames, so the framing follows the map's part of the
    // window until it stays the same from one frame to the next.
    if (home_pending_ && !ui_.map_area.empty()) {
        const bool settled = ui_.map_area == home_area_;
        if (!settled) reset_view();
        home_area_ = ui_.map_area;
        home_pending_ = !settled;
    }
    tour_requests();
    user_layer_requests();
    apply_requests();
    quiz_requests();
    describe_day();
    if (click_at_ && !presenting()) click();
    click_at_.reset();
    if (ui_.request_select) select(*ui_.request_select, !select_without_flight_);
    ui_.request_select.reset();
    select_without_flight_ = false;
    go_to_scene(now_ns);
    advance_flight(now_ns);
    describe_view();
    describe_quiz();
    if (presenting()) show_presentation(now_ns);
    ui_.presentation.on = presenting();
    if (ui_.request_projection && !reprojecting_.valid()) {
        const std::string id = *ui_.request_projection;
        std::shared_ptr<const World> world = model_->world;
        std::shared_ptr<const Facts> facts = model_->facts;
        reprojecting_ = std::async(std::launch::async,
                                   [world, id, facts] { return MapModel::build(world, id, std::nullopt, facts); });
        ui_.busy = true;
    }
    ui_.request_projection.reset();
    describe_day();  // again: a scene or a flight may have changed the day or the view since
    rebuild_frame();
    if (ui_.tour.open) ui_.tour.view = view_for_camera(*model_->projection, state_.camera);  // the Tour panel's Add
    ++frames_;
    // The keyboard goes to the map once the panels have their places (the second frame); the
    // recovery prompt waits for that.
    if (frames_ == 1) ui_.release_keyboard = true;
    ui_.offer_recovery = frames_ > 2;
}

// The requests of the panels and the shortcuts that change the day, the view or the scene.
void Session::apply_requests() {
    if (ui_.request_scene) go_to_scene_ = int(*ui_.request_scene);
    ui_.request_scene.reset();
    if (ui_.request_date) {
        state_.date = std::clamp(*ui_.request_date, kTimelineStart, kTimelineEnd);
        ui_.request_date.reset();
        // A selected organisation's members follow the day.
        model_->show_members(state_);
    }
    if (ui_.request_reset_view) reset_view();
    ui_.request_reset_view = false;
}

// A click on the map: measure, or select what is under it (a symbol first, then a region, then a
// country).
void Session::click() {
    const float ratio = viewport_.pixel_ratio;
    const Vec2 px{click_at_->x * ratio, click_at_->y * ratio};
    // A question of the quiz is answered by the click.
    if (quizzing() && !ui_.quiz.answered && !ui_.quiz.finished) {
        answer_quiz(px);
        return;
    }
    const Vec2 ll = model_->projection->inverse(state_.camera.to_map(px));
    if (ui_.measuring) {
        if (ui_.measure_points.size() >= 2) ui_.measure_points.clear();
        ui_.measure_label.clear();
        if (std::isfinite(ll.x) && std::isfinite(ll.y)) ui_.measure_points.push_back(ll);
        if (ui_.measure_points.size() == 2) {
            const Course c = geodesic_course(ui_.measure_points[0], ui_.measure_points[1]);
            char text[96];
            std::snprintf(text, sizeof text, "%.1f km, initial bearing %.1f deg (geodesic, WGS84)", c.distance_m / 1000,
                          c.bearing_deg);
            ui_.measure_text = text;
            std::snprintf(text, sizeof text, "%.0f km", c.distance_m / 1000);
            ui_.measure_label = text;
            // One measurement per M: the next click on the map selects again; the line stays
            // until M (or Esc) clears it.
            ui_.measuring = false;
        } else {
            ui_.measure_text = "Click the second point";
        }
        return;
    }
    const int sym = symbol_at(frame_, px);
    // A place's mark selects it; a user's dot is no place, so a click there selects what lies under it.
    if (sym >= 0 && frame_.symbols[size_t(sym)].place >= 0)
        ui_.request_select = model_->features.places[size_t(frame_.symbols[size_t(sym)].place)].place->id;
    else if (const int r = region_at(model_->features, frame_, state_.camera, px, 6.0 * ratio); r >= 0)
        ui_.request_select = model_->features.regions[size_t(r)].id;
    else {
        const int c = model_->country_at(state_.camera.to_map(px), state_.date);
        ui_.request_select = c < 0 ? std::string() : model_->world->countries[size_t(c)].iso_a3;
    }
    select_without_flight_ = true;
}

void Session::select(const std::string& id, bool fly_there) {
    state_.selected = id;
    state_.selected_members.clear();
    model_->show_members(state_);  // an organisation's, that day
    if (state_.selected.empty() || !fly_there) return;
    // Fly to it: the bounds of its geometry, with a margin.
    const Box target = model_->bounds_of(state_.selected, state_.date);
    if (target.empty()) return;
    // Seen beside the panels, not under them.
    const Camera to = framed_in(state_.camera, target, map_area_px(), 0.7);
    flight_ = Flight{true, state_.camera, to, now_ns_, jump_ ? 1e-9 : 1.2};
    jump_ = false;
}

// A scene of the tour: its state at once, its view and its day by a flight.
void Session::go_to_scene(long long now_ns) {
    if (go_to_scene_ < 0 || size_t(go_to_scene_) >= model_->tour.size()) {
        go_to_scene_ = -1;
        return;
    }
    const Scene& sc = model_->tour[size_t(go_to_scene_)];
    const Date from_day = state_.date;
    const std::string projection = state_.projection;
    std::vector<std::string> open;
    for (const auto& l : model_->user_layers) open.push_back(l->id);
    apply_scene(sc, state_, open);
    // The scene's own layers not open yet are read now (and shown once read), labelled as it
    // says; one open already takes the scene's label field.
    bool relabelled = false;
    for (const auto& ref : sc.user_layers) {
        const UserLayerRef r = parse_user_layer_ref(ref);
        if (std::find(open.begin(), open.end(), r.path) == open.end())
            open_user_layer(ref);
        else if (r.label)
            relabelled |= model_->set_user_label_field(r.path, *r.label);
    }
    if (relabelled) {
        ++user_revision_;
        list_user_layers();
    }
    state_.projection = projection;  // a different projection is requested, not assumed
    model_->show_members(state_);
    if (sc.projection != model_->projection->info().id && !reprojecting_.valid()) ui_.request_projection = sc.projection;
    const int w = viewport_.fb_width, h = viewport_.fb_height;
    Camera to = camera_for_view(*model_->projection, sc.view, w, h);
    // The caption covers the bottom: the scene's centre goes to the middle of the rest.
    if (presenting()) to.centre.y -= caption(go_to_scene_).covered_bottom_px / 2.0 * to.metres_per_px;
    flight_ = Flight{true,
                     state_.camera,
                     to,
                     now_ns,
                     scene_jump_ ? 1e-9 : options_.flight_seconds,
                     true,
                     days_from_civil(from_day),
                     days_from_civil(sc.date)};
    if (scene_jump_) state_.date = sc.date;
    scene_jump_ = false;
    go_to_scene_ = -1;
}

void Session::advance_flight(long long now_ns) {
    if (!flight_.active) return;
    const double t = std::clamp((now_ns - flight_.start_ns) / 1e9 / flight_.seconds, 0.0, 1.0);
    const double e = ease_in_out(t);
    fly(state_.camera, flight_.from, flight_.to, e);
    if (flight_.dated)
        state_.date = civil_from_days(flight_.day_from + std::lround((flight_.day_to - flight_.day_from) * e));
    if (t >= 1) flight_.active = false;
}

std::vector<std::string> Session::describe(Vec2 px) const {
    std::vector<std::string> lines;
    const int sym = symbol_at(frame_, px);
    if (sym >= 0 && frame_.symbols[size_t(sym)].layer == MapLayer::User) return describe_user_layers(px);
    if (sym >= 0 && frame_.symbols[size_t(sym)].place >= 0) {
        const Place& p = *model_->features.places[size_t(frame_.symbols[size_t(sym)].place)].place;
        lines.push_back(p.name);
        if (p.from) lines.push_back(p.from->str() + (p.to && !(*p.to == *p.from) ? " to " + p.to->str() : ""));
        if (p.precision == Precision::Area) lines.push_back("location known only to the outlined area");
        return lines;
    }
    if (auto user = describe_user_layers(px); !user.empty()) return user;
    const int c = model_->country_at(state_.camera.to_map(px), state_.date);
    if (c >= 0) {
        lines.push_back(model_->world->countries[size_t(c)].name);
        // Not while a quiz's question is asked: the standing would be the answer.
        if (!overlay_.countries.empty() && !(quizzing() && !ui_.quiz.answered))
            lines.push_back(standing_text(overlay_, c) + " on " + state_.date.str());
    }
    return lines;
}

// The tooltip of what is under the pointer, the scale bar and the measured points on screen.
void Session::describe_view() {
    const float ratio = viewport_.pixel_ratio;
    ui_.hover.clear();
    if (pointer_ && !presenting() && !dragging_ && options_.hover)
        ui_.hover = describe({pointer_->x * ratio, pointer_->y * ratio});
    const ScaleBar bar = scale_bar(*model_->projection, state_.camera, 160.0 * ratio * ui_.scale);
    ui_.scale_px = float(bar.length_px / ratio);
    ui_.scale_label = bar.label;
    ui_.measure_px.clear();
    for (Vec2 ll : ui_.measure_points) {
        const Vec2 p = state_.camera.to_screen(model_->projection->forward(ll));
        ui_.measure_px.push_back({p.x / ratio, p.y / ratio});
    }
}

// What the day's overlay says (for the legend and the tooltip), and the legend: the classes of
// the countries in view on the day; each made again only when its day or view changed.
void Session::describe_day() {
    if (!model_->facts || !model_->world) return;
    if (overlay_day_ != state_.date) {
        overlay_ = overlay_on(*model_->facts, *model_->world, state_.date);
        overlay_day_ = state_.date;
    }
    const std::vector<int> visible = model_->countries_in(state_.camera.visible(), state_.date);
    if (!(legend_key_.first == state_.date) || legend_key_.second != visible) {
        ui_.legend = legend(overlay_, visible, ui_.overlay_style);
        legend_key_ = {state_.date, visible};
        if (presenting()) frame_key_.reset();  // the presentation's frame holds the legend
    }
}

// The frame is rebuilt only when something that changes it changed; the presentation's caption
// (which scene's, for what size of screen) is laid out once for them.
void Session::rebuild_frame() {
    const int w = viewport_.fb_width, h = viewport_.fb_height;
    const int scene = player_ ? int(player_->scene()) : -1;
    const bool legend = scene >= 0 && presentation_legend_;
    coarse_ = !flight_.active && now_ns_ - moved_ns_ < kSettleNs;
    const bool coarse = flight_.active || coarse_;
    const int quiz_step =
        class_quiz() ? int(quiz_at_) * 4 + (ui_.quiz.answered ? 2 : 0) + (ui_.quiz.finished ? 1 : 0) : -1;
    const FrameKey key{state_.camera,   state_.layers,           state_.pixel_scale, model_.get(), state_.date,
                       state_.selected, state_.selected_members, scene, w, h, coarse, legend, quiz_step,
                       user_revision_,  state_.user_hidden};
    if (frame_key_ && *frame_key_ == key) return;
    frame_ = scene >= 0 ? presentation_frame(*model_, state_, measure_, quiz_step >= 0 ? quiz_caption() : caption(scene),
                                             legend ? &ui_.legend : nullptr)
                        : build_frame(state_, Style{}, model_->colours, model_->label_candidates, measure_,
                                      model_->extras(state_, Style{}));
    frame_.detail_bias = coarse ? kFlightDetailBias : 1.0;
    frame_key_ = key;
    ui_.symbol_keys = symbols_in_view(frame_);
    ui_.user_layer_keys = user_layer_keys(*model_, frame_);
    ++frames_built_;
}

const Frame& Session::caption(int scene) {
    const int w = viewport_.fb_width, h = viewport_.fb_height;
    if (caption_of_ != std::tuple{scene, w, h}) {
        caption_frame_ = presentation_caption(*model_, size_t(scene), w, h, measure_, presentation_scale(h));
        caption_of_ = std::tuple{scene, w, h};
    }
    return caption_frame_;
}

std::optional<ExportJob> Session::take_export() {
    if (!ui_.request_export || !model_) return std::nullopt;
    ui_.request_export = false;
    try {
        if (ui_.export_width <= 0 || ui_.export_height <= 0)
            throw UsageError("export size " + std::to_string(ui_.export_width) + "x" +
                             std::to_string(ui_.export_height) + " is not positive");
        if (ui_.export_dpi != 0 && (ui_.export_dpi < 72 || ui_.export_dpi > 1200))
            throw UsageError("export resolution " + std::to_string(ui_.export_dpi) + " dpi is outside 72..1200");
        ExportJob job;
        job.path = ui_.export_file();
        if (std::error_code ec; !ui_.export_folder.empty() && !fs::path(ui_.export_path).is_absolute() &&
                                !fs::is_directory(ui_.export_folder, ec))
            throw UsageError("cannot export into '" + ui_.export_folder + "': there is no such folder");
        // A file already there is replaced only once the user said so.
        if (std::error_code ec; fs::exists(job.path, ec) && !std::exchange(ui_.export_replace, false)) {
            ui_.export_confirm = job.path;
            return std::nullopt;
        }
        ui_.export_replace = false;
        job.state = rescaled(state_, ui_.export_width, ui_.export_height);
        if (ui_.export_dpi > 0) job.state.pixel_scale = float(ui_.export_dpi / 96.0);
        FigureChoice choice;
        choice.title = ui_.export_title;
        choice.legend = ui_.export_legend && state_.layers.memberships;
        choice.scale_bar = ui_.export_scale_bar;
        choice.attribution = ui_.export_attribution;
        choice.citation = ui_.export_citation;
        choice.caption_passage = ui_.export_caption;
        job.figure.dpi = ui_.export_dpi;
        job.figure.decorations = decorations_for(*model_, job.state, choice);
        return job;
    } catch (const std::exception& e) {
        ui_.errors.push_back(e.what());
        ui_.export_error = e.what();
        return std::nullopt;
    }
}

void Session::exported(const ExportJob& job, const std::string& error) {
    if (!error.empty()) {
        ui_.errors.push_back(error);
        ui_.export_error = error;
        return;
    }
    ui_.export_error.clear();
    ui_.written_path = job.path;
    ui_.status = "Wrote " + job.path + " (" + std::to_string(job.state.camera.width_px) + "x" +
                 std::to_string(job.state.camera.height_px) + ")";
}

}  // namespace atlas
